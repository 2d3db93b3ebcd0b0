// The one parser of Key Vault object URLs, https://<vault host>/<collection>/<name>[/<segment>...][?...]:
// the platform's in-process calls (fake-keyvault/platform) read the key or secret they are handed, and Compute's
// disk report (fake-arm) matches audit rows to a disk's BEK secret and KEK. The vault is the host's first label:
// v.vault.azure.net (proxy mode) and v.vault.azemu.localhost:8443 (cloud mode) are the same vault.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::cloud {

struct VaultObjectUrl {
  std::string base;               // "https://v.vault.azure.net" (port kept)
  std::string vault;              // "v": the host's first label, lower case
  std::string collection;         // lower case: "keys", "secrets", "deletedkeys", "deletedsecrets", ...
  std::string name;               // as written
  std::vector<std::string> rest;  // the segments after the name: a version, an operation ("wrapkey"), ...
};

/// nullopt unless `url` is https with a host and at least a collection and a name (empty segments are skipped,
/// the query and fragment ignored).
std::optional<VaultObjectUrl> parse_vault_object_url(std::string_view url);

/// Key Vault's version form: 32 hex digits.
bool is_object_version(std::string_view segment);

}  // namespace azemu::cloud
