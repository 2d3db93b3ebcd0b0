// Runs an e2fsprogs tool (e2fsck, resize2fs, dumpe2fs) and collects its output: the few filesystem
// steps of in-place encryption that libcryptsetup does not do. Blocking; no shell involved.
#pragma once

#include <string>
#include <vector>

namespace azemu::vm::disk {

struct ToolResult {
  int exit_code = -1;  ///< the tool's exit status; 128 + signal when it was killed
  std::string output;  ///< stdout and stderr, interleaved
};

/// Runs argv[0] (looked up in PATH, then /usr/sbin and /sbin) with LC_ALL=C. Throws DiskError
/// (ENOENT) when the tool is not installed.
ToolResult run_tool_blocking(const std::vector<std::string>& argv);

}  // namespace azemu::vm::disk
