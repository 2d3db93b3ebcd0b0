// Vault handlers; see vault_handlers.hpp.
#include "fake-arm/providers/keyvault/vaults/vault_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/cloud_endpoints.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
const std::string& group_of(const http::Request& req) { return req.param("resourceGroupName"); }
const std::string& vault_of(const http::Request& req) { return req.param("vaultName"); }

std::string vault_id(const http::Request& req) {
  return ResourceId::resource(sub_of(req), group_of(req), kVaultNamespace, "vaults", vault_of(req)).str();
}
std::string deleted_id(const http::Request& req) {
  return deleted_vault_id(sub_of(req), canonical_location(req.param("location")), vault_of(req));
}
std::string provider_scope(const http::Request& req) {
  return "/subscriptions/" + sub_of(req) + "/providers/" + kVaultNamespace;
}
}  // namespace

std::string VaultHandlers::vault_dns(const http::Request& req) const { return cloud_endpoints(req, names_).keyvault_dns; }

http::Reply VaultHandlers::create_or_update(http::Request& req) {
  auto in = vault_put_from_json(req.json_body());
  const bool recover = in.create_mode && text::iequals(*in.create_mode, "recover");
  return audit_.record(req, recover ? "VaultRecover" : "VaultPut", vault_of(req), vault_id(req), [&] {
    auto r = svc_.create_or_update(caller(req), sub_of(req), group_of(req), vault_of(req), in);
    return http::Reply::json(r.created ? 201 : 200, to_json(r.vault, vault_dns(req)));
  });
}

http::Reply VaultHandlers::update(http::Request& req) {
  auto in = vault_patch_from_json(req.json_body());
  return audit_.record(req, "VaultPatch", vault_of(req), vault_id(req), [&] {
    return http::Reply::ok(to_json(svc_.update(caller(req), sub_of(req), group_of(req), vault_of(req), in), vault_dns(req)));
  });
}

http::Reply VaultHandlers::get(http::Request& req) {
  return audit_.record(req, "VaultGet", vault_of(req), vault_id(req), [&] {
    return http::Reply::ok(to_json(svc_.get(caller(req), sub_of(req), group_of(req), vault_of(req)), vault_dns(req)));
  });
}

http::Reply VaultHandlers::remove(http::Request& req) {
  return audit_.record(req, "VaultDelete", vault_of(req), vault_id(req), [&] {
    return http::Reply::empty(svc_.remove(caller(req), sub_of(req), group_of(req), vault_of(req)) ? 200 : 204);
  });
}

http::Reply VaultHandlers::update_access_policy(http::Request& req) {
  auto policies = access_policy_parameters_from_json(req.json_body());
  // Decision: Azure logs no dedicated operation for this route; it is a partial vault update.
  return audit_.record(req, "VaultPatch", vault_of(req), vault_id(req), [&] {
    auto r = svc_.update_access_policy(caller(req), sub_of(req), group_of(req), vault_of(req),
                                       req.param("operationKind"), policies);
    return http::Reply::ok(access_policy_parameters_json(r.vault, r.kind, policies));
  });
}

http::Reply VaultHandlers::list(http::Request& req, const std::string& group) {
  const std::string scope = group.empty() ? provider_scope(req)
                                          : ResourceId::resource_group(sub_of(req), group).str() + "/providers/" + kVaultNamespace;
  return audit_.record(req, "VaultList", "", scope, [&] {
    auto page = svc_.list(caller(req), sub_of(req), group, list_query(req));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : page.items) items.push_back(to_json(v, vault_dns(req)));
    return http::Reply::ok(page_json(std::move(items), page.next_skip, req));
  });
}

http::Reply VaultHandlers::list_by_group(http::Request& req) { return list(req, group_of(req)); }
http::Reply VaultHandlers::list_by_subscription(http::Request& req) { return list(req, ""); }

http::Reply VaultHandlers::list_deleted(http::Request& req) {
  return audit_.record(req, "VaultListDeleted", "", provider_scope(req), [&] {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : svc_.list_deleted(caller(req), sub_of(req))) items.push_back(to_json(d));
    return http::Reply::ok(nlohmann::json{{"value", std::move(items)}});
  });
}

http::Reply VaultHandlers::get_deleted(http::Request& req) {
  return audit_.record(req, "VaultGetDeleted", vault_of(req), deleted_id(req), [&] {
    return http::Reply::ok(to_json(svc_.get_deleted(caller(req), sub_of(req), req.param("location"), vault_of(req))));
  });
}

http::Reply VaultHandlers::purge_deleted(http::Request& req) {
  return audit_.record(req, "VaultPurge", vault_of(req), deleted_id(req), [&] {
    auto op = svc_.purge_deleted(caller(req), sub_of(req), req.param("location"), vault_of(req));
    auto reply = http::Reply::empty(202);
    return with_polling_headers(reply, req, op, false);
  });
}

http::Reply VaultHandlers::check_name(http::Request& req) {
  auto [name, type] = name_check_from_json(req.json_body());
  return http::Reply::ok(to_json(svc_.check_name(caller(req), sub_of(req), name, type)));
}

}  // namespace azemu::arm
