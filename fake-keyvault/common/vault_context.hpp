// What every Key Vault handler and service knows about the call it serves: the vault (from
// ports::Vaults, looked up once by the audit wrapper), the base URL ids are printed with (the host
// the client used, port included), the api-version, the caller and the time. Built in
// audited_route.cpp only; services read it.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/ports/vaults.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace azemu::kv {

/// Used when the client sends no api-version (the ADE extension's `GET /keys?` probe).
inline constexpr const char* kDefaultApiVersion = "7.4";

struct VaultContext {
  ports::VaultInfo vault;
  std::string base;          // "https://kv1.vault.azure.net" or "https://kv1.vault.azemu.localhost:8443"
  std::string api_version;   // as sent, or kDefaultApiVersion
  const auth::Principal* principal = nullptr;
  std::int64_t now = 0;      // unix seconds, from the Clock
  /// Filled by handlers for the audit record: the object URI and key/secret properties.
  std::string audit_object_id;
  nlohmann::json audit_properties = nlohmann::json::object();
};

/// Azure's recoveryLevel for objects in `vault` (ade.md §2.7: soft delete is always on since 2020).
std::string recovery_level(const ports::VaultInfo& vault);
/// recoverableDays shown on objects: the vault's retention.
int recoverable_days(const ports::VaultInfo& vault);

}  // namespace azemu::kv
