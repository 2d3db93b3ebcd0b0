// Applies the Azure-resource sections of a seed document (seed_document.hpp) — resource groups,
// vaults, role assignments, keys and secrets — as a client of azemu's own REST APIs: each item is
// the request `az` would send (PUT a resource group, PUT a vault, PUT a role assignment, create or
// import a key, set a secret), run through the real pipeline with a token the real token endpoint
// issued to the bootstrap service principal. So a seeded cloud obeys every rule a client's does
// (names, locations, policies, RBAC), and the audit log shows who seeded it.
//
// Idempotent: resource groups, vaults and role assignments are PUTs (a role assignment's name is a
// GUID derived from scope, principal and role); a key that exists is kept; a secret is set only
// when its current value differs. Directory objects and subscriptions carry fixed ids no REST call
// can choose, so their services apply them (aad::apply_directory_seed, arm::apply_subscription_seed).
//
// Data-plane access: a vault that is given keys or secrets grants the seeding principal what
// `az keyvault create` grants its caller — an access policy with every key and secret permission,
// or, with enableRbacAuthorization, Key Vault Administrator at the vault's scope.
#pragma once

#include "emulator/http/pipeline.hpp"
#include "emulator/ports/seed.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::seed {

class SeedClient {
public:
  SeedClient(const http::Pipeline& pipeline, const ports::Seed& identities)
      : pipeline_(pipeline), ids_(identities) {}

  /// Applies doc's resourceGroups, vaults (with keys and secrets) and roleAssignments, in that order
  /// (keys and secrets last: a role assignment may be what grants access to them). Returns counts per
  /// section: {"resourceGroups": {"created": n, "unchanged": m}, ...}. Throws AzureError
  /// (BadRequest, InvalidSeed) naming the item and what the service answered.
  nlohmann::json apply(const nlohmann::json& doc);

private:
  struct Answer {
    int status = 0;
    nlohmann::json body;
  };
  Answer call(const std::string& method, const std::string& url, const std::string& token,
              const nlohmann::json& body = nullptr) const;
  std::string token(const std::string& scope) const;
  std::string role_definition_id(const std::string& token, const std::string& scope, const std::string& role,
                                 const std::string& where) const;
  void put_role_assignment(const std::string& token, const std::string& scope, const std::string& principal,
                           const std::string& principal_type, const std::string& role_id, const std::string& where,
                           nlohmann::json& counts) const;

  const http::Pipeline& pipeline_;
  const ports::Seed& ids_;
};

}  // namespace azemu::seed
