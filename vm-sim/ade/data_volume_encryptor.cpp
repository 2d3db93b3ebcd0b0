// One data volume's in-place encryption with the guest's e2fsprogs and cryptsetup.
#include "vm-sim/ade/data_volume_encryptor.hpp"

#include "vm-sim/ade/crypt_config_files.hpp"
#include "vm-sim/ade/text_files.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

int progress_percent(const std::string& line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("device_bytes") || !j.contains("device_size")) return -1;
  auto number = [](const nlohmann::json& v) -> double {
    return v.is_string() ? std::stod(v.get<std::string>()) : v.get<double>();
  };
  double size = number(j["device_size"]);
  if (size <= 0) return -1;
  int pct = static_cast<int>(number(j["device_bytes"]) / size * 100.0);
  return pct < 0 ? 0 : pct > 100 ? 100 : pct;
}

std::uint64_t DataVolumeEncryptor::device_bytes(const std::string& device) const {
  std::uint64_t sectors = 0;
  // A block device: by its number (the guest's /dev/sdX nodes are UML's ubdX devices, so the name
  // under /sys/class/block differs); otherwise (host tests) by the name the path resolves to.
  struct stat st {};
  if (::stat(paths_.at(device).c_str(), &st) == 0 && S_ISBLK(st.st_mode)) {
    std::ifstream in(paths_.at("/sys/dev/block") / (std::to_string(major(st.st_rdev)) + ":" + std::to_string(minor(st.st_rdev))) / "size");
    if (in >> sectors) return sectors * 512;
  }
  std::error_code ec;
  fs::path real = fs::weakly_canonical(paths_.at(device), ec);
  std::string name = (ec ? fs::path(device) : real).filename().string();
  std::ifstream in(paths_.at("/sys/class/block") / name / "size");
  in >> sectors;
  return sectors * 512;
}

CommandResult DataVolumeEncryptor::must(const std::vector<std::string>& argv, const std::string& step,
                                        const std::function<void(const std::string&)>& on_line) {
  std::string joined;
  for (const auto& a : argv) joined += (joined.empty() ? "" : " ") + a;
  log_("running: " + joined);
  CommandResult r = runner_.run(argv, on_line);
  // e2fsck: 1 means "errors corrected", which is success for this purpose.
  bool ok = r.exit_code == 0 || (argv[0] == "e2fsck" && r.exit_code == 1);
  if (!ok) throw std::runtime_error(step + " failed (exit " + std::to_string(r.exit_code) + "): " + r.output);
  return r;
}

void DataVolumeEncryptor::encrypt(const MountEntry& v, const VolumeKey& key, const std::string& mapper_name,
                                  const std::string& persistent_device, const std::function<void(int)>& on_percent) {
  std::uint64_t bytes = device_bytes(v.source);
  if (bytes <= 2 * kReduceDeviceBytes) throw std::runtime_error("cannot size " + v.source + " for in-place encryption");
  on_percent(0);
  must({"umount", v.target}, "unmounting " + v.target);
  bool header_written = false;
  try {
    must({"e2fsck", "-fy", v.source}, "checking " + v.source);
    // Free the last 32 MiB for the LUKS2 header area (resize2fs takes K units).
    must({"resize2fs", v.source, std::to_string((bytes - kReduceDeviceBytes) / 1024) + "K"}, "shrinking " + v.source);
    header_written = true;
    // pbkdf2 with few iterations: argon2's memory does not fit a small guest (research/uml-ade.md).
    must({"cryptsetup", "reencrypt", "--encrypt", "--type", "luks2", "--reduce-device-size", "32M", "--pbkdf", "pbkdf2",
          "--pbkdf-force-iterations", "1000", "--key-file", key.file, "--progress-json", "--progress-frequency", "1", "-q",
          v.source},
         "encrypting " + v.source, [&](const std::string& line) {
           if (int p = progress_percent(line); p >= 0) on_percent(p);
         });
    must({"cryptsetup", "open", "--key-file", key.file, v.source, mapper_name}, "opening " + v.source);
    must({"mount", "-t", v.fs_type, "/dev/mapper/" + mapper_name, v.target}, "mounting " + v.target);
  } catch (...) {
    if (!header_written) runner_.run({"mount", "-t", v.fs_type, v.source, v.target});
    throw;
  }
  update_config_files(v, mapper_name, persistent_device.empty() ? v.source : persistent_device, key.crypttab_path);
  on_percent(100);
}

