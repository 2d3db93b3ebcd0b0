// Key wire mapping; see key_json.hpp.
#include "fake-keyvault/keys/key_json.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/errors.hpp"

namespace azemu::kv {

namespace {
std::string str_field(const nlohmann::json& body, const char* name, bool required) {
  if (!body.contains(name) || body[name].is_null()) {
    if (required) throw errors::bad_parameter(std::string("Property '") + name + "' is required.");
    return "";
  }
  if (!body[name].is_string()) throw errors::bad_parameter(std::string("Property '") + name + "' must be a string.");
  return body[name].get<std::string>();
}
std::string b64_field(const nlohmann::json& body, const char* name, bool required) {
  std::string s = str_field(body, name, required);
  try {
    return text::base64_decode(s);
  } catch (const std::invalid_argument&) {
    throw errors::bad_parameter(std::string("Property '") + name + "' is not valid base64url.");
  }
}
std::optional<std::vector<std::string>> key_ops_field(const nlohmann::json& body) {
  if (!body.contains("key_ops") || body["key_ops"].is_null()) return std::nullopt;
  if (!body["key_ops"].is_array()) throw errors::bad_parameter("Property 'key_ops' must be an array.");
  static const char* known[] = {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export"};
  std::vector<std::string> ops;
  for (const auto& v : body["key_ops"]) {
    if (!v.is_string()) throw errors::bad_parameter("Property 'key_ops' must contain strings.");
    std::string op = v.get<std::string>(), canonical;
    for (const char* k : known) if (text::iequals(op, k)) canonical = k;
    if (canonical.empty()) throw errors::bad_parameter("Invalid key operation '" + op + "'.");
    ops.push_back(canonical);
  }
  return ops;
}
nlohmann::json jwk_json(const KeyVersion& k, const VaultContext& ctx) {
  nlohmann::json key = {{"kid", object_id(ctx.base, "keys", k.name, k.version)}, {"kty", k.kty}, {"key_ops", k.key_ops}};
  for (const auto& [f, v] : k.public_jwk.items()) key[f] = v;  // public parts only, never d/p/q/...
  return key;
}
nlohmann::json key_attributes(const KeyVersion& k, const VaultContext& ctx) {
  nlohmann::json a = attributes_json(k.attributes, ctx);
  a["exportable"] = false;
  return a;
}
}  // namespace

KeyCreate parse_key_create(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::bad_parameter("The request body must be a JSON object.");
  KeyCreate c;
  c.kty = str_field(body, "kty", true);
  if (body.contains("key_size") && !body["key_size"].is_null()) {
    if (!body["key_size"].is_number_integer()) throw errors::bad_parameter("Property 'key_size' must be an integer.");
    c.key_size = body["key_size"].get<int>();
  }
  if (body.contains("public_exponent") && body["public_exponent"].is_number_integer())
    c.public_exponent = body["public_exponent"].get<unsigned long>();
  c.crv = str_field(body, "crv", false);
  c.key_ops = key_ops_field(body);
  c.attributes = body.value("attributes", nlohmann::json());
  c.tags = parse_tags(body.value("tags", nlohmann::json()));
  return c;
}

KeyImport parse_key_import(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("key") || !body["key"].is_object())
    throw errors::bad_parameter("Property 'key' is required.");
  KeyImport i;
  i.jwk = body["key"];
  if (body.contains("Hsm") && body["Hsm"].is_boolean()) i.hsm = body["Hsm"].get<bool>();  // Spec: wire name "Hsm"
  if (body.contains("hsm") && body["hsm"].is_boolean()) i.hsm = body["hsm"].get<bool>();
  i.attributes = body.value("attributes", nlohmann::json());
  i.tags = parse_tags(body.value("tags", nlohmann::json()));
  return i;
}

KeyUpdate parse_key_update(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::bad_parameter("The request body must be a JSON object.");
  KeyUpdate u;
  u.key_ops = key_ops_field(body);
  u.attributes = body.value("attributes", nlohmann::json());
  if (body.contains("tags")) {
    u.has_tags = true;
    u.tags = parse_tags(body["tags"]);
  }
  return u;
}

KeyOperationInput parse_key_operation(const nlohmann::json& body, bool verify) {
  if (!body.is_object()) throw errors::bad_parameter("The request body must be a JSON object.");
  KeyOperationInput in;
  in.alg = str_field(body, "alg", true);
  in.value = b64_field(body, "value", true);
  if (verify) in.digest = b64_field(body, "digest", true);
  return in;
}

nlohmann::json key_bundle(const KeyVersion& k, const VaultContext& ctx) {
  return {{"key", jwk_json(k, ctx)}, {"attributes", key_attributes(k, ctx)}, {"tags", k.tags}};
}

nlohmann::json deleted_key_bundle(const KeyObject& k, const VaultContext& ctx) {
  nlohmann::json j = key_bundle(k.latest, ctx);
  j["recoveryId"] = recovery_id(ctx.base, "keys", k.name);
  j["deletedDate"] = k.deleted_date.value_or(0);
  j["scheduledPurgeDate"] = k.scheduled_purge.value_or(0);
  return j;
}

nlohmann::json key_item(const KeyVersion& k, const VaultContext& ctx, bool versioned) {
  nlohmann::json j = {{"kid", object_id(ctx.base, "keys", k.name, versioned ? k.version : "")},
                      {"attributes", key_attributes(k, ctx)}};
  if (!k.tags.is_null()) j["tags"] = k.tags;
  return j;
}

nlohmann::json deleted_key_item(const KeyObject& k, const VaultContext& ctx) {
  nlohmann::json j = key_item(k.latest, ctx, false);
  j["recoveryId"] = recovery_id(ctx.base, "keys", k.name);
  j["deletedDate"] = k.deleted_date.value_or(0);
  j["scheduledPurgeDate"] = k.scheduled_purge.value_or(0);
  return j;
}

nlohmann::json key_operation_result(const KeyOperationResult& r) {
  if (r.verified) return {{"value", *r.verified}};
  return {{"kid", r.kid}, {"value", text::base64url_encode(r.value)}};
}

nlohmann::json key_to_meta(const KeyVersion& k) {
  return {{"name", k.name}, {"kty", k.kty}, {"key_ops", k.key_ops}, {"jwk", k.public_jwk},
          {"attributes", attributes_to_storage(k.attributes)}, {"tags", k.tags}};
}

KeyVersion key_from_meta(const nlohmann::json& m) {
  KeyVersion k;
  k.name = m.at("name").get<std::string>();
  k.kty = m.at("kty").get<std::string>();
  k.key_ops = m.at("key_ops").get<std::vector<std::string>>();
  k.public_jwk = m.at("jwk");
  k.attributes = attributes_from_storage(m.at("attributes"));
  k.tags = m.value("tags", nlohmann::json());
  return k;
}

}  // namespace azemu::kv
