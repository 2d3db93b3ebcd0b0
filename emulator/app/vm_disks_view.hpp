// The text of `azemu vm disks NAME`: a short, aligned teaching view of the disk encryption report
// (fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp) — one table row per
// disk with its LUKS header, then the BEK secret and KEK each disk group uses and the audit
// records that touched them, then two lines explaining the columns. `--json` prints to_json().
#pragma once

#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

#include <cstdint>
#include <string>

namespace azemu::app {

std::string format_vm_disks(const arm::compute::VmDiskEncryptionReport& report);

/// 1536 -> "1.5 KiB", 32212254720 -> "30 GiB" (binary units, at most one decimal).
std::string human_bytes(std::uint64_t bytes);

}  // namespace azemu::app
