// How long GuestRuntime and the hypervisors wait for a guest, in one place: the UML and QEMU
// runtimes used to carry their own copies, and the copies had drifted apart (an extension status
// read waited 500 ms under one and 1 s under the other). Only the boot timeout differs per
// runtime (GuestRuntimeOptions::boot_timeout: QEMU without KVM boots far slower than UML).
#pragma once

#include <chrono>

namespace azemu::vm {

struct Timeouts {
  /// Agent requests answered at once by the agent itself: provisioning after a boot, an
  /// extension's settings (the handler starts detached), Azure disk names after a hot-plug.
  std::chrono::milliseconds agent_request{30000};
  /// extension_status() answers a GET: it asks the agent only this long, else serves the last report.
  std::chrono::milliseconds extension_status{500};
  /// ext_remove runs the handler's disable + uninstall (Azure gives each 300 s), plus a margin.
  std::chrono::milliseconds extension_remove{330000};
  /// The runtime's own shell chores in the guest (disk names, BEK unmounts): the agent kills the
  /// script after `guest_script_run`, the host gives up after `guest_script_answer`.
  std::chrono::seconds guest_script_run{60};
  std::chrono::milliseconds guest_script_answer{90000};
  /// stop/deallocate/remove: how long a guest gets to power off cleanly before it is killed.
  std::chrono::milliseconds shutdown_grace{20000};
};

}  // namespace azemu::vm
