// Builds and writes one AuditEvent (Azure's Key Vault "AuditEvent" category, ade.md §2.8) for a
// data-plane call: identity claims, result, isAccessPolicyMatch / isRbacAuthorized, the object id
// and key/secret properties. Callers: audited_route.cpp (every routed call) and
// kv_auth_policy.cpp (401s). Does not decide anything.
#pragma once

#include "emulator/http/request.hpp"
#include "fake-keyvault/mount.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::kv {

/// `vault` may be null (unknown vault); `caller` null when unauthenticated. `policy_match` is the
/// authorization outcome when one was made; `rbac` says which model decided it.
void record_audit(KvDeps& deps, const http::Request& req, const ports::VaultInfo* vault,
                  const std::string& operation_name, int status, const auth::Principal* caller,
                  std::optional<bool> policy_match, bool rbac, const std::string& object_id,
                  const nlohmann::json& properties, std::int64_t duration_ms);

}  // namespace azemu::kv
