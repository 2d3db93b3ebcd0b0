#include "vm-sim/uml/os_disk_encryption.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/ext_filesystem.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/tool_process.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace azemu::vm {

namespace fs = std::filesystem;

namespace {
constexpr std::uint64_t kMiB = 1ull << 20;
constexpr std::uint64_t kReduce = 32 * kMiB;  // LUKS2 data shift: the 16 MiB header ADE's path makes
/// Free space left in the shrunk filesystem: the first boot writes a little (logs, the flag's
/// removal) before rc.sysinit has grown it.
constexpr std::uint64_t kHeadroom = 64 * kMiB;

std::string tail(const std::string& s) { return s.size() > 300 ? s.substr(s.size() - 300) : s; }

disk::ToolResult tool(const std::vector<std::string>& argv) { return disk::run_tool_blocking(argv); }

/// e2fsck -fp: replays the journal (the agent powers off after sync(), without unmounting) and
/// leaves a checked filesystem, which resize2fs wants. Exit codes 0-2 mean clean or fixed.
void check_filesystem(const std::string& image) {
  auto r = tool({"e2fsck", "-f", "-p", image});
  if (r.exit_code > 2) throw std::runtime_error("e2fsck of the OS disk failed: " + tail(r.output));
}

bool superblock_needs_recovery(const std::string& image) {
  // s_feature_incompat at 1024 + 0x60; EXT4_FEATURE_INCOMPAT_RECOVER = 0x4.
  int fd = ::open(image.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  unsigned char b[4] = {};
  const bool ok = ::pread(fd, b, 4, 1024 + 0x60) == 4;
  ::close(fd);
  return ok && (b[0] & 0x4);
}

std::uint64_t minimum_blocks(const std::string& image) {
  auto r = tool({"resize2fs", "-P", image});
  const std::string key = "minimum size of the filesystem: ";
  auto at = r.output.find(key);
  if (r.exit_code != 0 || at == std::string::npos)
    throw std::runtime_error("resize2fs -P of the OS disk failed: " + tail(r.output));
  return std::stoull(r.output.substr(at + key.size()));
}

void set_size(const std::string& image, std::uint64_t bytes) {
  fs::resize_file(image, static_cast<std::uintmax_t>(bytes));
}
}  // namespace

bool os_encryption_requested(const std::string& os_image) {
  std::error_code ec;
  if (!fs::is_regular_file(os_image, ec) || !disk::read_ext_geometry(os_image)) return false;
  if (superblock_needs_recovery(os_image)) check_filesystem(os_image);
  auto r = tool({"debugfs", "-R", std::string("stat ") + kOsEncryptionRequestPath, os_image});
  return r.output.find("Inode:") != std::string::npos;
}

void encrypt_os_disk(const std::string& os_image, const std::string& passphrase, std::int64_t apparent_bytes) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  check_filesystem(os_image);

  // 1. The request goes before anything is changed; the flag tells the guest to grow the filesystem.
  const std::string flag = os_image + ".grow-flag.tmp", commands = os_image + ".debugfs.tmp";
  {
    std::ofstream(flag) << "written by azemu's OS-disk encryption: rc.sysinit grows / and removes this file\n";
    std::ofstream(commands) << "rm " << kOsEncryptionRequestPath << "\nwrite " << flag << ' '
                            << kGrowFlagPath << '\n';
  }
  auto dbg = tool({"debugfs", "-w", "-f", commands, os_image});
  std::error_code ec;
  fs::remove(flag, ec);
  fs::remove(commands, ec);
  // debugfs's exit code does not say which command failed: check the outcome that matters.
  if (tool({"debugfs", "-R", std::string("stat ") + kOsEncryptionRequestPath, os_image}).output.find("Inode:") !=
      std::string::npos)
    throw std::runtime_error("cannot remove the OS-encryption request from the OS disk: " + tail(dbg.output));

  // 2. Shrink to what is used, plus headroom; the file follows, plus the 32 MiB data shift.
  auto geometry = disk::read_ext_geometry(os_image);
  if (!geometry) throw std::runtime_error("the OS disk holds no ext4 filesystem");
  const std::uint64_t bs = geometry->block_size;
  const std::uint64_t target_blocks = std::min(geometry->block_count, minimum_blocks(os_image) + kHeadroom / bs);
  const std::uint64_t fs_bytes = target_blocks * bs;
  if (fs_bytes < geometry->bytes()) disk::shrink_ext_filesystem(os_image, fs_bytes);
  const std::uint64_t encrypted_bytes = (fs_bytes + kMiB - 1) / kMiB * kMiB + kReduce;
  if (encrypted_bytes < static_cast<std::uint64_t>(apparent_bytes)) set_size(os_image, encrypted_bytes);
  const auto shrunk = Clock::now();

  // 3. In place, with the BEK passphrase (pbkdf2, fast: the guest unlocks it at every boot).
  disk::EncryptOptions options;
  options.format.label = "osencrypt";
  disk::encrypt_in_place(os_image, passphrase, options);
  const auto encrypted = Clock::now();

  // 4. The rest of the disk comes back as a hole.
  if (static_cast<std::int64_t>(fs::file_size(os_image)) < apparent_bytes) set_size(os_image, apparent_bytes);
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  log::write(log::Level::info, "OS disk encrypted on the host",
             {{"image", os_image},
              {"encrypted_mib", encrypted_bytes / kMiB},
              {"shrink_ms", ms(shrunk - started)},
              {"encrypt_ms", ms(encrypted - shrunk)},
              {"total_ms", ms(Clock::now() - started)}});
}

void finish_os_disk_encryption(const std::string& os_image, const std::string& passphrase, std::int64_t apparent_bytes) {
  if (disk::inspect(os_image).reencryption_in_progress) {
    log::write(log::Level::warn, "resuming an interrupted OS-disk encryption", {{"image", os_image}});
    disk::encrypt_in_place(os_image, passphrase);
  }
  if (static_cast<std::int64_t>(fs::file_size(os_image)) < apparent_bytes) set_size(os_image, apparent_bytes);
}

}  // namespace azemu::vm
