// Secret handlers; see secret_handlers.hpp.
#include "fake-keyvault/secrets/secret_handlers.hpp"

#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/common/paging.hpp"
#include "fake-keyvault/errors.hpp"
#include "fake-keyvault/secrets/secret_json.hpp"

#include <nlohmann/json.hpp>

namespace azemu::kv {

namespace {
std::string version_param(const http::Request& req) {
  auto it = req.params.find("secret-version");
  return it == req.params.end() ? "" : it->second;
}
/// Audit fields Azure logs for secret calls (logging.md: id, secretProperties).
const SecretVersion& noted(VaultContext& ctx, const SecretVersion& s) {
  ctx.audit_object_id = object_id(ctx.base, "secrets", s.name, s.version);
  ctx.audit_properties["secretProperties"] = {{"attributes", {{"enabled", s.attributes.enabled}}}};
  if (s.content_type) ctx.audit_properties["secretProperties"]["contentType"] = *s.content_type;
  return s;
}
}  // namespace

http::Reply SecretHandlers::set(VaultContext& ctx, http::Request& req) {
  auto s = service_.set(ctx, req.param("secret-name"), parse_secret_set(req.json_body()));
  return http::Reply::ok(secret_bundle(noted(ctx, s), ctx));
}

http::Reply SecretHandlers::get(VaultContext& ctx, http::Request& req) {
  auto s = service_.get(ctx, req.param("secret-name"), version_param(req));
  return http::Reply::ok(secret_bundle(noted(ctx, s), ctx));
}

http::Reply SecretHandlers::list(VaultContext& ctx, http::Request& req) {
  std::vector<nlohmann::json> items;
  for (const auto& s : service_.list(ctx)) items.push_back(secret_item(s, ctx, false));
  return http::Reply::ok(page(items, req, ctx, "/secrets"));
}

http::Reply SecretHandlers::list_versions(VaultContext& ctx, http::Request& req) {
  const auto& name = req.param("secret-name");
  std::vector<nlohmann::json> items;
  for (const auto& s : service_.list_versions(ctx, name)) items.push_back(secret_item(s, ctx, true));
  return http::Reply::ok(page(items, req, ctx, "/secrets/" + name + "/versions"));
}

http::Reply SecretHandlers::update(VaultContext& ctx, http::Request& req) {
  auto s = service_.update(ctx, req.param("secret-name"), version_param(req), parse_secret_update(req.json_body()));
  return http::Reply::ok(secret_bundle_no_value(noted(ctx, s), ctx));
}

http::Reply SecretHandlers::remove(VaultContext& ctx, http::Request& req) {
  auto o = service_.remove(ctx, req.param("secret-name"));
  noted(ctx, o.latest);
  return http::Reply::ok(deleted_secret_bundle(o, ctx));
}

http::Reply SecretHandlers::get_deleted(VaultContext& ctx, http::Request& req) {
  auto o = service_.get_deleted(ctx, req.param("secret-name"));
  noted(ctx, o.latest);
  return http::Reply::ok(deleted_secret_bundle(o, ctx));
}

http::Reply SecretHandlers::list_deleted(VaultContext& ctx, http::Request& req) {
  std::vector<nlohmann::json> items;
  for (const auto& o : service_.list_deleted(ctx)) items.push_back(deleted_secret_item(o, ctx));
  return http::Reply::ok(page(items, req, ctx, "/deletedsecrets"));
}

http::Reply SecretHandlers::recover_deleted(VaultContext& ctx, http::Request& req) {
  auto s = service_.recover(ctx, req.param("secret-name"));
  return http::Reply::ok(secret_bundle_no_value(noted(ctx, s), ctx));
}

http::Reply SecretHandlers::purge_deleted(VaultContext& ctx, http::Request& req) {
  service_.purge(ctx, req.param("secret-name"));
  return http::Reply::empty(204);
}

http::Reply SecretHandlers::backup(VaultContext& ctx, http::Request& req) {
  return http::Reply::ok({{"value", service_.backup(ctx, req.param("secret-name"))}});
}

http::Reply SecretHandlers::restore(VaultContext& ctx, http::Request& req) {
  auto body = req.json_body();
  if (!body.is_object() || !body.contains("value") || !body["value"].is_string())
    throw errors::bad_parameter("Property 'value' is required.");
  auto s = service_.restore(ctx, body["value"].get<std::string>());
  return http::Reply::ok(secret_bundle_no_value(noted(ctx, s), ctx));
}

}  // namespace azemu::kv
