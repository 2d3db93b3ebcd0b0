// One data volume's in-place encryption with the guest's e2fsprogs and cryptsetup.
#include "vm-sim/ade/data_volume_encryptor.hpp"

#include "vm-sim/ade/crypt_config_files.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

namespace {
std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, p);
}
}  // namespace

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
  std::error_code ec;
  fs::path real = fs::weakly_canonical(paths_.at(device), ec);
  std::string name = (ec ? fs::path(device) : real).filename().string();
  std::ifstream in(paths_.at("/sys/class/block") / name / "size");
  std::uint64_t sectors = 0;
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

void DataVolumeEncryptor::encrypt(const MountEntry& v, const std::string& key_file, const std::string& mapper_name,
                                  const std::function<void(int)>& on_percent) {
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
          "--pbkdf-force-iterations", "1000", "--key-file", key_file, "--progress-json", "--progress-frequency", "1", "-q",
          v.source},
         "encrypting " + v.source, [&](const std::string& line) {
           if (int p = progress_percent(line); p >= 0) on_percent(p);
         });
    must({"cryptsetup", "open", "--key-file", key_file, v.source, mapper_name}, "opening " + v.source);
    must({"mount", "-t", v.fs_type, "/dev/mapper/" + mapper_name, v.target}, "mounting " + v.target);
  } catch (...) {
    if (!header_written) runner_.run({"mount", "-t", v.fs_type, v.source, v.target});
    throw;
  }
  update_config_files(v, mapper_name);
  on_percent(100);
}

void DataVolumeEncryptor::update_config_files(const MountEntry& v, const std::string& mapper_name) {
  std::string key_file = std::string("/mnt/azure_bek_disk/") + kPassphraseFileName;
  write_text(paths_.crypttab(), add_crypttab_entry(read_text(paths_.crypttab()), mapper_name, v.source, key_file));
  std::string fstab = read_text(paths_.fstab());
  FstabEdit edit = point_fstab_at_mapper(fstab, v.target, "/dev/mapper/" + mapper_name, v.fs_type);
  if (!edit.original_line.empty()) {
    std::ofstream backup(paths_.at("/etc/fstab.azure.backup"), std::ios::app);
    backup << edit.original_line << "\n";
  }
  write_text(paths_.fstab(), ensure_bek_fstab_line(edit.fstab));
}

}  // namespace azemu::vm::ade
