// ARM authorization: may the caller perform `action` over `scope`? One indexed query loads the
// caller's role assignments (Grants); the decision is then pure logic, called by services (never
// handlers). Data actions are only evaluated for the Key Vault data plane (through ports::Vaults).
// Spec: learn.microsoft.com "Understand Azure role definitions" (Actions/NotActions, wildcards)
// and "Understand scope for Azure RBAC" (inheritance).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm {

// Rules:
//   - a grant applies when its scope is the target scope or a parent of it (scope_covers);
//   - a role allows an action when one permission block has a matching `actions` pattern and no
//     matching `notActions` pattern; patterns ignore case and '*' matches any run of characters
//     ("*", "*/read", "Microsoft.Authorization/*/Write").
// Decisions where the docs are silent (the callers cite them):
//   - GET /subscriptions shows, and GET /subscriptions/{s} (+ /locations) allows, subscriptions in
//     which the caller has any assignment at, above or below (Grants::touches); an existing
//     subscription without one is 403 AuthorizationFailed for .../subscriptions/read, an unknown
//     one stays 404 SubscriptionNotFound.
//   - group and resource lists are filtered to what the caller may read, as ARM does;
//   - tenant-level reads (/tenants, /providers, /providers/Microsoft.Authorization/roleDefinitions)
//     and async-operation polling need no role: the operation id is the capability.

/// True when the action pattern (may contain '*') matches `action`, ignoring case.
bool action_matches(std::string_view pattern, std::string_view action);
/// True when some permission block allows `action` (actions minus that block's notActions).
bool permissions_allow(const std::vector<Permission>& permissions, std::string_view action);
/// The same rule over dataActions/notDataActions (Key Vault data plane under RBAC).
bool data_permissions_allow(const std::vector<Permission>& permissions, std::string_view data_action);

/// One role assignment of the caller, with the permissions of its role resolved.
struct Grant {
  std::string scope_key;  // lower-cased scope
  std::vector<Permission> permissions;
};

/// Everything one caller may do, loaded once per request.
class Grants {
public:
  explicit Grants(std::vector<Grant> grants) : grants_(std::move(grants)) {}
  /// `scope` is any ARM path (case does not matter).
  bool allows(std::string_view action, std::string_view scope) const;
  /// Same for a data action ("Microsoft.KeyVault/vaults/keys/unwrap/action").
  bool allows_data(std::string_view data_action, std::string_view scope) const;
  /// True when some assignment is at, above or below `scope` (what makes a subscription visible).
  bool touches(std::string_view scope) const;
  bool empty() const { return grants_.empty(); }

private:
  std::vector<Grant> grants_;
};

class Authorizer {
public:
  explicit Authorizer(store::Database& db) : db_(db) {}

  /// The caller's grants (one query by principal_id). Assignments naming a role that no longer
  /// exists grant nothing.
  Grants grants(const auth::Principal& caller) const;

  /// Throws AuthorizationFailed (403) naming the caller, `action` and `scope` unless allowed.
  void authorize(const auth::Principal& caller, std::string_view action, std::string_view scope) const;
  /// Same check against grants already loaded.
  static void require(const Grants& grants, const auth::Principal& caller, std::string_view action,
                      std::string_view scope);
  /// AuthorizationFailed for this caller (UPN for users, appId for applications).
  static AzureError denied(const auth::Principal& caller, std::string_view action, std::string_view scope);

private:
  store::Database& db_;
};

}  // namespace azemu::arm
