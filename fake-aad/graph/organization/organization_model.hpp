// GET /organization: the caller's tenant as Graph's organization resource. The stored struct is
// Tenant (directory_model.hpp); wire mapping in organization_json.cpp. Read-only.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include <nlohmann/json.hpp>

namespace azemu::aad {

/// Spec: graph v1.0 organization resource (id, displayName, verifiedDomains, tenantType, ...).
nlohmann::json organization_to_json(const Tenant& t);

}  // namespace azemu::aad
