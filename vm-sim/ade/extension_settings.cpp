// Settings parsing and the extension's fatal prechecks. Messages are copied from the extension's
// check_util.py (DP 0.1.0.999348, SP 1.4.0.12) so the CLI shows what Azure shows.
#include "vm-sim/ade/extension_settings.hpp"

#include "emulator/json/strings.hpp"

#include <array>
#include <regex>

namespace azemu::vm::ade {

namespace {
using nlohmann::json;

std::string string_or_empty(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();  // a GUID or number sent unquoted still reads as text
}

json as_object(const json& value) {
  if (value.is_object()) return value;
  if (value.is_string()) {
    json parsed = json::parse(value.get<std::string>(), nullptr, false);
    if (parsed.is_object()) return parsed;
  }
  return json::object();
}

const std::array<const char*, 3> kAlgorithms = {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"};

bool is_enable_operation(const std::string& op) {
  return op == operation::kEnable || op == operation::kEnableFormat || op == operation::kEnableFormatAll;
}

// check_util.check_kv_url: https, with a host.
void check_kv_url(const std::string& url, const std::string& message) {
  if (url.empty()) throw PrecheckError(message + "\nNo URL supplied");
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw PrecheckError(message + "\nMalformed URL: " + url);
  if (!text::iequals(url.substr(0, scheme_end), "https"))
    throw PrecheckError("\n" + message + "\n URL should be https: " + url + "\n");
  std::string rest = url.substr(scheme_end + 3);
  if (rest.empty() || rest[0] == '/') throw PrecheckError(message + "\nMalformed URL: " + url);
}

void check_volume_type(const AdeSettings& s) {
  if (canonical_volume_type(s.volume_type).empty())
    throw PrecheckError("Unknown Volume Type: " + s.volume_type + ", has to be one of ['OS', 'Data', 'All']");
}

void check_kek_algorithm(const AdeSettings& s) {
  if (s.kek_algorithm.empty()) return;  // defaults to RSA-OAEP
  for (const char* a : kAlgorithms)
    if (text::iequals(s.kek_algorithm, a)) return;
  throw PrecheckError("The KEK encryption algorithm requested was not recognized");
}

void check_vfat(const PrecheckEnvironment& env) {
  if (!env.vfat_available) throw PrecheckError("Incompatible system, prerequisite vfat module was not found.");
}

const std::regex kKvId(
    R"(^/subscriptions/([a-zA-Z0-9\-]+)/resourceGroups/([-\w\._\(\)]+)/providers/Microsoft.KeyVault/vaults/([a-zA-Z0-9\-\_]+)(/)?$)",
    std::regex::icase);
const std::regex kKvUrl(R"(^https://([a-zA-Z0-9\-]+)[\.]([a-zA-Z0-9\-\.]+)(:443)?([/]?)$)");
const std::regex kKekUrl(R"(^https://([a-zA-Z0-9\-]+)[\.]([a-zA-Z0-9\-\.]+)(:443)?/keys/([a-zA-Z0-9\-]+)/([a-zA-Z0-9]+)([/]?)$)",
                         std::regex::icase);

std::string regex_group(const std::string& s, const std::regex& re, std::size_t group) {
  std::smatch m;
  return std::regex_match(s, m, re) ? m[group].str() : std::string();
}

void check_kv_id(const std::string& id, const std::string& message) {
  if (id.empty() || !std::regex_match(id, kKvId))
    throw PrecheckError("\n" + message + "\nActual: " + id +
                        "\nExpected: /subscriptions/{subid}/resourceGroups/{rgname}/providers/Microsoft.KeyVault/vaults/{vaultname}\n");
}
}  // namespace

bool AdeSettings::is_enable() const { return is_enable_operation(operation); }

std::string canonical_volume_type(const std::string& volume_type) {
  for (const char* v : {"OS", "Data", "All"})
    if (text::iequals(volume_type, v)) return v;
  return {};
}

AdeSettings parse_settings(const json& handler_settings) {
  json pub = as_object(handler_settings.value("publicSettings", json::object()));
  json prot = as_object(handler_settings.value("protectedSettings", json::object()));
  AdeSettings s;
  s.key_vault_url = string_or_empty(pub, "KeyVaultURL");
  s.kek_url = string_or_empty(pub, "KeyEncryptionKeyURL");
  s.kek_algorithm = string_or_empty(pub, "KeyEncryptionAlgorithm");
  s.volume_type = string_or_empty(pub, "VolumeType");
  s.operation = string_or_empty(pub, "EncryptionOperation");
  s.sequence_version = string_or_empty(pub, "SequenceVersion");
  s.aad_client_id = string_or_empty(pub, "AADClientID");
  s.aad_client_cert_thumbprint = string_or_empty(pub, "AADClientCertThumbprint");
  s.key_vault_resource_id = string_or_empty(pub, "KeyVaultResourceId");
  s.kek_vault_resource_id = string_or_empty(pub, "KekVaultResourceId");
  s.aad_client_secret = string_or_empty(prot, "AADClientSecret");
  s.passphrase = string_or_empty(prot, "Passphrase");
  return s;
}

void precheck_dual_pass(const AdeSettings& s, const PrecheckEnvironment& env) {
  if (s.is_enable()) {
    check_kv_url(s.key_vault_url, "Encountered an error while checking the Key Vault URL");
    if (!s.kek_url.empty()) {
      check_kv_url(s.kek_url, "A KEK URL was specified, but was invalid");
      check_kek_algorithm(s);
    }
  }
  if (s.operation != operation::kQueryStatus) check_volume_type(s);
  check_vfat(env);
  if (s.is_enable()) {
    static const std::regex uuid(R"(^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){1}$)", std::regex::icase);
    if (s.aad_client_id.empty()) throw PrecheckError("AADClientID property was not found in settings");
    if (!std::regex_match(s.aad_client_id, uuid))
      throw PrecheckError("AADClientID value is missing or invalid.\nActual Value: [" + s.aad_client_id +
                          "]\nExpected Format: [nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn]");
  }
}

void precheck_single_pass(const AdeSettings& s, const PrecheckEnvironment& env) {
  if (s.is_enable()) {
    check_kv_id(s.key_vault_resource_id, "A KeyVault ID is required, but is missing or invalid");
    check_kv_url(s.key_vault_url, "A KeyVault URL is required, but is missing or invalid");
    std::string id_name = regex_group(s.key_vault_resource_id, kKvId, 3);
    std::string url_name = regex_group(s.key_vault_url, kKvUrl, 1);
    if (id_name.empty() || url_name.empty() || !text::iequals(id_name, url_name))
      throw PrecheckError("\nA KeyVault ID and KeyVault URL were provided, but their key vault names did not match\nKey Vault ID: " +
                          s.key_vault_resource_id + "\nKey Vault URL: " + s.key_vault_url + "\n");
    if (!s.kek_url.empty()) {
      check_kv_id(s.kek_vault_resource_id, "A KEK URL was specified, but its KEK KeyVault ID was missing or invalid");
      if (!std::regex_match(s.kek_url, kKekUrl))
        throw PrecheckError("\nA KEK URL was specified, but it was invalid\nActual: " + s.kek_url +
                            "\nExpected: https://{keyvault-name}.{vault-endpoint}/keys/{object-name}/{object-version}\n");
      std::string kek_id_name = regex_group(s.kek_vault_resource_id, kKvId, 3);
      std::string kek_url_name = regex_group(s.kek_url, kKekUrl, 1);
      if (!text::iequals(kek_id_name, kek_url_name))
        throw PrecheckError("\nA KEK ID and KEK URL were provided, but their key vault names did not match\nKEK Key Vault ID: " +
                            s.kek_vault_resource_id + "\nKEK URL: " + s.kek_url + "\n");
      check_kek_algorithm(s);
    } else if (!s.kek_vault_resource_id.empty()) {
      throw PrecheckError("The KEK KeyVault ID was specified but the KEK URL was missing");
    }
  }
  if (s.operation != operation::kQueryStatus) check_volume_type(s);
  check_vfat(env);
}

}  // namespace azemu::vm::ade
