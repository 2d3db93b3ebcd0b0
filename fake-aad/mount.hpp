// fake-aad: the Entra ID token service (OIDC discovery, JWKS, instance discovery, user realm,
// v2 + v1 + ADFS-style token endpoints, device code) and Microsoft Graph v1.0 (graph/).
// Entry points used by the composition root (emulator/app/services.cpp) only.
#pragma once

#include "emulator/auth/signing_key.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/router.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/ports/seed.hpp"
#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace azemu::aad {

/// Schema of every aad_* table, numbered (component "aad").
std::vector<store::Migration> migrations();

/// Inserts the seeded tenant, admin user and bootstrap application + service principal + password
/// (idempotent: a second call with the same seed changes nothing).
void seed(store::Database& db, const ports::Seed& seed);

/// The directory sections of a parsed seed document (emulator/seed/seed_document.hpp): tenants, users,
/// applications with service principals and secrets, with the file's fixed ids. Idempotent; checks
/// every item before the first write. Returns {"users": {"created": n, "unchanged": m}, ...}.
/// Throws AzureError (BadRequest, InvalidSeed) naming the item.
nlohmann::json apply_directory_seed(store::Database& db, const ports::Seed& ids, const nlohmann::json& doc);

struct AadDeps {
  store::Database& db;
  const exec::Clock& clock;
  const auth::SigningKey& signing_key;
  const cloud::HostNames& names;
};

/// Registers the login-host routes and the Microsoft Graph v1.0 routes.
void mount(http::Router& router, AadDeps& deps);

/// The ports::Directory implementation over the aad tables.
std::unique_ptr<ports::Directory> make_directory(store::Database& db);

/// Approves a pending device code for a user (the `azemu approve CODE` command and the local
/// device-login page). Returns false when the code is unknown or expired. `user` is a UPN;
/// empty means the seeded admin user.
bool approve_device_code(store::Database& db, const exec::Clock& clock, const std::string& user_code,
                         const std::string& user);

}  // namespace azemu::aad
