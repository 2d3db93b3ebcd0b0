// Test image construction through the same tool runner the engine uses.
#include "tests/vm-sim/disk/disk_test_support.hpp"

#include "tests/support/test_stack.hpp"
#include "vm-sim/disk/sparse_file.hpp"
#include "vm-sim/disk/tool_process.hpp"

#include <fstream>
#include <stdexcept>
#include <vector>

namespace azemu::testing::disk {

std::filesystem::path temp_dir(const std::string& tag) { return azemu::testing::make_temp_dir(tag); }

std::filesystem::path make_ext4_image(const std::filesystem::path& dir, const std::string& name,
                                      std::uint64_t size_mib, int lines) {
  const std::filesystem::path tree = dir / (name + ".tree");
  std::filesystem::create_directories(tree);
  {
    std::ofstream marker(tree / "marker");
    for (int i = 0; i < lines; ++i) marker << kMarker << " line " << i << "\n";
  }
  const std::filesystem::path image = dir / name;
  azemu::vm::disk::create_sparse(image, size_mib << 20);
  const auto made = azemu::vm::disk::run_tool_blocking(
      {"mke2fs", "-q", "-F", "-t", "ext4", "-L", "testdata", "-d", tree.string(), image.string()});
  if (made.exit_code != 0) throw std::runtime_error("mke2fs failed: " + made.output);
  std::filesystem::remove_all(tree);
  return image;
}

std::uint64_t count_occurrences(const std::filesystem::path& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  std::string window;  // previous chunk's tail + this chunk, so a match across chunks counts once
  std::uint64_t count = 0;
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    window.append(buffer.data(), static_cast<size_t>(in.gcount()));
    for (size_t at = window.find(needle); at != std::string::npos; at = window.find(needle, at + 1)) ++count;
    window.erase(0, window.size() >= needle.size() ? window.size() - (needle.size() - 1) : 0);
  }
  return count;
}

std::string debugfs_cat(const std::filesystem::path& image, const std::string& file) {
  return azemu::vm::disk::run_tool_blocking({"debugfs", "-R", "cat " + file, image.string()}).output;
}

}  // namespace azemu::testing::disk
