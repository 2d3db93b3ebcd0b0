// See clone_file.hpp.
#include "emulator/fs/clone_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <linux/fs.h>
#include <stdexcept>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace azemu::files {

namespace {
[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

void write_all(int fd, const char* p, std::size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("cannot write", path);
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// The data extents of `in` copied at the same offsets; holes are left unwritten (ftruncate sets
// the size), so they stay holes in `out`.
std::uint64_t copy_extents(int in, int out, off_t size, const std::string& from, const std::string& to) {
  std::vector<char> buf(1 << 20);
  std::uint64_t copied = 0;
  off_t pos = 0;
  while (pos < size) {
    off_t data = ::lseek(in, pos, SEEK_DATA);
    if (data < 0) {
      if (errno == ENXIO) break;  // only a hole is left
      fail("cannot seek in", from);
    }
    off_t hole = ::lseek(in, data, SEEK_HOLE);
    if (hole < 0) fail("cannot seek in", from);
    for (off_t at = data; at < hole;) {
      std::size_t want = static_cast<std::size_t>(std::min<off_t>(hole - at, static_cast<off_t>(buf.size())));
      ssize_t r = ::pread(in, buf.data(), want, at);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) fail("cannot read", from);
      if (r == 0) break;  // the file shrank under us
      if (::lseek(out, at, SEEK_SET) < 0) fail("cannot seek in", to);
      write_all(out, buf.data(), static_cast<std::size_t>(r), to);
      at += r;
      copied += static_cast<std::uint64_t>(r);
    }
    pos = hole;
  }
  return copied;
}
}  // namespace

void clone_or_sparse_copy(const std::string& from, const std::string& to, CopyStats& stats) {
  Fd in{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) fail("cannot open", from);
  struct stat st {};
  if (::fstat(in.fd, &st) != 0) fail("cannot stat", from);
  Fd out{::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
  if (out.fd < 0) fail("cannot create", to);
  ++stats.files;
  if (::ioctl(out.fd, FICLONE, in.fd) == 0) {
    ++stats.reflinked;
  } else {
    // EOPNOTSUPP/EINVAL (no reflinks here, e.g. ext4, tmpfs), EXDEV (another file system): copy.
    if (::ftruncate(out.fd, st.st_size) != 0) fail("cannot size", to);
    stats.bytes_copied += copy_extents(in.fd, out.fd, st.st_size, from, to);
  }
  if (::fsync(out.fd) != 0) fail("cannot sync", to);
}

void copy_tree(const std::string& from, const std::string& to, CopyStats& stats) {
  namespace fs = std::filesystem;
  if (!fs::create_directory(to)) throw std::runtime_error("cannot create " + to + ": it exists");
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return;
  for (const auto& entry : fs::directory_iterator(from)) {
    auto status = entry.symlink_status();
    std::string target = to + "/" + entry.path().filename().string();
    if (fs::is_directory(status)) copy_tree(entry.path().string(), target, stats);
    else if (fs::is_regular_file(status)) clone_or_sparse_copy(entry.path().string(), target, stats);
  }
}

}  // namespace azemu::files
