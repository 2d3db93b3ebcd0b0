// Replacing a small file so that a crash at any point — of the process, or of the machine or guest
// kernel under it — leaves either the old content or the new one, never an empty or torn file.
// Shared by azemu (keys, certificates) and the guest programs (the agent's extension index, the
// ADE handler's state, crypttab/fstab): a guest killed with its host process loses its page cache
// like a machine losing power, and ext4's delayed allocation then leaves a renamed-but-unwritten
// file empty (seen: the agent's extension index after a kill -9 of azemu mid-encryption).
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

namespace azemu::files {

/// Writes `text` to a temporary file beside `path` (mode `mode`), fsyncs it, renames it over
/// `path` and fsyncs the folder. Throws std::runtime_error naming the path when any step fails.
void replace_file_durably(const std::string& path, std::string_view text, mode_t mode = 0600);

}  // namespace azemu::files
