// Superblock layout (little endian): s_blocks_count_lo @0x04, s_log_block_size @0x18, s_magic
// @0x38 (0xEF53), s_feature_incompat @0x60 (INCOMPAT_64BIT 0x80), s_blocks_count_hi @0x150.
#include "vm-sim/disk/ext_filesystem.hpp"

#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/tool_process.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace azemu::vm::disk {

namespace {

std::uint64_t le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

std::string tail(const std::string& output) {
  return output.size() > 400 ? output.substr(output.size() - 400) : output;
}

// "  Free blocks: 8-31, 4096-8191, 9000" -> ranges of blocks.
void parse_free_line(const std::string& list, std::uint64_t block_size, std::vector<ByteRange>& out) {
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto first = item.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    item = item.substr(first);
    const auto dash = item.find('-');
    const std::uint64_t from = std::stoull(item.substr(0, dash));
    const std::uint64_t to = dash == std::string::npos ? from : std::stoull(item.substr(dash + 1));
    out.push_back({from * block_size, (to - from + 1) * block_size});
  }
}

}  // namespace

std::optional<ExtGeometry> read_ext_geometry(const std::filesystem::path& path, std::uint64_t offset) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DiskError("open " + path.string(), errno);
  unsigned char sb[1024];
  const ssize_t got = ::pread(fd, sb, sizeof sb, static_cast<off_t>(offset + 1024));
  ::close(fd);
  if (got != static_cast<ssize_t>(sizeof sb) || le(sb + 0x38, 2) != 0xEF53) return std::nullopt;
  ExtGeometry geometry;
  geometry.block_size = std::uint64_t{1024} << le(sb + 0x18, 4);
  geometry.block_count = le(sb + 0x04, 4);
  if (le(sb + 0x60, 4) & 0x80) geometry.block_count |= le(sb + 0x150, 4) << 32;
  return geometry;
}

void shrink_ext_filesystem(const std::filesystem::path& path, std::uint64_t max_bytes) {
  const auto geometry = read_ext_geometry(path);
  if (!geometry) throw DiskError("shrink " + path.string(), EINVAL, "no ext2/3/4 filesystem");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw DiskError("stat " + path.string(), errno);

  // resize2fs refuses to shrink a filesystem that was not checked since its last mount. Preen
  // mode (-p) repairs only what is safe without asking; exit codes >= 4 mean errors were left.
  const ToolResult fsck = run_tool_blocking({"e2fsck", "-f", "-p", path.string()});
  if (fsck.exit_code >= 4) throw DiskError("e2fsck " + path.string(), EIO, tail(fsck.output));

  const std::uint64_t blocks = max_bytes / geometry->block_size;
  const ToolResult resize = run_tool_blocking({"resize2fs", path.string(), std::to_string(blocks)});
  if (resize.exit_code != 0) throw DiskError("resize2fs " + path.string(), ENOSPC, tail(resize.output));

  if (S_ISREG(st.st_mode)) std::filesystem::resize_file(path, static_cast<std::uintmax_t>(st.st_size));
}

std::vector<ByteRange> ext_free_ranges(const std::filesystem::path& path) {
  const auto geometry = read_ext_geometry(path);
  if (!geometry) return {};
  const ToolResult dump = run_tool_blocking({"dumpe2fs", path.string()});
  if (dump.exit_code != 0) throw DiskError("dumpe2fs " + path.string(), EIO, tail(dump.output));
  std::vector<ByteRange> ranges;
  std::stringstream in(dump.output);
  std::string line;
  const std::string key = "Free blocks: ";
  while (std::getline(in, line)) {
    // Group lines are indented; the unindented "Free blocks:" line is the superblock's total count.
    if (line.empty() || line[0] != ' ') continue;
    const auto at = line.find(key);
    if (at == std::string::npos) continue;
    parse_free_line(line.substr(at + key.size()), geometry->block_size, ranges);
  }
  return ranges;
}

}  // namespace azemu::vm::disk
