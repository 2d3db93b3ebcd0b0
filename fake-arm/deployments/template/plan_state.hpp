// Plan::State: everything prepare() works out and evaluate_resource()/evaluate_outputs() need
// later — bound parameters, evaluated variables, one ResourceInstance per planned resource (its
// definition and copy-loop position), and the dependency waves. Immutable once prepare() returns.
#pragma once

#include "fake-arm/deployments/template/template_engine.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace azemu::arm::tmpl {

struct ResourceInstance {
  nlohmann::json definition;  // the resource as written, nested `resources` removed
  /// Copy loops this instance sits in (its own, or its parent's for nested children): copyIndex('x').
  std::vector<std::pair<std::string, std::int64_t>> loops;
  std::optional<std::int64_t> default_loop;  // copyIndex()
  std::string copy_name;                     // the resource's own copy loop ("" when none)
  std::optional<std::size_t> parent;         // the resource it is nested in
  std::vector<std::string> depends_on;       // evaluated dependsOn entries
};

/// A resource copy loop: its members in index order and how they deploy.
struct CopyLoop {
  std::string name;
  std::vector<std::size_t> members;
  bool serial = false;
  std::int64_t batch_size = 1;
};

struct Plan::State {
  nlohmann::json template_json;
  DeploymentScope scope;
  nlohmann::json parameter_values = nlohmann::json::object();  // name as declared → value
  nlohmann::json parameter_types = nlohmann::json::object();   // name → canonical type ("SecureString")
  nlohmann::json parameters_report = nlohmann::json::object();
  nlohmann::json variable_values = nlohmann::json::object();   // name as declared → value
  std::vector<PlannedResource> resources;
  std::vector<ResourceInstance> instances;  // parallel to resources
  std::vector<CopyLoop> copy_loops;
  std::vector<std::vector<std::size_t>> waves;
};

}  // namespace azemu::arm::tmpl
