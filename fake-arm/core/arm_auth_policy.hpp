// The management scope's auth policy: which audiences ARM accepts and how each token failure is
// worded (401 + WWW-Authenticate challenge, as management.azure.com answers). The pipeline runs
// it; nothing in fake-arm checks tokens itself.
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/router.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm {

/// Tenant owning a subscription id (for the challenge's authorization_uri), if known.
using SubscriptionTenantLookup = std::function<std::optional<std::string>(std::string_view subscription_id)>;

std::shared_ptr<const http::AuthPolicy> arm_auth_policy(const cloud::HostNames& names,
                                                        const exec::Clock& clock,
                                                        SubscriptionTenantLookup tenant_of);

/// ARM's time format in token errors: "1/15/2027 8:00:00 PM" (UTC, no leading zeros).
std::string arm_error_time(std::int64_t unix_seconds);

}  // namespace azemu::arm
