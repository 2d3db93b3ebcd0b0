// Subscriptions, tenants and locations as the caller sees them. Also the gate every other ARM
// service passes first: require() turns a subscription id from the path into a Subscription the
// caller's tenant owns, or throws (so no service reads another tenant's data).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/resources/subscriptions/subscription_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class SubscriptionService {
public:
  SubscriptionService(store::Database& db, const ports::Directory& directory, const Authorizer& authz)
      : db_(db), directory_(directory), authz_(authz) {}

  /// Subscriptions of the caller's tenant where the caller holds a role assignment at, above or below
  /// the subscription (Observed: an SP without any role sees none; az prints "No subscriptions found").
  std::vector<Subscription> list(const auth::Principal& caller) const;
  /// require(), then the same visibility rule as list(): AuthorizationFailed (403) for
  /// Microsoft.Resources/subscriptions/read when the caller has no assignment touching it.
  Subscription get(const auth::Principal& caller, const std::string& subscription_id) const;
  /// Throws InvalidSubscriptionId (not a GUID) or SubscriptionNotFound (unknown, or another tenant's).
  Subscription require(const auth::Principal& caller, const std::string& subscription_id) const;
  /// Tenants the caller can see: the directory's tenants plus (always) the caller's own.
  std::vector<ports::TenantInfo> tenants(const auth::Principal& caller) const;
  /// The region catalog, after get().
  std::vector<LocationInfo> locations(const auth::Principal& caller, const std::string& subscription_id) const;

  /// For the 401 challenge: the tenant owning a subscription, without any caller check.
  std::optional<std::string> tenant_of(const std::string& subscription_id) const;

private:
  store::Database& db_;
  const ports::Directory& directory_;
  const Authorizer& authz_;
  SubscriptionStore store_;
};

}  // namespace azemu::arm
