// One data volume's in-place decryption with the guest's cryptsetup and e2fsprogs.
#include "vm-sim/ade/data_volume_decryptor.hpp"

#include "vm-sim/ade/data_volume_encryptor.hpp"
#include "vm-sim/ade/text_files.hpp"

#include <filesystem>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

fs::path DataVolumeDecryptor::decrypt_header(const std::string& mapper_name) const {
  return paths_.state_dir() / ("azure_decrypt_header_" + mapper_name);
}

CommandResult DataVolumeDecryptor::must(const std::vector<std::string>& argv, const std::string& step,
                                        const std::function<void(const std::string&)>& on_line) {
  std::string joined;
  for (const auto& a : argv) joined += (joined.empty() ? "" : " ") + a;
  log_("running: " + joined);
  CommandResult r = runner_.run(argv, on_line);
  bool ok = r.exit_code == 0 || (argv[0] == "e2fsck" && r.exit_code == 1);  // 1: errors corrected
  if (!ok) throw std::runtime_error(step + " failed (exit " + std::to_string(r.exit_code) + "): " + r.output);
  return r;
}

void DataVolumeDecryptor::decrypt(const CrypttabEntry& item, const std::optional<MountEntry>& mounted,
                                  const std::function<void(int)>& on_percent) {
  const std::string mapper = "/dev/mapper/" + item.name;
  const std::string key = paths_.at(item.key_file).string();
  const fs::path header = decrypt_header(item.name);
  std::error_code ec;
  if (mounted) must({"umount", mounted->target}, "unmounting " + mounted->target);
  if (fs::exists(paths_.dev_mapper() / item.name, ec)) must({"cryptsetup", "close", item.name}, "closing " + mapper);
  auto progress = [&](const std::string& line) {
    if (int p = progress_percent(line); p >= 0) on_percent(p);
  };
  if (fs::exists(header, ec)) {
    // A decryption that was interrupted: the header file holds its progress.
    must({"cryptsetup", "reencrypt", "--resume-only", "--header", header.string(), "--key-file", key, "--progress-json",
          "--progress-frequency", "1", "-q", item.device},
         "resuming the decryption of " + item.device, progress);
  } else {
    fs::create_directories(paths_.state_dir(), ec);
    must({"cryptsetup", "reencrypt", "--decrypt", "--header", header.string(), "--key-file", key, "--progress-json",
          "--progress-frequency", "1", "-q", item.device},
         "decrypting " + item.device, progress);
  }
  fs::remove(header, ec);  // it still holds the volume key: never leave it behind
  must({"e2fsck", "-fy", item.device}, "checking " + item.device);
  must({"resize2fs", item.device}, "growing " + item.device);

  FstabRestore restored = restore_fstab_entry(read_text_file(paths_.fstab()),
                                              read_text_file(paths_.at("/etc/fstab.azure.backup")), mapper);
  write_text_file(paths_.fstab(), restored.fstab);
  write_text_file(paths_.at("/etc/fstab.azure.backup"), restored.backup);
  write_text_file(paths_.crypttab(), remove_crypttab_entry(read_text_file(paths_.crypttab()), item.name));
  if (mounted) must({"mount", "-t", mounted->fs_type, item.device, mounted->target}, "mounting " + mounted->target);
  on_percent(100);
}

}  // namespace azemu::vm::ade
