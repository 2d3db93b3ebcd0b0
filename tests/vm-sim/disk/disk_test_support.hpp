// Helpers for the disk engine tests: ext4 images with a known marker file (mke2fs -d), byte
// searches in raw images, and reading a file back out of an image with debugfs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace azemu::testing::disk {

/// The marker text written (many times) into /marker of every test image.
inline const std::string kMarker = "AZEMU-DISK-TEST-MARKER-7f3a";

/// A sparse `size_mib` ext4 image at `dir`/`name` whose /marker holds `lines` lines of kMarker.
std::filesystem::path make_ext4_image(const std::filesystem::path& dir, const std::string& name,
                                      std::uint64_t size_mib, int lines = 2000);

/// How often `needle` occurs in the raw bytes of `path`.
std::uint64_t count_occurrences(const std::filesystem::path& path, const std::string& needle);

/// `debugfs -R 'cat <file>' image` output (includes debugfs's banner line).
std::string debugfs_cat(const std::filesystem::path& image, const std::string& file);

/// A fresh temporary directory for one test.
std::filesystem::path temp_dir(const std::string& tag);

}  // namespace azemu::testing::disk
