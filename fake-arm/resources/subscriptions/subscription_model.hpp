// Subscriptions and tenants as ARM shows them, plus their wire mapping (subscription_json.cpp).
#pragma once

#include "emulator/ports/directory.hpp"
#include "fake-arm/core/locations.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::arm {

struct Subscription {
  std::string id;            // lower-case GUID
  std::string tenant_id;
  std::string display_name;
  std::string state = "Enabled";
};

nlohmann::json to_json(const Subscription& s);
nlohmann::json tenant_json(const ports::TenantInfo& t);
nlohmann::json location_json(const std::string& subscription_id, const LocationInfo& l);

}  // namespace azemu::arm
