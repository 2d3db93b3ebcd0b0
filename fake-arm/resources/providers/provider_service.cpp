// Provider registration semantics; see provider_service.hpp.
#include "fake-arm/resources/providers/provider_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

const ProviderInfo& require_provider(const std::string& ns, bool is_read) {
  const ProviderInfo* p = find_provider(ns);
  if (!p) throw errors::invalid_resource_namespace(ns, is_read);
  return *p;
}

Provider ProviderService::with_state(store::Connection& c, const std::string& sub, const ProviderInfo& info) const {
  auto state = store_.state(c, sub, info.ns);
  return {&info, state ? *state : (info.registered_by_default ? kRegistered : kNotRegistered)};
}

std::vector<Provider> ProviderService::list(const auth::Principal& caller, const std::string& sub) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kProvidersRead, "/subscriptions/" + s.id);
  return db_.read([&](store::Connection& c) {
    auto states = store_.states(c, sub);
    std::vector<Provider> out;
    for (const auto& info : provider_catalog()) {
      auto it = states.find(text::to_lower(info.ns));
      out.push_back({&info, it != states.end() ? it->second
                                                : (info.registered_by_default ? kRegistered : kNotRegistered)});
    }
    return out;
  });
}

Provider ProviderService::get(const auth::Principal& caller, const std::string& sub, const std::string& ns) const {
  Subscription s = subs_.require(caller, sub);
  const ProviderInfo& info = require_provider(ns);
  authz_.authorize(caller, actions::kProvidersRead, "/subscriptions/" + s.id + "/providers/" + info.ns);
  return db_.read([&](store::Connection& c) { return with_state(c, sub, info); });
}

Provider ProviderService::set(const auth::Principal& caller, const std::string& sub, const std::string& ns,
                              const char* state) const {
  Subscription s = subs_.require(caller, sub);
  const ProviderInfo& info = require_provider(ns);
  const bool registering = std::string_view(state) == kRegistered;
  authz_.authorize(caller, registering ? actions::register_provider(info.ns) : actions::unregister_provider(info.ns),
                   "/subscriptions/" + s.id);
  db_.write([&](store::Connection& c) { store_.set_state(c, sub, info.ns, state, clock_.now_unix()); });
  return {&info, state};
}

Provider ProviderService::register_provider(const auth::Principal& caller, const std::string& sub,
                                            const std::string& ns) const {
  return set(caller, sub, ns, kRegistered);
}

Provider ProviderService::unregister_provider(const auth::Principal& caller, const std::string& sub,
                                              const std::string& ns) const {
  return set(caller, sub, ns, kUnregistered);
}

std::vector<Provider> ProviderService::list_tenant() const {
  std::vector<Provider> out;
  for (const auto& info : provider_catalog()) out.push_back({&info, ""});
  return out;
}

Provider ProviderService::get_tenant(const std::string& ns) const { return {&require_provider(ns), ""}; }

void ProviderService::auto_register(store::Connection& c, const std::string& sub, const std::string& ns) const {
  const ProviderInfo* info = find_provider(ns);
  if (!info) return;
  if (with_state(c, sub, *info).registration_state != kRegistered)
    store_.set_state(c, sub, info->ns, kRegistered, clock_.now_unix());
}

}  // namespace azemu::arm
