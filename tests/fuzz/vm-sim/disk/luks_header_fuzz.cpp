// fuzz_luks_header: the disk engine's LUKS header reading (vm-sim/disk: is_luks(), inspect(), the
// LUKS2 JSON reading of crypto_datashift_finish) on crafted image files. Input byte 0 chooses:
//   even: the rest is the image's first bytes, as is (LUKS1 headers, broken magics, truncation);
//   odd:  the rest is LUKS2 JSON metadata; the harness wraps it in a binary LUKS2 header with valid
//         SHA-256 checksums (primary at 0, secondary at 16 KiB), so libcryptsetup gets past the
//         checksum and the JSON is what is fuzzed.
// Oracle: only DiskError may leave the engine; inspect() results serialize (disk_images_port).
#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/crypto_datashift_finish.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/luks_header_json.hpp"
#include "vm-sim/disk/luks_volume.hpp"

#include <libcryptsetup.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {
using namespace azemu::vm::disk;

constexpr std::size_t kHeaderSize = 16384;         // LUKS2's smallest hdr_size: 4 KiB binary + 12 KiB JSON
constexpr std::size_t kImageSize = 64 * 1024 * 1024;  // sparse; room for the segments real headers name

[[noreturn]] void finding(const char* why) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n", why);
  std::abort();
}

void put_be64(unsigned char* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<unsigned char>(v);
}

// One LUKS2 header copy (binary header + JSON area) at `offset`, checksummed as libcryptsetup checks it.
std::string luks2_header(std::string_view json, std::uint64_t offset, bool primary) {
  std::string hdr(kHeaderSize, '\0');
  auto* p = reinterpret_cast<unsigned char*>(hdr.data());
  std::memcpy(p, primary ? "LUKS\xba\xbe" : "SKUL\xba\xbe", 6);
  p[6] = 0, p[7] = 2;                       // version
  put_be64(p + 8, kHeaderSize);             // hdr_size
  put_be64(p + 16, 1);                      // seqid
  std::memcpy(p + 72, "sha256", 6);         // checksum_alg
  std::memset(p + 104, primary ? 0x11 : 0x22, 64);  // salt
  std::memcpy(p + 168, "7c1e9f2a-3b4d-4e5f-8a6b-9c0d1e2f3a4b", 36);  // uuid
  put_be64(p + 256, offset);                // hdr_offset
  std::memcpy(p + 4096, json.data(), std::min(json.size(), kHeaderSize - 4096 - 1));
  unsigned int len = 0;
  EVP_Digest(hdr.data(), hdr.size(), p + 448, &len, EVP_sha256(), nullptr);
  return hdr;
}

void write_image(const std::string& path, const std::string& head) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) finding("cannot create the image file");
  if (::pwrite(fd, head.data(), head.size(), 0) != static_cast<ssize_t>(head.size()) || ::ftruncate(fd, kImageSize) != 0)
    finding("cannot write the image file");
  ::close(fd);
}

std::string image_path() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/azemu-fuzz-luks-" + std::to_string(::getpid()) + ".img";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = image_path();
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    write_image(path, std::string(rest.substr(0, 2 * kHeaderSize + 4096)));
  } else {
    (void)parse_stuck_datashift_state(rest);  // the same JSON as crypt_dump_json would hand it over
    write_image(path, luks2_header(rest, 0, true) + luks2_header(rest, kHeaderSize, false));
  }
  try {
    if (is_luks(path)) {
      LuksHeader h = inspect(path);
      nlohmann::json j = h;
      (void)j.dump();  // disk_images_port hands this to ARM: must be valid JSON text
      CryptDevice dev = CryptDevice::load(path);
      const char* text = nullptr;
      if (crypt_dump_json(dev.get(), &text, 0) == 0 && text) (void)parse_stuck_datashift_state(text);
    }
  } catch (const DiskError&) {
  } catch (const std::exception& e) {
    finding(e.what());
  }
  return 0;
}
