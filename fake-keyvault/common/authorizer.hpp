// Data-plane authorization, decided once per request from the route's Operation: the vault's
// access policies (object id, plus application id for compound identities; permission names
// case-insensitive, "all" grants every one) or, when the vault uses enableRbacAuthorization, the
// RBAC data action through ports::Vaults. Does not authenticate (the pipeline did).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/ports/vaults.hpp"

#include <string>

namespace azemu::kv {

/// One data-plane operation as Azure names it in each place.
struct Operation {
  std::string audit_name;   // AuditEvent operationName: "KeyWrap"
  std::string collection;   // access-policy permission list: "keys" | "secrets"
  std::string permission;   // access-policy permission: "wrapKey"
  std::string data_action;  // RBAC: "Microsoft.KeyVault/vaults/keys/wrap/action"
  std::string object_param; // route parameter naming the object ("key-name"), empty for collection ops

  /// Whether the operation changes the vault's objects: everything but reads, backups and the cryptographic
  /// operations. Its store calls then share one transaction (request_transaction.hpp).
  bool writes() const;
};

struct AuthzDecision {
  bool allowed = false;
  bool rbac = false;  // decided by RBAC (audit: isRbacAuthorized) rather than access policies
};

/// Decides; never throws. `object_name` narrows the RBAC scope to /keys/<name> when not empty.
AuthzDecision authorize(const ports::Vaults& vaults, const ports::VaultInfo& vault, const auth::Principal& caller,
                        const Operation& op, const std::string& object_name);

/// Throws the Forbidden error Azure words for this denial (AccessDenied or ForbiddenByRbac).
[[noreturn]] void throw_denied(const ports::VaultInfo& vault, const auth::Principal& caller, const Operation& op,
                               const std::string& object_name, bool rbac);

/// "appid=<appid>;oid=<oid>;iss=https://sts.windows.net/<tid>/" as the 403 texts show the caller.
std::string caller_text(const auth::Principal& caller);

}  // namespace azemu::kv
