// POST /directoryObjects/getByIds: the typed request and the polymorphic result (a user, service
// principal or application, written with its "@odata.type"). Wire mapping in directory_object_json.cpp.
#pragma once

#include "fake-aad/graph/applications/application_service.hpp"
#include "fake-aad/graph/service_principals/service_principal_model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace azemu::aad {

enum class DirectoryObjectType { user, service_principal, application };

struct GetByIdsRequest {
  std::vector<std::string> ids;
  std::set<DirectoryObjectType> types;  // empty: every type
};

struct DirectoryObject {
  std::optional<User> user;
  std::optional<ServicePrincipalView> service_principal;
  std::optional<ApplicationView> application;
};

/// {"ids": [...], "types": [...]}: at most 1000 ids (Spec: graph v1.0 directoryobject-getbyids).
/// Types azemu has no objects of (group, device, ...) are accepted and match nothing.
/// Throws errors::graph_required_property("ids"), graph_invalid_property.
GetByIdsRequest get_by_ids_from_json(const nlohmann::json& body);
/// The object's own wire form plus "@odata.type" ("#microsoft.graph.user", ...).
nlohmann::json directory_object_to_json(const DirectoryObject& o);

}  // namespace azemu::aad
