// GuestRuntime's private parts shared by its two source files (guest_runtime.cpp: the lifecycle;
// guest_runtime_spares.cpp: the warm-guest pool): the per-VM state and small disk helpers. Not
// for anyone else: include guest_runtime.hpp.
#pragma once

#include "vm-sim/machine/guest_runtime.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace azemu::vm {

inline constexpr std::int64_t kGiB = 1024ll * 1024 * 1024;

inline std::string os_disk_id(const ports::VmSpec& s) {
  return s.os_disk.disk_id.empty() ? "/vms/" + s.vm_id + "/osdisk" : s.os_disk.disk_id;
}

inline std::int64_t bytes_of(std::int64_t size_gb) { return std::max<std::int64_t>(size_gb, 1) * kGiB; }

/// One VM. `op` serialises lifecycle operations and channel use; `seen` guards what readers
/// (status, extension_status) are answered from without waiting for `op`.
struct GuestRuntime::Vm {
  ports::VmSpec spec;
  std::string dir;
  std::mutex op;
  std::unique_ptr<Guest> guest;  // while booted
  std::mutex seen;
  ports::GuestStatus status;
  std::map<std::string, ports::ExtensionReport> reports;
};

}  // namespace azemu::vm
