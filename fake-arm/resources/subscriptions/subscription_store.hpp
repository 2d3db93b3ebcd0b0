// SQL for arm_subscriptions (rows are created by arm::seed; no public create API yet).
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/resources/subscriptions/subscription_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class SubscriptionStore {
public:
  std::optional<Subscription> get(store::Connection& c, const std::string& id) const;
  std::vector<Subscription> list_for_tenant(store::Connection& c, const std::string& tenant_id) const;
  void insert(store::Connection& c, const Subscription& s, std::int64_t now) const;
};

}  // namespace azemu::arm
