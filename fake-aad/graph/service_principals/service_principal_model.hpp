// Graph's view of service principals: the POST /servicePrincipals input, the stored SP joined with
// its application (for servicePrincipalNames, appDisplayName, signInAudience), and the wire
// mapping in service_principal_json.cpp. The stored struct is ServicePrincipal (directory_model.hpp).
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace azemu::aad {

struct ServicePrincipalInput {
  std::string app_id;
  std::optional<bool> account_enabled;
  nlohmann::json graph_properties = nlohmann::json::object();  // tags, notes, ... as sent
};

struct ServicePrincipalView {
  ServicePrincipal sp;
  std::optional<Application> app;  // absent only for first-party SPs without an app in the tenant
};

/// Wire form (Spec: graph v1.0 servicePrincipal resource); servicePrincipalNames = appId +
/// the application's identifierUris; servicePrincipalType "Application".
nlohmann::json service_principal_to_json(const ServicePrincipalView& v);

/// Strict parse of a POST body. Throws errors::graph_required_property("appId"),
/// graph_invalid_property, graph_unknown_property.
ServicePrincipalInput service_principal_input_from_json(const nlohmann::json& body);

}  // namespace azemu::aad
