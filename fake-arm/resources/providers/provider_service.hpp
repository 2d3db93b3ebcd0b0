// Resource provider registration per subscription. Registration completes at once (real ARM goes
// through "Registering"; az only prints a notice then). Decision: creating a resource never fails
// for an unregistered provider: providers call auto_register() on their first PUT, as the portal
// does, because the seed's workflow and SDK samples often skip `az provider register`.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/resources/providers/provider_model.hpp"
#include "fake-arm/resources/providers/provider_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <string>
#include <vector>

namespace azemu::arm {

class ProviderService {
public:
  ProviderService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                  const Authorizer& authz)
      : db_(db), clock_(clock), subs_(subs), authz_(authz) {}

  /// Subscription scope. Throw SubscriptionNotFound/InvalidSubscriptionId; get/register/unregister
  /// also InvalidResourceNamespace (404) for a namespace outside the catalog. AuthorizationFailed
  /// unless the caller may read providers (list/get) or "{ns}/register|unregister/action".
  std::vector<Provider> list(const auth::Principal& caller, const std::string& subscription_id) const;
  Provider get(const auth::Principal& caller, const std::string& subscription_id, const std::string& ns) const;
  Provider register_provider(const auth::Principal& caller, const std::string& subscription_id, const std::string& ns) const;
  Provider unregister_provider(const auth::Principal& caller, const std::string& subscription_id,
                               const std::string& ns) const;

  /// Tenant scope (no registration state).
  std::vector<Provider> list_tenant() const;
  Provider get_tenant(const std::string& ns) const;

  /// For resource providers, inside their PUT transaction: Registered unless already so.
  void auto_register(store::Connection& c, const std::string& subscription_id, const std::string& ns) const;

private:
  Provider with_state(store::Connection& c, const std::string& sub, const ProviderInfo& info) const;
  Provider set(const auth::Principal& caller, const std::string& sub, const std::string& ns, const char* state) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const Authorizer& authz_;
  ProviderStore store_;
};

/// The catalog entry, or InvalidResourceNamespace (404 when `is_read`, else 400).
const ProviderInfo& require_provider(const std::string& ns, bool is_read = true);

}  // namespace azemu::arm
