#include "vm-sim/machine/bek_volume.hpp"

#include "vm-sim/machine/guest_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::vm {

namespace fs = std::filesystem;

namespace {
/// 2 MiB is what the research measured (12 ms to build); grown for large key sets.
constexpr std::int64_t kMinBytes = 2 << 20;

void check_name(const std::string& name) {
  // The file goes to the root directory of the volume (mtools "::/<name>"): one plain component.
  if (name.empty() || name.size() > 200 || name.find_first_of("/\\:*?\"<>|") != std::string::npos || name == "." ||
      name == "..")
    throw std::runtime_error("invalid BEK volume file name '" + name + "'");
}

/// Creates (or truncates) `path` with mode 0600 and returns its fd: keys are never world-readable,
/// and no umask juggling (process-wide) is needed.
int create_private(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  return fd;
}

struct TempFile {
  std::string path;
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};
}  // namespace

void write_bek_image(const std::string& path, const ports::BekVolume& bek) {
  TempFile image{path + ".tmp"};
  std::int64_t bytes = 0;
  for (const auto& [name, content] : bek.files) {
    check_name(name);
    bytes += static_cast<std::int64_t>(content.size()) + 4096;
  }
  const std::int64_t size = std::max<std::int64_t>(kMinBytes, (2 * bytes + (1 << 20)) & ~std::int64_t{0xfffff});
  int fd = create_private(image.path);
  const bool sized = ::ftruncate(fd, size) == 0;
  ::close(fd);
  if (!sized) throw std::runtime_error("cannot size " + image.path);
  // On the existing 0600 file (no -C): mkfs.fat takes the file's size.
  if (int rc = run_tool({"mkfs.vfat", "-n", kBekVolumeLabel, image.path}); rc != 0)
    throw std::runtime_error("mkfs.vfat failed for the BEK volume (exit " + std::to_string(rc) + ")");
  for (const auto& [name, content] : bek.files) {
    TempFile source{path + ".key.tmp"};
    fd = create_private(source.path);
    const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + source.path);
    if (int rc = run_tool({"mcopy", "-o", "-i", image.path, source.path, "::/" + name}); rc != 0)
      throw std::runtime_error("mcopy of " + name + " to the BEK volume failed (exit " + std::to_string(rc) + ")");
  }
  fs::rename(image.path, path);
}

std::optional<std::string> read_bek_file(const std::string& path, const std::string& name) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  check_name(name);
  TempFile out{path + ".read.tmp"};
  int fd = create_private(out.path);
  // mtype copies the file byte for byte to stdout (no text conversion without -t).
  const int rc = run_tool({"mtype", "-i", path, "::/" + name}, fd);
  ::close(fd);
  if (rc != 0) return std::nullopt;  // "File ... not found"
  std::ifstream in(out.path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace azemu::vm
