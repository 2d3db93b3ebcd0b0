// Plain structs of a Key Vault key: one version (public JWK, attributes, key_ops, tags, sealed
// private material), the object (name, soft-delete state, newest version) and the typed inputs of
// create/import/update and the cryptographic operations. Wire names live in key_json.cpp.
#pragma once

#include "fake-keyvault/common/attributes.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::kv {

struct KeyVersion {
  std::string name;     // case as first created
  std::string version;  // 32 hex
  std::string kty;      // "RSA" | "RSA-HSM" | "EC" | "EC-HSM"
  std::vector<std::string> key_ops;
  nlohmann::json public_jwk;  // {"n","e"} or {"crv","x","y"}
  Attributes attributes;
  nlohmann::json tags;        // null when never set
  std::string sealed_material;  // AES-GCM envelope of the private DER; never on the wire
};

/// Soft-delete lifecycle of a key (all versions move together):
///
///   (none) --create/import/restore--> active --delete--> deleted --purge / retention--> (none)
///                                       ^                   |
///                                       +------recover------+
///
/// KeyService::remove, recover, purge perform the transitions; VersionedStore::sweep ends the
/// retention period lazily on the next call to the vault.
struct KeyObject {
  std::string name;
  std::optional<std::int64_t> deleted_date;
  std::optional<std::int64_t> scheduled_purge;
  KeyVersion latest;
};

struct KeyCreate {
  std::string kty;
  int key_size = 0;                      // 0: 2048 for RSA
  unsigned long public_exponent = 65537;
  std::string crv;                       // "" : P-256 for EC
  std::optional<std::vector<std::string>> key_ops;
  nlohmann::json attributes;             // wire attributes or null
  nlohmann::json tags;
};

struct KeyImport {
  nlohmann::json jwk;
  bool hsm = false;
  nlohmann::json attributes;
  nlohmann::json tags;
};

struct KeyUpdate {
  std::optional<std::vector<std::string>> key_ops;
  nlohmann::json attributes;
  bool has_tags = false;
  nlohmann::json tags;
};

/// The six operations of …/{encrypt|decrypt|wrapkey|unwrapkey|sign|verify}, named like key_ops.
enum class KeyOp { encrypt, decrypt, wrap_key, unwrap_key, sign, verify };

struct KeyOperationInput {
  std::string alg;
  std::string value;   // decoded bytes: plaintext, ciphertext, digest (sign) or signature (verify)
  std::string digest;  // verify only, decoded
};

struct KeyOperationResult {
  std::string kid;     // versioned
  std::string kty;     // for the audit record
  std::string value;   // decoded bytes (not for verify)
  std::optional<bool> verified;
};

}  // namespace azemu::kv
