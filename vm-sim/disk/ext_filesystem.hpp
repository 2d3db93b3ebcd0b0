// The ext2/3/4 facts in-place encryption needs: where the filesystem ends, shrinking it out of the
// tail the LUKS2 data shift takes, and which blocks are free (to keep a sparse image sparse).
// Reads the superblock itself; shrinking and the free list go through e2fsprogs.
#pragma once

#include "vm-sim/disk/sparse_file.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace azemu::vm::disk {

struct ExtGeometry {
  std::uint64_t block_size = 0;
  std::uint64_t block_count = 0;
  std::uint64_t bytes() const { return block_size * block_count; }
};

/// The geometry from the superblock at `offset` + 1024, or nullopt when there is no ext magic.
std::optional<ExtGeometry> read_ext_geometry(const std::filesystem::path& path, std::uint64_t offset = 0);

/// Shrinks the filesystem so it ends at or before `max_bytes`: `e2fsck -fp`, then `resize2fs`.
/// A regular file keeps its size (resize2fs truncates image files; research/uml-ade.md pitfalls).
/// Throws DiskError (ENOSPC when resize2fs cannot shrink that far; EIO when e2fsck fails).
void shrink_ext_filesystem(const std::filesystem::path& path, std::uint64_t max_bytes);

/// The free blocks as byte ranges relative to the filesystem start (from `dumpe2fs`).
std::vector<ByteRange> ext_free_ranges(const std::filesystem::path& path);

}  // namespace azemu::vm::disk
