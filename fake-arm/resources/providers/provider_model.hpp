// A resource provider as one subscription sees it (catalog entry + registration state), and its
// wire mapping (provider_json.cpp).
#pragma once

#include "fake-arm/resources/providers/providers_catalog.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::arm {

/// Wire values of registrationState.
inline constexpr const char* kRegistered = "Registered";
inline constexpr const char* kNotRegistered = "NotRegistered";
inline constexpr const char* kUnregistered = "Unregistered";

struct Provider {
  const ProviderInfo* info = nullptr;  // from the catalog (never null)
  std::string registration_state;      // "" at tenant scope (GET /providers), which has no state
};

/// `subscription_id` empty → the tenant-level id "/providers/{ns}".
nlohmann::json to_json(const Provider& p, const std::string& subscription_id);

}  // namespace azemu::arm
