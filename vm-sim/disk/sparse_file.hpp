// Sparse image files: create them, and give back disk space after a full-device rewrite (LUKS2
// reencryption reads holes as zeros and writes ciphertext everywhere, research/uml-ade.md §6).
// Regular files only; hole punching is a no-op on block devices.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace azemu::vm::disk {

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

/// Creates `path` (must not exist) as a sparse file of `size_bytes`. Throws DiskError (EEXIST).
void create_sparse(const std::filesystem::path& path, std::uint64_t size_bytes);

/// Punches holes over every 4 KiB-aligned all-zero block of `path`; returns the bytes punched.
/// The file's size and content do not change. Throws DiskError.
std::uint64_t punch_holes(const std::filesystem::path& path);
/// The same, limited to the blocks inside `within`.
std::uint64_t punch_holes(const std::filesystem::path& path, ByteRange within);

/// Punches holes over `ranges` (content there becomes zeros). Returns the bytes punched.
std::uint64_t punch_ranges(const std::filesystem::path& path, const std::vector<ByteRange>& ranges);

/// Bytes the file really occupies on disk (st_blocks * 512).
std::uint64_t allocated_bytes(const std::filesystem::path& path);

}  // namespace azemu::vm::disk
