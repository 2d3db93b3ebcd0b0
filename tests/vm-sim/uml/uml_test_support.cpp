#include "uml_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

namespace azemu::vm::test {

namespace fs = std::filesystem;

const GuestImage* shared_image() {
  static std::optional<GuestImage> image = []() -> std::optional<GuestImage> {
    auto sources = GuestImageSources::defaults();
    if (!sources.available()) return std::nullopt;
    return ensure_guest_image(AZEMU_TEST_GUEST_CACHE, sources);
  }();
  return image ? &*image : nullptr;
}

std::string random_vm_id() {
  std::random_device rd;
  std::ostringstream s;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) s << '-';
    s << "0123456789abcdef"[rd() % 16];
  }
  return s.str();
}

std::string temp_dir() {
  char tmpl[] = "/tmp/azemu-vm-XXXXXX";
  return mkdtemp(tmpl);
}

std::string disk_id(const std::string& name) {
  return "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/disks/" + name;
}

std::vector<int> processes_mentioning(const std::string& needle) {
  std::vector<int> pids;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmd.find(needle) != std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

bool file_contains(const std::string& path, const std::string& needle) {
  // Data extents only (SEEK_DATA/SEEK_HOLE): a 30 GiB sparse OS image holds a few hundred MiB.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const off_t size = lseek(fd, 0, SEEK_END);
  std::string chunk(1 << 20, '\0');
  off_t pos = 0;
  bool found = false;
  while (!found && pos < size) {
    off_t data = lseek(fd, pos, SEEK_DATA);
    if (data < 0) break;
    off_t hole = lseek(fd, data, SEEK_HOLE);
    if (hole < 0) hole = size;
    std::string carry;
    for (off_t at = data; at < hole && !found;) {
      ssize_t n = pread(fd, chunk.data(), static_cast<size_t>(std::min<off_t>(hole - at, static_cast<off_t>(chunk.size()))), at);
      if (n <= 0) break;
      std::string window = carry + chunk.substr(0, static_cast<std::size_t>(n));
      found = window.find(needle) != std::string::npos;
      carry = window.substr(window.size() > needle.size() ? window.size() - needle.size() : 0);
      at += n;
    }
    pos = hole;
  }
  close(fd);
  return found;
}

UmlOptions options_for(const std::string& data_dir, const GuestImage& image) {
  UmlOptions o;
  o.data_dir = data_dir;
  o.image = image;
  return o;
}

std::string run_ok(UmlRuntime& rt, const std::string& vm_id, const std::string& script) {
  auto r = rt.run_command(vm_id, script);
  INFO("script: " << script << "\nstdout: " << r.stdout_text << "\nstderr: " << r.stderr_text);
  CHECK(r.exit_code == 0);
  return r.stdout_text;
}

}  // namespace azemu::vm::test
