// SQL for arm_role_definitions (custom roles only; built-ins are the catalog in builtin_roles.cpp).
// Returns values, never Azure errors.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class RoleDefinitionStore {
public:
  /// The custom role with this GUID, whatever its tenant (callers check tenant_id).
  std::optional<RoleDefinition> get(store::Connection& c, const std::string& id) const;
  std::vector<RoleDefinition> list(store::Connection& c, const std::string& tenant_id) const;
  /// Id of the tenant's custom role named `role_name` (any case), if any.
  std::optional<std::string> id_with_name(store::Connection& c, const std::string& tenant_id,
                                          const std::string& role_name) const;
  /// Insert or full update (created_at/created_by kept on update).
  void upsert(store::Connection& c, const RoleDefinition& d) const;
  bool remove(store::Connection& c, const std::string& id) const;
};

}  // namespace azemu::arm
