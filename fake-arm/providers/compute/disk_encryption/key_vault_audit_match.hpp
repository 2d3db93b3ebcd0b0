// Which Key Vault audit rows (emulator/audit, Azure's AuditEvent) touched a disk's BEK secret or
// its KEK: the teaching view's "who read my disk key, and when". Pure functions over the audit
// record and the URLs Compute stores in encryption settings; no I/O. Matching is by vault, object
// name and (for the KEK) version, never by host name: the same vault is reached as
// v.vault.azure.net (proxy mode) and v.vault.azemu.localhost:8443 (cloud mode).
#pragma once

#include "emulator/audit/audit_log.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm::compute {

/// "https://v.vault.azure.net/keys/myKey/<32 hex>" split into its parts.
struct VaultObjectRef {
  std::string url;         // as written where it was found
  std::string vault;       // "v": the host's first label, lower case
  std::string collection;  // "keys" | "secrets" (the deleted* collections are folded into these)
  std::string name;
  std::string version;     // "" when the URL names no version
};

/// The key or secret https://<vault host>/<keys|secrets|deletedkeys|deletedsecrets>/<name>[/<version>][/<op>][?...]
/// names (parsed by emulator/cloud's parse_vault_object_url). A third segment counts as a version only when it is
/// 32 hex digits (Key Vault's version form), so ".../keys/k/wrapkey" is the unversioned key k. nullopt for
/// anything else.
std::optional<VaultObjectRef> vault_object_ref(std::string_view url);

enum class KeyTouch { none, bek, kek };

/// What `e` touched. The BEK secret matches by vault and name, any version (SecretSet makes the
/// version, SecretGet may name it or not). The KEK matches by vault and name when the row names
/// the KEK's version or no version at all (a refused call on the key's name); an unversioned
/// keyUrl matches every version. The row's object is
/// properties.id (the versioned id the vault resolved) when present, else its request URI.
/// Anonymous 401s (the SDKs' bearer challenge before each call) touch nothing.
KeyTouch audit_touch(const audit::AuditEvent& e, const VaultObjectRef* bek, const VaultObjectRef* kek);

}  // namespace azemu::arm::compute
