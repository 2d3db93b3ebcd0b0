// Disk image files on the host: every managed disk is one sparse raw file under
// <data-dir>/disks/, named after the disk and a hash of its ARM id (ids are case-insensitive, so
// the hash is over the lower-cased id). The OS disk starts as a copy of the guest image, grown to
// the declared size; data disks start as holes of the declared size (createOption Empty).
#pragma once

#include <cstdint>
#include <string>

namespace azemu::vm {

/// "<sanitised name>-<16 hex digits>.img"
std::string disk_file_name(const std::string& disk_id, const std::string& name);

/// Creates a sparse file of `bytes` unless the file exists (an existing disk keeps its content).
/// Returns true when it created the file.
bool create_sparse_disk(const std::string& path, std::int64_t bytes);

/// Copies the ext4 `base` image to `path` (reflink when the filesystem can, else a sparse copy
/// that skips holes), then grows file and filesystem to `bytes` (resize2fs) when larger. No-op
/// when `path` exists.
void create_os_disk(const std::string& base, const std::string& path, std::int64_t bytes, int log_fd);

}  // namespace azemu::vm
