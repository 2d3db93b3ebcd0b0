// Copying disk images for `azemu snapshot`: a reflink (FICLONE) where the file system shares
// extents (btrfs, XFS), so a 30 GB image costs nothing until either copy is written; else a copy
// of the data extents only (SEEK_DATA/SEEK_HOLE), so a sparse image stays sparse.
#pragma once

#include <cstdint>
#include <string>

namespace azemu::files {

struct CopyStats {
  std::uint64_t files = 0;
  std::uint64_t bytes_copied = 0;  // bytes read and written (0 for reflinked files)
  std::uint64_t reflinked = 0;     // files cloned by FICLONE
};

/// Copies `from` to `to` (created 0600, must not exist): a reflink when the file system can,
/// else the data extents with holes kept. fsyncs `to`. Throws std::runtime_error naming the paths.
void clone_or_sparse_copy(const std::string& from, const std::string& to, CopyStats& stats);

/// Copies the folder tree `from` into `to` (created, must not exist) with clone_or_sparse_copy
/// for each regular file; sockets, pipes and links are skipped (a guest's runtime endpoints, not
/// its state). A missing `from` gives an empty `to`.
void copy_tree(const std::string& from, const std::string& to, CopyStats& stats);

}  // namespace azemu::files
