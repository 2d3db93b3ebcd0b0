// Template deployments (Microsoft.Resources/deployments) at resource-group and subscription scope:
// create (validate synchronously, store Accepted, run on exec::Jobs), validate, read, list, delete
// (history only; resources stay), cancel, exportTemplate and the per-resource operations.
// Every call authorizes Microsoft.Resources/deployments/{read|write|delete|validate/action|
// cancel/action|exportTemplate/action} or deployments/operations/read on the deployment's id.
//
// Crash safety (decision): a deployment that was Accepted/Running when a previous azemu process
// stopped cannot be resumed (its job, the caller's identity and secure parameters were in memory
// only), so start-up (deployment_recovery.hpp, before the port opens) marks it Failed with
// DeploymentInterrupted and fails its polling operation; the resources it had deployed stay.
// Rerunning it is safe: PUTs are idempotent.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/list_query.hpp"
#include "fake-arm/deployments/deployment_runner.hpp"
#include "fake-arm/deployments/deployment_store.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class DeploymentService {
public:
  DeploymentService(store::Database& db, const exec::Clock& clock, exec::Jobs& jobs, const SubscriptionService& subs,
                    const AsyncOperations& ops, const Authorizer& authz, const DeploymentRunner& runner)
      : db_(db), clock_(clock), jobs_(jobs), subs_(subs), ops_(ops), authz_(authz), runner_(runner) {}

  // `id` is ".../[resourceGroups/{rg}/]providers/Microsoft.Resources/deployments/{name}". Every
  // method throws SubscriptionNotFound, AuthorizationFailed, and ResourceGroupNotFound for a group id.

  struct Started {
    Deployment deployment;  // as accepted (state Accepted)
    AsyncOperation operation;
    bool created = false;
  };
  /// PUT: validates (template errors → 400 InvalidTemplate/..., nothing stored), stores the
  /// deployment Accepted with an InProgress operation, and posts the run to Jobs. Throws
  /// LocationRequired (subscription scope), InvalidDeploymentLocation, InvalidDeploymentMode,
  /// DeploymentActive (same name still running), AzemuNotImplemented (templateLink: azemu is offline).
  Started create_or_update(const auth::Principal& caller, const ResourceId& id, const DeploymentInput& in,
                           const std::string& correlation_id) const;
  /// Same checks as create, nothing stored: the validate answer (validatedResources).
  nlohmann::json validate(const auth::Principal& caller, const ResourceId& id, const DeploymentInput& in,
                          const std::string& correlation_id) const;
  /// A nested deployment (template resource of type Microsoft.Resources/deployments): created and
  /// run to its end on this thread. Returns the finished deployment (Succeeded or Failed).
  Deployment deploy_now(const auth::Principal& caller, const ResourceId& id, const DeploymentInput& in,
                        const std::string& correlation_id) const;

  /// Throws DeploymentNotFound.
  Deployment get(const auth::Principal& caller, const ResourceId& id) const;
  bool exists(const auth::Principal& caller, const ResourceId& id) const;
  /// Deployments directly at `scope` (a subscription or group id); `state` from
  /// $filter=provisioningState eq '...'.
  Paged<Deployment> list(const auth::Principal& caller, const ResourceId& scope,
                         const std::optional<DeploymentState>& state, const ListQuery& q) const;
  /// Deletes the record and its operations (not the resources); nullopt when absent (ARM's 204).
  /// Throws DeploymentActive while it runs.
  std::optional<AsyncOperation> remove(const auth::Principal& caller, const ResourceId& id) const;
  /// Throws DeploymentNotFound, DeploymentCannotBeCanceled (already finished).
  void cancel(const auth::Principal& caller, const ResourceId& id) const;
  /// {"template": ...} as deployed. Throws DeploymentNotFound.
  nlohmann::json export_template(const auth::Principal& caller, const ResourceId& id) const;
  std::vector<DeploymentOperation> operations(const auth::Principal& caller, const ResourceId& id) const;
  /// Throws DeploymentNotFound, DeploymentOperationNotFound.
  DeploymentOperation operation(const auth::Principal& caller, const ResourceId& id,
                                const std::string& operation_id) const;

  /// Unix milliseconds now (the duration of a running deployment is printed against it).
  std::int64_t now_ms() const;

  /// Fails every deployment a previous process left Accepted/Running (see the file comment); for
  /// tests — azemu itself runs fail_interrupted_deployments() at start-up.
  void recover_interrupted() const;

private:
  struct Prepared;
  Prepared prepare(const auth::Principal& caller, const ResourceId& id, const DeploymentInput& in,
                   const std::string& correlation_id, const char* action) const;
  Started accept(const auth::Principal& caller, const ResourceId& id, const DeploymentInput& in,
                 const std::string& correlation_id, DeploymentRunner::Job& job) const;
  Deployment require(store::Connection& c, const ResourceId& id) const;

  store::Database& db_;
  const exec::Clock& clock_;
  exec::Jobs& jobs_;
  const SubscriptionService& subs_;
  const AsyncOperations& ops_;
  const Authorizer& authz_;
  const DeploymentRunner& runner_;
  DeploymentStore store_;
  ResourceGroupStore groups_;
};

}  // namespace azemu::arm
