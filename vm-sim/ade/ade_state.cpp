// The extension's ini files.
#include "vm-sim/ade/ade_state.hpp"

#include "emulator/fs/replace_file.hpp"
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

namespace {
std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
}  // namespace

bool IniFile::exists() const {
  std::error_code ec;
  return fs::exists(path_, ec);
}

std::map<std::string, std::string> IniFile::read() const {
  std::map<std::string, std::string> values;
  std::ifstream in(path_);
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      in_section = line == "[" + section_ + "]";
      continue;
    }
    auto eq = line.find_first_of("=:");
    if (in_section && eq != std::string::npos) values[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return values;
}

void IniFile::write(const std::map<std::string, std::string>& values) const {
  fs::create_directories(path_.parent_path());
  std::string text = "[" + section_ + "]\n";
  for (const auto& [k, v] : values) text += k + " = " + v + "\n";
  text += "\n";
  // The ongoing item is how an interrupted encryption resumes: it must outlive a killed guest.
  azemu::files::replace_file_durably(path_.string(), text, 0600);
}

void IniFile::remove() const {
  std::error_code ec;
  fs::remove(path_, ec);
}

AdeState::AdeState(const HandlerPaths& paths)
    : config_(paths.config_file(), "azure_crypt_config"),
      marker_(paths.encryption_marker(), "azure_crypt_request_queue"),
      decrypt_marker_(paths.decryption_marker(), "azure_crypt_decrypt_request_queue"),
      ongoing_(paths.state_dir() / "azure_crypt_ongoing_item_config.ini", "azure_crypt_ongoing_item_config") {}

std::optional<EncryptionConfig> AdeState::config() const {
  if (!config_.exists()) return std::nullopt;
  auto v = config_.read();
  EncryptionConfig c;
  c.secret_id = v["secret_id"];
  c.volume_type = v["volume_type"];
  c.passphrase_file_name = v["passphrase_file_name"];
  if (!v["secret_seq_num"].empty()) c.secret_seq_num = std::stoi(v["secret_seq_num"]);
  return c;
}

void AdeState::save_config(const EncryptionConfig& c) const {
  std::map<std::string, std::string> v = {
      {"secret_id", c.secret_id}, {"volume_type", c.volume_type}, {"passphrase_file_name", c.passphrase_file_name}};
  if (c.secret_seq_num) v["secret_seq_num"] = std::to_string(*c.secret_seq_num);
  config_.write(v);
}

void AdeState::clear_config() const { config_.remove(); }

std::optional<EncryptionMarker> AdeState::marker() const {
  if (!marker_.exists()) return std::nullopt;
  auto v = marker_.read();
  return EncryptionMarker{v["command"], v["volume_type"]};
}

void AdeState::mark_encryption(const EncryptionMarker& m) const {
  marker_.write({{"command", m.command}, {"volume_type", m.volume_type}});
}

void AdeState::clear_marker() const { marker_.remove(); }

bool AdeState::decryption_marked() const { return decrypt_marker_.exists(); }

void AdeState::mark_decryption(const EncryptionMarker& m) const {
  decrypt_marker_.write({{"command", m.command}, {"volume_type", m.volume_type}});
}

void AdeState::clear_decryption_marker() const { decrypt_marker_.remove(); }

std::optional<OngoingItem> AdeState::ongoing_item() const {
  if (!ongoing_.exists()) return std::nullopt;
  auto v = ongoing_.read();
  return OngoingItem{v["mapper_name"], v["device"], v["mount_point"], v["file_system"], v["persistent_device"], v["key_file"]};
}

void AdeState::save_ongoing_item(const OngoingItem& i) const {
  ongoing_.write({{"mapper_name", i.mapper_name},
                  {"device", i.device},
                  {"mount_point", i.mount_point},
                  {"file_system", i.fs_type},
                  {"persistent_device", i.persistent_device},
                  {"key_file", i.key_file}});
}

void AdeState::clear_ongoing_item() const { ongoing_.remove(); }

}  // namespace azemu::vm::ade
