// Attribute parsing and printing; see attributes.hpp.
#include "fake-keyvault/common/attributes.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/errors.hpp"

namespace azemu::kv {

namespace {
bool lenient_bool(const nlohmann::json& v, const char* field) {
  if (v.is_boolean()) return v.get<bool>();
  // Observed: the ADE extension (Python 2 era) sends "enabled": "true"; the service accepts it.
  if (v.is_string()) {
    auto s = v.get<std::string>();
    if (text::iequals(s, "true")) return true;
    if (text::iequals(s, "false")) return false;
  }
  throw errors::bad_parameter(std::string("Invalid value for attribute '") + field + "'.");
}
std::optional<std::int64_t> epoch(const nlohmann::json& v, const char* field) {
  if (v.is_null()) return std::nullopt;
  if (v.is_number()) return v.get<std::int64_t>();
  if (v.is_string()) {
    try { return std::stoll(v.get<std::string>()); } catch (const std::exception&) {}
  }
  throw errors::bad_parameter(std::string("Invalid value for attribute '") + field + "'.");
}
}  // namespace

void apply_attributes(const nlohmann::json& wire, Attributes& into) {
  if (wire.is_null()) return;
  if (!wire.is_object()) throw errors::bad_parameter("Property 'attributes' must be an object.");
  if (wire.contains("enabled") && !wire["enabled"].is_null()) into.enabled = lenient_bool(wire["enabled"], "enabled");
  if (wire.contains("nbf")) into.nbf = epoch(wire["nbf"], "nbf");
  if (wire.contains("exp")) into.exp = epoch(wire["exp"], "exp");
}

nlohmann::json attributes_json(const Attributes& a, const VaultContext& ctx) {
  nlohmann::json j = {{"enabled", a.enabled}};
  if (a.nbf) j["nbf"] = *a.nbf;
  if (a.exp) j["exp"] = *a.exp;
  j["created"] = a.created;
  j["updated"] = a.updated;
  j["recoveryLevel"] = recovery_level(ctx.vault);
  j["recoverableDays"] = recoverable_days(ctx.vault);
  return j;
}

nlohmann::json parse_tags(const nlohmann::json& wire) {
  if (wire.is_null()) return nullptr;
  if (!wire.is_object()) throw errors::bad_parameter("Property 'tags' must be an object.");
  if (wire.size() > 15) throw errors::bad_parameter("The number of tags exceeds the maximum of 15.");
  for (const auto& [k, v] : wire.items())
    if (!v.is_string()) throw errors::bad_parameter("Tag '" + k + "' must have a string value.");
  return wire;
}

nlohmann::json attributes_to_storage(const Attributes& a) {
  return {{"enabled", a.enabled}, {"nbf", a.nbf ? nlohmann::json(*a.nbf) : nlohmann::json()},
          {"exp", a.exp ? nlohmann::json(*a.exp) : nlohmann::json()}, {"created", a.created}, {"updated", a.updated}};
}

Attributes attributes_from_storage(const nlohmann::json& j) {
  Attributes a;
  a.enabled = j.value("enabled", true);
  if (j.contains("nbf") && !j["nbf"].is_null()) a.nbf = j["nbf"].get<std::int64_t>();
  if (j.contains("exp") && !j["exp"].is_null()) a.exp = j["exp"].get<std::int64_t>();
  a.created = j.value("created", std::int64_t{0});
  a.updated = j.value("updated", std::int64_t{0});
  return a;
}

}  // namespace azemu::kv
