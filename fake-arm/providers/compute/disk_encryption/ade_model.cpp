// See ade_model.hpp.
#include "fake-arm/providers/compute/disk_encryption/ade_model.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm::compute::ade {

namespace {
std::string str(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}
const nlohmann::json& member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  return j.is_object() && j.contains(key) && j[key].is_object() ? j[key] : empty;
}
bool enabled(const nlohmann::json& settings) {
  // Compute's encryptionSettings.enabled; absent means enabled when a key is given.
  return !settings.contains("enabled") || !settings["enabled"].is_boolean() || settings["enabled"].get<bool>();
}
std::string disk_id_of(const nlohmann::json& disk) { return text::to_lower(str(member(disk, "managedDisk"), "id")); }

std::optional<VolumeKey> key_from(const nlohmann::json& settings, const std::string& file) {
  std::string secret = str(member(settings, "diskEncryptionKey"), "secretUrl");
  if (secret.empty() || !enabled(settings)) return std::nullopt;
  return VolumeKey{file, secret, str(member(settings, "keyEncryptionKey"), "keyUrl")};
}
}  // namespace

std::string data_disk_passphrase_file(int lun) { return std::string(kPassphraseFile) + "_0_" + std::to_string(lun); }

std::string dual_pass_reference(const VirtualMachine& vm) {
  const auto& es = member(vm.os_disk(), "encryptionSettings");
  if (!enabled(es)) return "";
  std::string secret = str(member(es, "diskEncryptionKey"), "secretUrl");
  return secret.empty() ? "" : secret + " " + str(member(es, "keyEncryptionKey"), "keyUrl");
}

std::vector<VolumeKey> volume_keys(const VirtualMachine& vm, const DiskCollections& disks) {
  std::vector<VolumeKey> out;
  if (auto k = key_from(member(vm.os_disk(), "encryptionSettings"), kPassphraseFile)) {
    out.push_back(*k);
    return out;
  }
  auto single = [&](const nlohmann::json& disk, const std::string& file) {
    auto it = disks.find(disk_id_of(disk));
    if (it == disks.end() || !it->second.is_object() || !enabled(it->second)) return;
    const auto& list = it->second.value("encryptionSettings", nlohmann::json::array());
    if (list.is_array() && !list.empty())
      if (auto k = key_from(list[0], file)) out.push_back(*k);
  };
  single(vm.os_disk(), kPassphraseFile);
  for (const auto& d : vm.data_disks()) single(d, data_disk_passphrase_file(d.value("lun", 0)));
  return out;
}

bool is_ade_extension(const std::string& publisher, const std::string& type) {
  return text::iequals(publisher, kPublisher) && text::iequals(type, kLinuxType);
}

bool AdeRequest::is_enable() const {
  return text::iequals(operation, "EnableEncryption") || text::iequals(operation, "EnableEncryptionFormatAll");
}

AdeRequest parse_ade_request(const std::string& handler_version, const nlohmann::json& settings) {
  AdeRequest r;
  r.operation = str(settings, "EncryptionOperation");
  r.volume_type = str(settings, "VolumeType");
  r.key_vault_url = str(settings, "KeyVaultURL");
  while (!r.key_vault_url.empty() && r.key_vault_url.back() == '/') r.key_vault_url.pop_back();
  r.key_vault_id = str(settings, "KeyVaultResourceId");
  r.kek_url = str(settings, "KeyEncryptionKeyURL");
  r.kek_vault_id = str(settings, "KekVaultResourceId");
  if (std::string alg = str(settings, "KeyEncryptionAlgorithm"); !alg.empty()) r.algorithm = alg;
  r.single_pass = !handler_version.starts_with("0.") && str(settings, "AADClientID").empty();
  return r;
}

}  // namespace azemu::arm::compute::ade
