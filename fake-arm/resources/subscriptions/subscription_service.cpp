// Subscription semantics; see subscription_service.hpp.
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

std::vector<Subscription> SubscriptionService::list(const auth::Principal& caller) const {
  const Grants grants = authz_.grants(caller);
  auto all = db_.read([&](store::Connection& c) { return store_.list_for_tenant(c, caller.tenant_id); });
  std::vector<Subscription> visible;
  for (auto& s : all)
    if (grants.touches("/subscriptions/" + s.id)) visible.push_back(std::move(s));
  return visible;
}

Subscription SubscriptionService::get(const auth::Principal& caller, const std::string& id) const {
  Subscription s = require(caller, id);
  // Decision: an existing subscription of the caller's tenant without any assignment of the caller
  // is 403 AuthorizationFailed (what ARM answers for .../subscriptions/read), not 404.
  const std::string scope = "/subscriptions/" + s.id;
  if (!authz_.grants(caller).touches(scope)) throw Authorizer::denied(caller, actions::kSubscriptionsRead, scope);
  return s;
}

Subscription SubscriptionService::require(const auth::Principal& caller, const std::string& id) const {
  if (!ids::is_guid(id)) throw errors::invalid_subscription_id(id);
  auto sub = db_.read([&](store::Connection& c) { return store_.get(c, id); });
  // Observed: ARM answers 404 SubscriptionNotFound (not 403) for a subscription of another tenant.
  if (!sub || !text::iequals(sub->tenant_id, caller.tenant_id)) throw errors::subscription_not_found(id);
  return *sub;
}

std::vector<ports::TenantInfo> SubscriptionService::tenants(const auth::Principal& caller) const {
  std::vector<ports::TenantInfo> out;
  bool has_own = false;
  for (auto& t : directory_.tenants()) {
    if (!text::iequals(t.id, caller.tenant_id)) continue;  // only tenants the caller belongs to
    has_own = true;
    out.push_back(std::move(t));
  }
  // The token's tenant always exists (the verifier checked it), even if the directory names none.
  if (!has_own && !caller.tenant_id.empty()) out.push_back({caller.tenant_id, "", ""});
  return out;
}

std::vector<LocationInfo> SubscriptionService::locations(const auth::Principal& caller, const std::string& id) const {
  get(caller, id);
  return location_catalog();
}

std::optional<std::string> SubscriptionService::tenant_of(const std::string& id) const {
  auto sub = db_.read([&](store::Connection& c) { return store_.get(c, id); });
  if (!sub) return std::nullopt;
  return sub->tenant_id;
}

}  // namespace azemu::arm
