// Microsoft.Resources/deployments: the deployment record, its per-resource operations, the typed
// PUT/validate input, and their wire mapping (deployment_json.cpp, api 2021-04-01). No template
// semantics here (that is template/), no execution (deployment_runner.hpp).
#pragma once

#include "fake-arm/core/resource_id.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

inline constexpr const char* kDeploymentType = "Microsoft.Resources/deployments";
inline constexpr const char* kResourceGroupType = "Microsoft.Resources/resourceGroups";

// Lifecycle of a deployment (provisioningState):
//
//   create_or_update() ─► Accepted ─► Running ─┬─► Succeeded   (DeploymentRunner::run)
//                            │           │     └─► Failed      (a resource or the outputs failed)
//                            └───────────┴─ cancel() ──► Canceled
//   On the first call after azemu starts, Accepted/Running rows left by a previous process become
//   Failed (DeploymentInterrupted): DeploymentService::recover_interrupted().
enum class DeploymentState { accepted, running, succeeded, failed, canceled };

/// "Accepted", "Running", "Succeeded", "Failed", "Canceled" (wire names, written once).
const char* to_string(DeploymentState s);
std::optional<DeploymentState> deployment_state_from(const std::string& s);
inline bool is_active(DeploymentState s) { return s == DeploymentState::accepted || s == DeploymentState::running; }

struct Deployment {
  ResourceId id;                 // ".../providers/Microsoft.Resources/deployments/{name}" (group or subscription)
  std::string location;          // subscription scope only ("westus"); "" in a group
  nlohmann::json tags = nlohmann::json::object();
  DeploymentState state = DeploymentState::accepted;
  std::string mode = "Incremental";                    // "Incremental" | "Complete"
  nlohmann::json template_json = nlohmann::json::object();  // as given (exportTemplate)
  nlohmann::json template_link;                        // null, or as given
  nlohmann::json parameters = nlohmann::json::object();     // as reported: secure values omitted
  std::string template_hash;
  std::string correlation_id;
  nlohmann::json providers = nlohmann::json::array();
  nlohmann::json dependencies = nlohmann::json::array();
  nlohmann::json outputs;                              // null until Succeeded
  nlohmann::json output_resources = nlohmann::json::array();  // [{id}]
  nlohmann::json error;                                // null, or {code, message, details}
  std::string operation_id;                            // arm_operations id polled by the PUT's client
  std::int64_t started_ms = 0, changed_ms = 0;
  std::optional<std::int64_t> ended_ms;

  std::string name() const { return id.name(); }
  bool at_subscription() const { return id.resource_group().empty(); }
};

/// One per-resource step of a deployment (GET .../deployments/{name}/operations).
struct DeploymentOperation {
  std::string operation_id;            // 16 upper-case hex digits
  std::string provisioning_operation;  // "Create" | "Delete" | "EvaluateDeploymentOutput"
  std::string state = "Running";       // "Running" | "Succeeded" | "Failed"
  std::string status_code;             // "OK", "Created", "BadRequest", ... ("" while running)
  nlohmann::json status_message;       // the resource body, or {"status":"Failed","error":{...}}
  std::string target_id, target_type, target_name;  // empty for EvaluateDeploymentOutput
  std::int64_t started_ms = 0, changed_ms = 0;
};

/// The PUT / validate body ({location?, tags?, properties{template|templateLink, parameters, mode,
/// expressionEvaluationOptions?}}).
struct DeploymentInput {
  std::string location;  // required at subscription scope
  nlohmann::json tags = nlohmann::json::object();
  std::string mode = "Incremental";  // canonical case
  nlohmann::json template_json;      // null when only templateLink was given
  nlohmann::json template_link;      // null or object
  nlohmann::json parameters = nlohmann::json::object();  // {"name": {"value": ...}}
};

/// Parses the request body. az sends the template spliced in as JSONC ("template:{...}" with an
/// unquoted key, comments allowed; azure-cli resource/custom.py JsonCTemplatePolicy), which real
/// ARM (Newtonsoft) accepts, so the text is read leniently. Throws InvalidRequestContent.
DeploymentInput deployment_input_from_text(const std::string& body);
/// Same from an already-parsed body (a nested deployment's evaluated resource body).
DeploymentInput deployment_input_from_json(const nlohmann::json& body);
/// JSON with comments and unquoted property names, as Newtonsoft reads it; throws nlohmann parse_error,
/// or InvalidRequestContent for JSON nested more than 64 levels.
nlohmann::json parse_lenient_json(const std::string& text);

/// GET body: {id, name, type, location?, tags?, properties{...}}; `now_ms` gives the duration of a running one.
nlohmann::json to_json(const Deployment& d, std::int64_t now_ms);
/// The validate answer: the deployment's properties with validatedResources instead of outputs.
nlohmann::json validate_json(const Deployment& d, const nlohmann::json& validated_ids);
nlohmann::json to_json(const DeploymentOperation& op, const ResourceId& deployment_id);

/// ISO 8601 duration as ARM prints it: "PT1.234S", "PT2M3.5S", "PT0S".
std::string iso_duration(std::int64_t ms);

}  // namespace azemu::arm
