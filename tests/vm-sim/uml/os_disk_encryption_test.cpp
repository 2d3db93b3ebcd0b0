// The host half of OS-volume encryption without a guest: an ext4 image holding ADE's request file
// is encrypted in place (only its shrunk filesystem), keeps its apparent size, and decrypts to a
// filesystem without the request, with the grow flag and the old content. Also the BEK image.
#include "vm-sim/uml/os_disk_encryption.hpp"

#include "vm-sim/disk/crypto_plaintext_reader.hpp"
#include "vm-sim/disk/ext_filesystem.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/tool_process.hpp"
#include "vm-sim/machine/bek_volume.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace azemu;
using namespace azemu::vm;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/azemu-osenc-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};

/// A 2 GiB sparse ext4 OS image from a small tree (as build-guest.sh makes them).
std::string make_os_image(const std::string& dir, bool with_request) {
  std::string tree = dir + "/tree";
  fs::create_directories(tree + "/root");
  fs::create_directories(tree + "/etc/azemu");
  std::ofstream(tree + "/root/marker") << "AZEMU-HOST-OS-MARKER-1f2e\n";
  if (with_request) {
    fs::create_directories(tree + "/var/lib/azure_disk_encryption_config");
    std::ofstream(tree + "/var/lib/azure_disk_encryption_config/os_encryption_requested");
  }
  std::string img = dir + "/os.img";
  auto r = disk::run_tool_blocking({"mke2fs", "-q", "-F", "-t", "ext4", "-d", tree, img, "2G"});
  REQUIRE(r.exit_code == 0);
  return img;
}

/// debugfs over the decrypted filesystem (exported to a file: no device-mapper on the host).
std::string debugfs_plain(const std::string& img, const std::string& passphrase, const std::string& request) {
  disk::PlaintextReader reader(img, passphrase);
  auto sb = reader.read(0, 4096);
  std::string head = img + ".plain";
  {
    std::ofstream(head, std::ios::binary).write(reinterpret_cast<const char*>(sb.data()), static_cast<std::streamsize>(sb.size()));
  }
  auto geometry = disk::read_ext_geometry(head);
  REQUIRE(geometry.has_value());
  std::ofstream out(head, std::ios::binary | std::ios::trunc);
  for (std::uint64_t at = 0; at < geometry->bytes(); at += 8 << 20) {
    auto chunk = reader.read(at, std::min<std::uint64_t>(8 << 20, geometry->bytes() - at));
    out.write(reinterpret_cast<const char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
  }
  out.close();
  auto r = disk::run_tool_blocking({"debugfs", "-R", request, head});
  fs::remove(head);
  return r.output;
}

}  // namespace

TEST_CASE("os disk encryption: only the shrunk filesystem is encrypted; the image keeps its size and content") {
  TempDir dir;
  std::string img = make_os_image(dir.path, true);
  CHECK(os_encryption_requested(img));
  encrypt_os_disk(img, "os-pass", 2ll << 30);
  CHECK(disk::is_luks(img));
  CHECK(fs::file_size(img) == 2ull << 30);
  CHECK(disk::inspect(img).data_offset_bytes == 16u << 20);
  CHECK(disk::test_passphrase(img, "os-pass").has_value());
  CHECK_FALSE(os_encryption_requested(img));  // not ext4 any more
  CHECK(debugfs_plain(img, "os-pass", "cat /root/marker").find("AZEMU-HOST-OS-MARKER-1f2e") != std::string::npos);
  CHECK(debugfs_plain(img, "os-pass", std::string("stat ") + kOsEncryptionRequestPath).find("File not found") !=
        std::string::npos);
  CHECK(debugfs_plain(img, "os-pass", std::string("stat ") + kGrowFlagPath).find("Inode:") != std::string::npos);
  struct stat st {};
  stat(img.c_str(), &st);
  CHECK(st.st_blocks * 512 < 200ll << 20);  // sparse: nowhere near 2 GiB written

  // A crash between the encryption and the re-extension: the next boot's check restores the size.
  fs::resize_file(img, 300ull << 20);
  finish_os_disk_encryption(img, "os-pass", 2ll << 30);
  CHECK(fs::file_size(img) == 2ull << 30);
}

TEST_CASE("os disk encryption: no request file, no request") {
  TempDir dir;
  CHECK_FALSE(os_encryption_requested(make_os_image(dir.path, false)));
  CHECK_FALSE(os_encryption_requested(dir.path + "/missing.img"));
}

TEST_CASE("bek volume image: label, files byte for byte, 0600, replaced atomically") {
  TempDir dir;
  std::string img = dir.path + "/bek.img";
  ports::BekVolume bek;
  bek.files["LinuxPassPhraseFileName"] = "no-newline-key";
  bek.files["LinuxPassPhraseFileName_0_1"] = std::string("bin\0ary\n", 8);
  write_bek_image(img, bek);
  struct stat st {};
  REQUIRE(stat(img.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(disk::run_tool_blocking({"blkid", "-s", "LABEL", "-o", "value", img}).output == "BEK VOLUME\n");
  CHECK(read_bek_file(img, "LinuxPassPhraseFileName") == "no-newline-key");
  CHECK(read_bek_file(img, "LinuxPassPhraseFileName_0_1") == std::string("bin\0ary\n", 8));
  CHECK_FALSE(read_bek_file(img, "Other").has_value());
  write_bek_image(img, ports::BekVolume{});
  CHECK_FALSE(read_bek_file(img, "LinuxPassPhraseFileName").has_value());
  CHECK_FALSE(fs::exists(img + ".tmp"));
  CHECK_THROWS_AS(write_bek_image(img, ports::BekVolume{{{"../x", "k"}}}), std::runtime_error);
}
