// Secret wire mapping; see secret_json.hpp.
#include "fake-keyvault/secrets/secret_json.hpp"

#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/errors.hpp"

namespace azemu::kv {

namespace {
std::optional<std::string> content_type_field(const nlohmann::json& body) {
  if (!body.contains("contentType") || body["contentType"].is_null()) return std::nullopt;
  if (!body["contentType"].is_string()) throw errors::bad_parameter("Property 'contentType' must be a string.");
  return body["contentType"].get<std::string>();
}
void add_common(nlohmann::json& j, const SecretVersion& s, const VaultContext& ctx) {
  if (s.content_type) j["contentType"] = *s.content_type;
  j["attributes"] = attributes_json(s.attributes, ctx);
  j["tags"] = s.tags;
}
void add_deleted(nlohmann::json& j, const SecretObject& s, const VaultContext& ctx) {
  j["recoveryId"] = recovery_id(ctx.base, "secrets", s.name);
  j["deletedDate"] = s.deleted_date.value_or(0);
  j["scheduledPurgeDate"] = s.scheduled_purge.value_or(0);
}
}  // namespace

SecretSet parse_secret_set(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("value") || !body["value"].is_string())
    throw errors::bad_parameter("Property 'value' is required and must be a string.");
  SecretSet s;
  s.value = body["value"].get<std::string>();
  s.content_type = content_type_field(body);
  s.attributes = body.value("attributes", nlohmann::json());
  s.tags = parse_tags(body.value("tags", nlohmann::json()));
  return s;
}

SecretUpdate parse_secret_update(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::bad_parameter("The request body must be a JSON object.");
  SecretUpdate u;
  u.content_type = content_type_field(body);
  u.attributes = body.value("attributes", nlohmann::json());
  if (body.contains("tags")) {
    u.has_tags = true;
    u.tags = parse_tags(body["tags"]);
  }
  return u;
}

nlohmann::json secret_bundle(const SecretVersion& s, const VaultContext& ctx) {
  nlohmann::json j = {{"value", s.value}, {"id", object_id(ctx.base, "secrets", s.name, s.version)}};
  add_common(j, s, ctx);
  return j;
}

nlohmann::json secret_bundle_no_value(const SecretVersion& s, const VaultContext& ctx) {
  nlohmann::json j = {{"id", object_id(ctx.base, "secrets", s.name, s.version)}};
  add_common(j, s, ctx);
  return j;
}

nlohmann::json deleted_secret_bundle(const SecretObject& s, const VaultContext& ctx) {
  nlohmann::json j = secret_bundle_no_value(s.latest, ctx);
  add_deleted(j, s, ctx);
  return j;
}

nlohmann::json secret_item(const SecretVersion& s, const VaultContext& ctx, bool versioned) {
  nlohmann::json j = {{"id", object_id(ctx.base, "secrets", s.name, versioned ? s.version : "")}};
  add_common(j, s, ctx);
  if (s.tags.is_null()) j.erase("tags");
  return j;
}

nlohmann::json deleted_secret_item(const SecretObject& s, const VaultContext& ctx) {
  nlohmann::json j = secret_item(s.latest, ctx, false);
  add_deleted(j, s, ctx);
  return j;
}

nlohmann::json secret_to_meta(const SecretVersion& s) {
  return {{"name", s.name},
          {"contentType", s.content_type ? nlohmann::json(*s.content_type) : nlohmann::json()},
          {"attributes", attributes_to_storage(s.attributes)},
          {"tags", s.tags}};
}

SecretVersion secret_from_meta(const nlohmann::json& m) {
  SecretVersion s;
  s.name = m.at("name").get<std::string>();
  if (m.contains("contentType") && m["contentType"].is_string()) s.content_type = m["contentType"].get<std::string>();
  s.attributes = attributes_from_storage(m.at("attributes"));
  s.tags = m.value("tags", nlohmann::json());
  return s;
}

}  // namespace azemu::kv