bool DataVolumeEncryptor::resume(const OngoingItem& item, const VolumeKey& key, const std::function<void(int)>& on_percent) {
  const MountEntry v{item.device, item.mount_point, item.fs_type};
  bool mounted = false;
  for (const auto& m : parse_mounts(read_text_file(paths_.mounts()))) mounted = mounted || m.target == item.mount_point;
  if (runner_.run({"cryptsetup", "isLuks", item.device}).exit_code != 0) {
    log_("resuming " + item.device + ": no LUKS header yet, the volume is still plain");
    if (!mounted) {
      must({"e2fsck", "-fy", item.device}, "checking " + item.device);
      must({"mount", "-t", item.fs_type, item.device, item.mount_point}, "mounting " + item.mount_point);
    }
    return false;
  }
  if (runner_.run({"cryptsetup", "luksDump", item.device}).output.find("online-reencrypt") != std::string::npos) {
    // Stopped without a clean exit (the VM went down mid-copy): cryptsetup refuses to resume until
    // `repair` has replayed the resilience data of the interrupted hotzone.
    must({"cryptsetup", "repair", "--key-file", key.file, "-q", item.device}, "recovering " + item.device);
    must({"cryptsetup", "reencrypt", "--resume-only", "--key-file", key.file, "--progress-json", "--progress-frequency", "1",
          "-q", item.device},
         "resuming the encryption of " + item.device, [&](const std::string& line) {
           if (int p = progress_percent(line); p >= 0) on_percent(p);
         });
  }
  std::error_code ec;
  if (!fs::exists(paths_.dev_mapper() / item.mapper_name, ec))
    must({"cryptsetup", "open", "--key-file", key.file, item.device, item.mapper_name}, "opening " + item.device);
  if (!mounted)
    must({"mount", "-t", item.fs_type, "/dev/mapper/" + item.mapper_name, item.mount_point}, "mounting " + item.mount_point);
  update_config_files(v, item.mapper_name, item.persistent_device.empty() ? item.device : item.persistent_device,
                      key.crypttab_path);
  on_percent(100);
  return true;
}

void DataVolumeEncryptor::format(const MountEntry& v, const VolumeKey& key, const std::string& mapper_name,
                                 const std::string& persistent_device) {
  if (!v.fs_type.starts_with("ext")) throw std::runtime_error("cannot format " + v.source + " as " + v.fs_type);
  must({"umount", v.target}, "unmounting " + v.target);
  must({"cryptsetup", "luksFormat", "--type", "luks2", "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000",
        "--key-file", key.file, "-q", v.source},
       "formatting " + v.source);
  must({"cryptsetup", "open", "--key-file", key.file, v.source, mapper_name}, "opening " + v.source);
  must({"mke2fs", "-q", "-F", "-t", v.fs_type, "/dev/mapper/" + mapper_name}, "creating " + v.fs_type + " on " + v.source);
  must({"mount", "-t", v.fs_type, "/dev/mapper/" + mapper_name, v.target}, "mounting " + v.target);
  update_config_files(v, mapper_name, persistent_device.empty() ? v.source : persistent_device, key.crypttab_path);
}

void DataVolumeEncryptor::update_config_files(const MountEntry& v, const std::string& mapper_name, const std::string& device,
                                              const std::string& crypttab_key) {
  write_text_file(paths_.crypttab(), add_crypttab_entry(read_text_file(paths_.crypttab()), mapper_name, device, crypttab_key));
  std::string fstab = read_text_file(paths_.fstab());
  FstabEdit edit = point_fstab_at_mapper(fstab, v.target, "/dev/mapper/" + mapper_name, v.fs_type);
  if (!edit.original_line.empty()) {
    std::ofstream backup(paths_.at("/etc/fstab.azure.backup"), std::ios::app);
    backup << edit.original_line << "\n";
  }
  write_text_file(paths_.fstab(), ensure_bek_fstab_line(edit.fstab));
}

}  // namespace azemu::vm::ade
