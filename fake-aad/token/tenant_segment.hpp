// The tenant named by the first path segment of a login URL: a tenant id, a tenant domain,
// "organizations"/"common" (any tenant; the user or app decides), or "adfs" (the single default
// tenant behind the ADFS-style authority). Resolved once per request by handlers.
#pragma once

#include "fake-aad/directory/directory_store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace azemu::aad {

struct TenantSegment {
  std::string segment;           // as written in the URL (used in error messages)
  std::optional<Tenant> tenant;  // empty for organizations/common
  bool adfs = false;

  /// True when `tenant_id` may sign in here.
  bool admits(std::string_view tenant_id) const;
  /// What to call this tenant in error messages ("72f988bf-..." or "organizations").
  std::string label() const { return tenant ? tenant->id : segment; }
};

/// Throws errors::tenant_not_found (AADSTS90002) for anything else; `discovery` selects the
/// OIDC-discovery wording (error "invalid_tenant").
TenantSegment resolve_tenant_segment(const DirectoryStore& directory, std::string_view segment, bool discovery = false);

}  // namespace azemu::aad
