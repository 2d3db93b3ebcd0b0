// See disk_encryption_platform.hpp.
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_platform.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <regex>
#include <stdexcept>

namespace azemu::arm::compute::ade {

namespace {
/// "https://v.vault.azure.net/keys/k/<version>" with a version (SP precheck, ade.md §1.2).
bool versioned_kek(const std::string& url) {
  static const std::regex re(R"(^https://[A-Za-z0-9\-]+\.[A-Za-z0-9\-\.:]+/keys/[^/]+/[^/]+/?$)", std::regex::icase);
  return std::regex_match(url, re);
}
std::string vault_base(const std::string& url) {
  auto host_end = url.find('/', std::string("https://").size());
  return host_end == std::string::npos ? url : url.substr(0, host_end);
}
}  // namespace

std::string generate_passphrase() { return text::base64_encode(ids::random_octets(127)); }

std::string DiskEncryptionPlatform::passphrase_of(const VolumeKey& key) const {
  ports::PlatformSecret s = kv_.get_secret(key.secret_url);
  if (key.kek_url.empty()) {
    try {
      return text::base64_decode(s.value);
    } catch (const std::invalid_argument&) {
      throw ports::PlatformVaultError("BadParameter", "the secret " + s.id + " does not hold a base64 BEK");
    }
  }
  auto alg = s.tags.find("DiskEncryptionKeyEncryptionAlgorithm");
  return kv_.unwrap_key(key.kek_url, alg == s.tags.end() ? "RSA-OAEP" : alg->second, s.value);
}

BekFetch DiskEncryptionPlatform::fetch_bek(const std::vector<VolumeKey>& keys) const {
  BekFetch out;
  std::map<std::string, std::string> by_secret;  // one fetch per secret even if two files share it
  for (const auto& k : keys) {
    try {
      auto it = by_secret.find(k.secret_url + " " + k.kek_url);
      if (it == by_secret.end()) it = by_secret.emplace(k.secret_url + " " + k.kek_url, passphrase_of(k)).first;
      out.volume.files[k.file_name] = it->second;
    } catch (const ports::PlatformVaultError& e) {
      if (!out.problem.empty()) out.problem += "; ";
      out.problem += "the platform could not get the disk encryption key " + k.secret_url + " (" + e.code + ": " + e.what() + ")";
    }
  }
  // Single pass: every disk holds the VM's one passphrase, and the handler (its daemon resuming
  // an interrupted encryption at boot, too) looks for the generic file first. The BEK volume of
  // every boot carries it, as the first delivery's did (enable_single_pass), also when only data
  // disks are encrypted.
  if (!out.volume.files.empty() && !out.volume.files.count(kPassphraseFile))
    out.volume.files[kPassphraseFile] = out.volume.files.begin()->second;
  return out;
}

SinglePassKeys DiskEncryptionPlatform::enable_single_pass(const AdeRequest& r, const std::string& machine_name,
                                                          const std::vector<StampTarget>& targets,
                                                          const std::vector<VolumeKey>& existing) const {
  if (r.key_vault_url.empty() || !text::istarts_with(r.key_vault_url, "https://"))
    throw std::invalid_argument("KeyVaultURL is missing or is not an https URL.");
  if (!r.kek_url.empty() && !versioned_kek(r.kek_url))
    throw std::invalid_argument("KeyEncryptionKeyURL " + r.kek_url + " is not a versioned key URL (https://<vault>/keys/<name>/<version>).");

  SinglePassKeys out;
  std::string passphrase;
  for (const auto& k : existing) {
    out.volume.files[k.file_name] = passphrase_of(k);
    if (passphrase.empty()) passphrase = out.volume.files[k.file_name];
  }
  if (passphrase.empty()) passphrase = generate_passphrase();
  // The value is the protector, wrapped with the KEK (contentType "Wrapped BEK") or plain base64
  // ("BEK"); ade.md §1.4 step 4.
  const std::string value = r.kek_url.empty() ? text::base64_encode(passphrase) : kv_.wrap_key(r.kek_url, r.algorithm, passphrase);
  const std::string vault_url = vault_base(r.key_vault_url);
  const nlohmann::json source_vault = {{"id", r.key_vault_id}};
  for (const auto& t : targets) {
    const std::string file = t.lun < 0 ? kPassphraseFile : data_disk_passphrase_file(t.lun);
    bool covered = false;
    for (const auto& k : existing) covered = covered || k.file_name == file;
    if (covered) continue;
    std::map<std::string, std::string> tags = {{"DiskEncryptionKeyFileName", file},
                                               {"DiskEncryptionKeyEncryptionAlgorithm", r.algorithm},
                                               {"MachineName", machine_name}};
    if (!r.kek_url.empty()) tags["DiskEncryptionKeyEncryptionKeyURL"] = r.kek_url;
    std::string secret_id = kv_.set_secret(vault_url, ids::new_guid(), value, r.kek_url.empty() ? "BEK" : "Wrapped BEK", tags);
    nlohmann::json settings = {{"diskEncryptionKey", {{"secretUrl", secret_id}, {"sourceVault", source_vault}}}};
    if (!r.kek_url.empty())
      settings["keyEncryptionKey"] = {{"keyUrl", r.kek_url},
                                      {"sourceVault", {{"id", r.kek_vault_id.empty() ? r.key_vault_id : r.kek_vault_id}}}};
    out.collections[text::to_lower(t.disk_id)] = {{"enabled", true},
                                                  {"encryptionSettings", nlohmann::json::array({settings})},
                                                  {"encryptionSettingsVersion", "1.1"}};
    out.volume.files[file] = passphrase;
  }
  out.volume.files[kPassphraseFile] = out.volume.files.count(kPassphraseFile) ? out.volume.files[kPassphraseFile] : passphrase;
  return out;
}

}  // namespace azemu::arm::compute::ade
