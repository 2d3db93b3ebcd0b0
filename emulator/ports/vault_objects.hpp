// Port: what the management plane (fake-arm) may ask the Key Vault data plane (fake-keyvault) about the objects in a
// vault: does a key or secret exist. ARM validates a role assignment's scope; a key or secret scope
// (.../vaults/{v}/keys/{k}, .../secrets/{s}) names a data-plane row, not an ARM resource here.
// Implemented in fake-keyvault (common/vault_objects_port.cpp), used by fake-arm's role assignments, wired in emulator/app.
#pragma once

#include <string_view>

namespace azemu::ports {

class VaultObjects {
public:
  virtual ~VaultObjects() = default;
  /// True when vault `vault` holds an active (not soft-deleted) object `name` of `collection` ("keys" or
  /// "secrets"). Every argument is compared ignoring case, as Key Vault names are.
  virtual bool exists(std::string_view vault, std::string_view collection, std::string_view name) const = 0;
};

}  // namespace azemu::ports
