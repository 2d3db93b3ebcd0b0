#include "vm-sim/machine/disk_files.hpp"

#include "vm-sim/machine/guest_process.hpp"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <linux/fs.h>
#include <stdexcept>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::vm {

namespace {
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

/// Copies the data extents of `in` to `out`, leaving holes as holes.
void sparse_copy(int in, int out, off_t size, const std::string& path) {
  off_t pos = 0;
  while (pos < size) {
    off_t data = lseek(in, pos, SEEK_DATA);
    if (data < 0) break;  // ENXIO: only a hole is left
    off_t hole = lseek(in, data, SEEK_HOLE);
    if (hole < 0) hole = size;
    off_t src = data, dst = data;
    while (src < hole) {
      ssize_t n = copy_file_range(in, &src, out, &dst, static_cast<std::size_t>(hole - src), 0);
      if (n < 0) fail("copy_file_range to", path);
      if (n == 0) break;
    }
    pos = hole;
  }
}
}  // namespace

std::string disk_file_name(const std::string& disk_id, const std::string& name) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: stable across runs and builds
  for (unsigned char c : disk_id) {
    h ^= static_cast<unsigned char>(std::tolower(c));
    h *= 1099511628211ull;
  }
  std::string safe;
  for (unsigned char c : name.substr(0, 64)) safe += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return (safe.empty() ? "disk" : safe) + "-" + hex + ".img";
}

bool create_sparse_disk(const std::string& path, std::int64_t bytes) {
  Fd f{open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
  if (f.fd < 0) {
    if (errno == EEXIST) return false;
    fail("cannot create disk", path);
  }
  if (ftruncate(f.fd, bytes) != 0) fail("cannot size disk", path);
  return true;
}

void create_os_disk(const std::string& base, const std::string& path, std::int64_t bytes, int log_fd) {
  if (std::filesystem::exists(path)) return;
  std::string tmp = path + ".partial";
  {
    Fd in{open(base.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) fail("cannot open guest image", base);
    struct stat st {};
    fstat(in.fd, &st);
    Fd out{open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
    if (out.fd < 0) fail("cannot create OS disk", tmp);
    if (ioctl(out.fd, FICLONE, in.fd) != 0) {
      if (ftruncate(out.fd, st.st_size) != 0) fail("cannot size OS disk", tmp);
      sparse_copy(in.fd, out.fd, st.st_size, tmp);
    }
    if (bytes > st.st_size && ftruncate(out.fd, bytes) != 0) fail("cannot grow OS disk", tmp);
    if (bytes > st.st_size) {
      out.fd = (close(out.fd), -1);
      // Azure images grow their root filesystem on first boot; doing it here costs ~0.1 s once.
      if (int rc = run_tool({"resize2fs", "-f", tmp}, log_fd); rc != 0) {
        std::filesystem::remove(tmp);
        throw std::runtime_error("resize2fs of the OS disk failed (exit " + std::to_string(rc) + ")");
      }
    }
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace azemu::vm
