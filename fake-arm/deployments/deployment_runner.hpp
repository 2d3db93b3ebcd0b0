// DeploymentRunner: executes one accepted deployment to its end, on whatever thread calls run()
// (an exec::Jobs job for a top-level deployment; the parent's job for a nested one). Wave by wave
// it evaluates each resource's body (reference() reads through the ResourceTypes registry, else the
// generic ResourceStore), PUTs it through its type's adapter as the deploying caller (so RBAC and
// provider rules apply per resource), and records one deployment operation per resource; then the
// outputs, then (Complete mode) deletes what the template no longer declares.
//
// Failure rules (as ARM): a failed resource does not stop independent ones; resources depending on
// it are not attempted; what was created stays. A cancel() seen between resources stops the run.
// Does not validate the template (the service did, synchronously) and never holds a transaction
// while an adapter runs (adapters write in their own transactions).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/operation_faults.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/deployments/deployment_store.hpp"
#include "fake-arm/deployments/template/template_engine.hpp"
#include "fake-arm/resources/generic/generic_resource_service.hpp"

#include <optional>

namespace azemu::arm {

class DeploymentRunner {
public:
  /// `faults`: injected failLro rules for the resources a deployment creates (nullptr: none).
  DeploymentRunner(store::Database& db, const exec::Clock& clock, const AsyncOperations& ops,
                   const ResourceTypes& types, const GenericResourceService& generic, const Authorizer& authz,
                   const OperationFaults* faults = nullptr)
      : db_(db), clock_(clock), ops_(ops), types_(types), generic_(generic), authz_(authz), faults_(faults) {}

  struct Job {
    auth::Principal caller;
    ResourceId id;
    tmpl::Plan plan;
    tmpl::DeploymentScope scope;
    std::string mode;  // "Incremental" | "Complete"
  };

  /// Runs the deployment stored under job.id from Accepted to Succeeded/Failed (or stops when it
  /// was canceled). Never throws: any unexpected error fails the deployment.
  void run(const Job& job) const;

  /// The body of an existing resource for reference(): the registry's get(), else the stored body.
  std::optional<nlohmann::json> read_resource(const auth::Principal& caller, const ResourceId& id) const;

private:
  struct Progress;
  void run_resources(const Job& job, Progress& p) const;
  void deploy_one(const Job& job, std::size_t index, const tmpl::Resolver& resolver, Progress& p) const;
  void evaluate_outputs(const Job& job, const tmpl::Resolver& resolver, Progress& p) const;
  void delete_undeclared(const Job& job, Progress& p) const;
  void finish(const Job& job, Progress& p) const;
  tmpl::Resolver resolver_for(const auth::Principal& caller) const;
  bool canceled(const ResourceId& id) const;
  std::int64_t now_ms() const;

  store::Database& db_;
  const exec::Clock& clock_;
  const AsyncOperations& ops_;
  const ResourceTypes& types_;
  const GenericResourceService& generic_;
  const Authorizer& authz_;
  const OperationFaults* faults_;
  DeploymentStore store_;
  ResourceStore resources_;
};

/// A new deployment operation id: 16 upper-case hex digits, as ARM prints them.
std::string new_deployment_operation_id();

}  // namespace azemu::arm
