// What a deployment reports about its plan, computed from the engine's Plan: templateHash,
// providers (namespaces, types and the locations used), dependencies, and each planned resource's
// target id. Pure functions; no store, no execution.
#pragma once

#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/deployments/template/template_engine.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

namespace azemu::arm {

/// A stable decimal hash of the template text (ARM prints a 20-digit decimal number).
std::string template_hash(const nlohmann::json& template_json);

/// [{namespace, resourceTypes:[{resourceType, locations}]}] over the resources whose condition is
/// true; `locations` maps a lower-cased full type to the locations its resources were deployed in.
nlohmann::json providers_json(const tmpl::Plan& plan, const std::map<std::string, std::set<std::string>>& locations = {});

/// [{dependsOn:[{id, resourceType, resourceName}], id, resourceType, resourceName}] for every
/// resource that depends on something.
nlohmann::json dependencies_json(const tmpl::Plan& plan);

/// Where planned resource `r` is PUT: its id, in which a nested deployment's `resourceGroup` and
/// `subscriptionId` are already applied. Throws InvalidResourceId.
ResourceId target_id(const tmpl::PlannedResource& r);

}  // namespace azemu::arm
