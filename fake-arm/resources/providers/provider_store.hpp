// SQL for arm_provider_registrations: only namespaces whose state differs from the catalog default
// have a row (absence means "default"), so adding a namespace to the catalog needs no migration.
#pragma once

#include "emulator/store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace azemu::arm {

class ProviderStore {
public:
  /// Explicit state of one namespace (any case), or nullopt.
  std::optional<std::string> state(store::Connection& c, const std::string& subscription_id, const std::string& ns) const;
  /// Every explicit state of a subscription, keyed by lower-case namespace.
  std::map<std::string, std::string> states(store::Connection& c, const std::string& subscription_id) const;
  void set_state(store::Connection& c, const std::string& subscription_id, const std::string& ns,
                 const std::string& state, std::int64_t now) const;
};

}  // namespace azemu::arm
