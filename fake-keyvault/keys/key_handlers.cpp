// Key handlers; see key_handlers.hpp.
#include "fake-keyvault/keys/key_handlers.hpp"

#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/common/paging.hpp"
#include "fake-keyvault/errors.hpp"
#include "fake-keyvault/keys/key_json.hpp"

#include <nlohmann/json.hpp>

namespace azemu::kv {

namespace {
std::string version_param(const http::Request& req) {
  auto it = req.params.find("key-version");
  return it == req.params.end() ? "" : it->second;
}
/// Records the audit fields Azure logs for key calls (logging.md: id, keyProperties).
const KeyVersion& noted(VaultContext& ctx, const KeyVersion& k) {
  ctx.audit_object_id = object_id(ctx.base, "keys", k.name, k.version);
  ctx.audit_properties["keyProperties"] = {{"type", k.kty}, {"version", k.version}};
  if (k.public_jwk.contains("crv")) ctx.audit_properties["keyProperties"]["curve"] = k.public_jwk["crv"];
  return k;
}
}  // namespace

http::Reply KeyHandlers::create(VaultContext& ctx, http::Request& req) {
  auto k = service_.create(ctx, req.param("key-name"), parse_key_create(req.json_body()));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::import(VaultContext& ctx, http::Request& req) {
  auto k = service_.import(ctx, req.param("key-name"), parse_key_import(req.json_body()));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::get(VaultContext& ctx, http::Request& req) {
  auto k = service_.get(ctx, req.param("key-name"), version_param(req));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::list(VaultContext& ctx, http::Request& req) {
  std::vector<nlohmann::json> items;
  for (const auto& k : service_.list(ctx)) items.push_back(key_item(k, ctx, false));
  return http::Reply::ok(page(items, req, ctx, "/keys"));
}

http::Reply KeyHandlers::list_versions(VaultContext& ctx, http::Request& req) {
  std::vector<nlohmann::json> items;
  const auto& name = req.param("key-name");
  for (const auto& k : service_.list_versions(ctx, name)) items.push_back(key_item(k, ctx, true));
  return http::Reply::ok(page(items, req, ctx, "/keys/" + name + "/versions"));
}

http::Reply KeyHandlers::update(VaultContext& ctx, http::Request& req) {
  auto k = service_.update(ctx, req.param("key-name"), version_param(req), parse_key_update(req.json_body()));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::remove(VaultContext& ctx, http::Request& req) {
  auto o = service_.remove(ctx, req.param("key-name"));
  noted(ctx, o.latest);
  return http::Reply::ok(deleted_key_bundle(o, ctx));
}

http::Reply KeyHandlers::get_deleted(VaultContext& ctx, http::Request& req) {
  auto o = service_.get_deleted(ctx, req.param("key-name"));
  noted(ctx, o.latest);
  return http::Reply::ok(deleted_key_bundle(o, ctx));
}

http::Reply KeyHandlers::list_deleted(VaultContext& ctx, http::Request& req) {
  std::vector<nlohmann::json> items;
  for (const auto& o : service_.list_deleted(ctx)) items.push_back(deleted_key_item(o, ctx));
  return http::Reply::ok(page(items, req, ctx, "/deletedkeys"));
}

http::Reply KeyHandlers::recover_deleted(VaultContext& ctx, http::Request& req) {
  auto k = service_.recover(ctx, req.param("key-name"));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::purge_deleted(VaultContext& ctx, http::Request& req) {
  service_.purge(ctx, req.param("key-name"));
  return http::Reply::empty(204);
}

http::Reply KeyHandlers::backup(VaultContext& ctx, http::Request& req) {
  return http::Reply::ok({{"value", service_.backup(ctx, req.param("key-name"))}});
}

http::Reply KeyHandlers::restore(VaultContext& ctx, http::Request& req) {
  auto body = req.json_body();
  if (!body.is_object() || !body.contains("value") || !body["value"].is_string())
    throw errors::bad_parameter("Property 'value' is required.");
  auto k = service_.restore(ctx, body["value"].get<std::string>());
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::rotate(VaultContext& ctx, http::Request& req) {
  auto k = service_.rotate(ctx, req.param("key-name"));
  return http::Reply::ok(key_bundle(noted(ctx, k), ctx));
}

http::Reply KeyHandlers::get_rotation_policy(VaultContext& ctx, http::Request& req) {
  return http::Reply::ok(service_.get_rotation_policy(ctx, req.param("key-name")));
}

http::Reply KeyHandlers::update_rotation_policy(VaultContext& ctx, http::Request& req) {
  return http::Reply::ok(service_.set_rotation_policy(ctx, req.param("key-name"), req.json_body()));
}

http::Reply KeyHandlers::operate(VaultContext& ctx, http::Request& req, KeyOp op) {
  auto in = parse_key_operation(req.json_body(), op == KeyOp::verify);
  auto r = service_.operate(ctx, req.param("key-name"), version_param(req), op, in);
  ctx.audit_object_id = r.kid;
  ctx.audit_properties["keyProperties"] = {{"type", r.kty}, {"version", r.kid.substr(r.kid.rfind('/') + 1)}};
  ctx.audit_properties["algorithm"] = in.alg;
  return http::Reply::ok(key_operation_result(r));
}

}  // namespace azemu::kv
