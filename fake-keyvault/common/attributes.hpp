// Object attributes shared by keys and secrets (enabled, nbf, exp, created, updated) and tags:
// lenient parsing of what clients send (the ADE extension sends "enabled":"true" as a string) and
// the wire form with the vault's recoveryLevel. Wire names live here and nowhere else.
#pragma once

#include "fake-keyvault/common/vault_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace azemu::kv {

struct Attributes {
  bool enabled = true;
  std::optional<std::int64_t> nbf;
  std::optional<std::int64_t> exp;
  std::int64_t created = 0;
  std::int64_t updated = 0;
};

/// Applies the writable fields present in `wire` (an "attributes" object or null) onto `into`.
/// Throws BadParameter for wrong types.
void apply_attributes(const nlohmann::json& wire, Attributes& into);
/// {"enabled","nbf"?,"exp"?,"created","updated","recoveryLevel","recoverableDays"}.
nlohmann::json attributes_json(const Attributes& a, const VaultContext& ctx);
/// Validates a "tags" value: null or an object of strings (at most 15, Spec: common limits).
nlohmann::json parse_tags(const nlohmann::json& wire);

/// Storage form (not the wire form): every field, for the meta column.
nlohmann::json attributes_to_storage(const Attributes& a);
Attributes attributes_from_storage(const nlohmann::json& j);

}  // namespace azemu::kv
