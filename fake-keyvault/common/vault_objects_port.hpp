// ports::VaultObjects over this service's key and secret tables: whether an active key or secret exists, for
// fake-arm's role assignment scope check. Read-only; it never changes an object.
#pragma once

#include "emulator/ports/vault_objects.hpp"
#include "emulator/store/database.hpp"

#include <memory>

namespace azemu::kv {

std::unique_ptr<ports::VaultObjects> make_vault_objects(store::Database& db);

}  // namespace azemu::kv
