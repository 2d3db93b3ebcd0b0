// Plain structs of a Key Vault secret: one version (value held in memory only after opening the
// sealed copy, contentType, attributes, tags), the object with its soft-delete state, and the
// typed inputs of set/update. Wire names live in secret_json.cpp.
#pragma once

#include "fake-keyvault/common/attributes.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::kv {

/// Service limit (ade.md §2.5: 25 KB, not in the swagger).
inline constexpr std::size_t kMaxSecretBytes = 25 * 1024;

struct SecretVersion {
  std::string name;
  std::string version;
  std::string value;          // clear text; filled only by SecretService when a value is returned
  std::string sealed_value;   // AES-GCM envelope, what the store keeps
  std::optional<std::string> content_type;
  Attributes attributes;
  nlohmann::json tags;        // null when never set
};

/// Same soft-delete lifecycle as KeyObject (see key_model.hpp); transitions in SecretService.
struct SecretObject {
  std::string name;
  std::optional<std::int64_t> deleted_date;
  std::optional<std::int64_t> scheduled_purge;
  SecretVersion latest;
};

struct SecretSet {
  std::string value;
  std::optional<std::string> content_type;
  nlohmann::json attributes;
  nlohmann::json tags;
};

struct SecretUpdate {
  std::optional<std::string> content_type;
  nlohmann::json attributes;
  bool has_tags = false;
  nlohmann::json tags;
};

}  // namespace azemu::kv
