// Nested deployments; see deployment_deployable.hpp.
#include "fake-arm/deployments/deployment_deployable.hpp"

#include "emulator/ids/guid.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

nlohmann::json DeploymentDeployable::put(const auth::Principal& caller, const ResourceId& id,
                                         const nlohmann::json& body, const std::string&) const {
  // The evaluated body still carries the template-level resourceGroup/subscriptionId (already
  // folded into `id` by the runner); the rest is an ordinary deployment PUT body.
  Deployment d = svc_.deploy_now(caller, id, deployment_input_from_json(body), ids::new_guid());
  if (d.state != DeploymentState::succeeded) {
    const nlohmann::json& err = d.error;
    AzureError e(ErrorKind::BadRequest, err.value("code", "DeploymentFailed"), err.value("message", ""));
    if (err.contains("details")) e.with_details(err["details"]);
    throw e;
  }
  return to_json(d, svc_.now_ms());
}

std::optional<nlohmann::json> DeploymentDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  if (!svc_.exists(caller, id)) return std::nullopt;
  return to_json(svc_.get(caller, id), svc_.now_ms());
}

bool DeploymentDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  return svc_.remove(caller, id).has_value();
}

}  // namespace azemu::arm
