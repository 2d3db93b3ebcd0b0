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

class Directory {
public:
  virtual ~Directory() = default;
  virtual std::vector<TenantInfo> tenants() const = 0;
  virtual bool tenant_exists(std::string_view tenant_id) const = 0;
};

}  // namespace azemu::ports
