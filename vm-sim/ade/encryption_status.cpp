// get_encryption_status over the mounts table under the handler's root.
#include "vm-sim/ade/encryption_status.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

namespace azemu::vm::ade {

namespace {
std::string unescape_mount_field(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 3), nullptr, 8)));
      i += 3;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool supported_fs(const std::string& fs) { return fs == "ext2" || fs == "ext3" || fs == "ext4" || fs == "xfs"; }
}  // namespace

std::vector<MountEntry> parse_mounts(const std::string& text) {
  std::vector<MountEntry> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    MountEntry m;
    if (fields >> m.source >> m.target >> m.fs_type) {
      m.source = unescape_mount_field(m.source);
      m.target = unescape_mount_field(m.target);
      out.push_back(std::move(m));
    }
  }
  return out;
}

bool is_crypt_source(const std::string& source) {
  return text::istarts_with(source, "/dev/mapper/") || text::istarts_with(source, "/dev/dm-");
}

std::vector<MountEntry> data_volumes(const std::vector<MountEntry>& mounts) {
  std::vector<MountEntry> out;
  for (const auto& m : mounts) {
    if (!supported_fs(m.fs_type) || !text::istarts_with(m.source, "/dev/")) continue;
    if (m.target == "/" || m.target == "/boot" || text::istarts_with(m.target, "/boot/")) continue;
    if (m.target == "/mnt" || m.target == "/mnt/resource" || m.target == "/mnt/azure_bek_disk") continue;
    out.push_back(m);
  }
  return out;
}

EncryptionState current_encryption_state(const HandlerPaths& paths, const AdeState& state) {
  std::ifstream in(paths.mounts());
  std::stringstream text;
  text << in.rdbuf();
  auto mounts = parse_mounts(text.str());

  EncryptionState s;
  bool os_encrypted = false;
  for (const auto& m : mounts)
    if (m.target == "/" && is_crypt_source(m.source)) os_encrypted = true;
  auto data = data_volumes(mounts);
  bool all_crypt = true;
  for (const auto& d : data) all_crypt = all_crypt && is_crypt_source(d.source);
  if (data.empty()) s.data = "NotMounted";
  else if (all_crypt) s.data = "Encrypted";
  if (os_encrypted) s.os = "Encrypted";

  std::error_code ec;
  if (state.decryption_marked()) {
    s.data = "DecryptionInProgress";
  } else if (auto marker = state.marker()) {
    auto config = state.config();
    std::string vt = text::to_lower(config ? config->volume_type : marker->volume_type);
    if (vt == "data" || vt == "all") s.data = "EncryptionInProgress";
    if ((vt == "os" || vt == "all") && !os_encrypted) s.os = "EncryptionInProgress";
  } else if ((std::filesystem::exists(paths.dev_mapper() / "osencrypt", ec) ||
              std::filesystem::exists(paths.os_encryption_request(), ec)) &&
             !os_encrypted) {
    // azemu: the request file stands for ADE's prepared-but-not-booted osencrypt mapping.
    s.os = "VMRestartPending";
  }
  return s;
}

}  // namespace azemu::vm::ade
