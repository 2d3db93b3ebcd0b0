// Port: what other services may ask the directory (fake-aad) about tenants. Implemented in
// fake-aad, wired in emulator/app/services.cpp. Used by fake-arm (/tenants) and token verification.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::ports {

struct TenantInfo {
  std::string id;
  std::string display_name;
  std::string default_domain;
};

/// A directory object that can hold role assignments or access policies.
struct PrincipalInfo {
  std::string object_id;
  std::string type;          // "User" | "ServicePrincipal" (ARM's principalType spelling)
  std::string display_name;
  std::string app_id;        // service principals only
  std::string upn;           // users only
};

class Directory {
public:
  virtual ~Directory() = default;
  virtual std::vector<TenantInfo> tenants() const = 0;
  virtual bool tenant_exists(std::string_view tenant_id) const = 0;
  /// The user or service principal with this object id, if it exists (any case).
  virtual std::optional<PrincipalInfo> find_principal(std::string_view object_id) const = 0;
};

}  // namespace azemu::ports
