// The guest image every UML VM boots: built by build-guest.sh from installed Debian packages and
// the static guest agent, cached under <data-dir>/guest/<content hash>/ (a rebuild happens only
// when an input changed; a cache hit costs a few milliseconds).
#pragma once

#include <string>

namespace azemu::vm {

struct GuestImageSources {
  std::string build_script;  // vm-sim/guest/build-guest.sh
  std::string agent;         // <build>/bin/azemu-guest-agent
  std::string ade_handler;   // <build>/bin/azemu-ade-handler (optional: without it VMs have no ADE extension)
  std::string kernel = "/usr/bin/linux.uml";
  std::string uml_preload;   // <build>/bin/libazemu-uml-xstate.so (optional: see vm-sim/uml/xstate_shim.cpp)

  /// Paths of this build tree (compile-time), overridable with AZEMU_GUEST_SCRIPT / AZEMU_GUEST_AGENT /
  /// AZEMU_ADE_HANDLER / AZEMU_UML_PRELOAD.
  static GuestImageSources defaults();
  /// Everything needed to build and boot is present (kernel, script, agent).
  bool available() const;
  /// Why not, for the log line that announces the guest-less fallback.
  std::string missing() const;
};

struct GuestImage {
  std::string kernel;
  std::string uml_preload;  // LD_PRELOAD for the kernel process, empty when absent
  std::string os_image;  // sparse ext4 base image, never written: VMs boot from copies
  std::string initrd;    // initramfs.cpio: boots VMs whose OS disk is LUKS (unlock, switch_root)
  std::string hash;
};

/// Builds (or finds) the image; the script's progress goes to this process's stderr.
/// Throws std::runtime_error when the build fails.
GuestImage ensure_guest_image(const std::string& data_dir, const GuestImageSources& sources);

}  // namespace azemu::vm
