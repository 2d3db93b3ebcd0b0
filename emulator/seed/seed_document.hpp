// The declarative seed file of `azemu seed FILE` / `azemu start --seed FILE` / POST /_azemu/seed
// (issue 14 item 4): tenants, subscriptions, users, applications with their service principals and
// secrets, resource groups, vaults with their properties, keys and secrets, role assignments.
// README "Seed a cloud" documents the format; tests/e2e/seed/lab.json is a full example.
//
// parse_seed_document() is the whole validation: every field is known and of its type, every id a
// GUID, every required field present, placeholders resolved — so a malformed file is refused
// before anything is written (400 InvalidSeed naming the first bad field, e.g.
// "vaults[0].keys[1]: unknown field 'kyt'"). What a service refuses while applying (a vault name
// ARM rejects) is reported by the appliers with the item's path.
#pragma once

#include "emulator/ports/seed.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::seed {

/// Parses JSON text, resolves ${tenantId}, ${subscriptionId}, ${clientId} and ${adminUser} (the
/// data dir's bootstrap identities) in every string value, and checks the shape. Returns the
/// document with every section present (empty arrays for absent ones). Throws AzureError
/// (BadRequest, InvalidSeed).
nlohmann::json parse_seed_document(const std::string& text, const ports::Seed& identities);

}  // namespace azemu::seed
