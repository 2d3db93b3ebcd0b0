// Snapshot copies of disk images: content identical, holes kept (or the file reflinked), folder
// trees with their sockets skipped.
#include "emulator/fs/clone_file.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace azemu::files;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_at(int fd, off_t at, const std::string& s) { REQUIRE(::pwrite(fd, s.data(), s.size(), at) == static_cast<ssize_t>(s.size())); }
}  // namespace

TEST_SUITE("clone_file") {
  TEST_CASE("a sparse 64 MiB image is copied with its data at the same offsets and its holes kept") {
    auto dir = azemu::testing::make_temp_dir("clone");
    std::string from = dir + "/disk.img", to = dir + "/copy.img";
    int fd = ::open(from.c_str(), O_WRONLY | O_CREAT, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, 64 << 20) == 0);
    write_at(fd, 0, "LUKS\xba\xbe header");
    write_at(fd, 40 << 20, std::string(8192, 'x'));
    ::close(fd);
    CopyStats stats;
    clone_or_sparse_copy(from, to, stats);
    CHECK(stats.files == 1);
    CHECK(slurp(from) == slurp(to));
    struct stat st {};
    REQUIRE(::stat(to.c_str(), &st) == 0);
    CHECK(st.st_size == (64 << 20));
    CHECK(st.st_mode % 01000 == 0600);
    if (stats.reflinked == 0) {
      CHECK(stats.bytes_copied < (1 << 20));           // only the data extents were read
      CHECK(st.st_blocks * 512 < (4 << 20));          // and the copy is sparse
    }
    CHECK_THROWS_WITH_AS(clone_or_sparse_copy(from, to, stats), doctest::Contains("cannot create"), std::runtime_error);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("copy_tree copies folders and regular files, skips sockets, and makes an empty tree from nothing") {
    auto dir = azemu::testing::make_temp_dir("clonetree");
    std::filesystem::create_directories(dir + "/src/vms/abc");
    std::ofstream(dir + "/src/vms/abc/spec.json") << "{\"vm\":1}";
    std::ofstream(dir + "/src/top.img") << "data";
    int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string sock = dir + "/src/vms/abc/agent.sock";
    if (sock.size() < sizeof(addr.sun_path)) {
      std::snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", sock.c_str());
      REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    }
    ::close(s);
    CopyStats stats;
    copy_tree(dir + "/src", dir + "/dst", stats);
    CHECK(stats.files == 2);
    CHECK(slurp(dir + "/dst/vms/abc/spec.json") == "{\"vm\":1}");
    CHECK(slurp(dir + "/dst/top.img") == "data");
    CHECK_FALSE(std::filesystem::exists(dir + "/dst/vms/abc/agent.sock"));
    copy_tree(dir + "/missing", dir + "/empty", stats);
    CHECK(std::filesystem::is_empty(dir + "/empty"));
    std::filesystem::remove_all(dir);
  }
}
