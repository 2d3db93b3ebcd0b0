// The ARM composition: builds every fake-arm service and handler object once (ArmRuntime) and lets each folder
// register its own routes, in the order of the REST specs: metadata, tenants/subscriptions/locations, providers,
// resource groups, generic resource lists (resources/), async operation polling (core/), Microsoft.Authorization
// (authorization/) and Microsoft.Resources/tags at every scope, the providers (providers/keyvault, deployments/,
// providers/compute's catalogs, providers/network, providers/compute), then the catch-all provider paths.
// Every resource GET has its HEAD twin (Resources_CheckExistenceById, core/check_existence.hpp).
// Everything but /metadata/endpoints authenticates with arm_auth_policy(); services authorize
// each operation with the Authorizer. Any api-version is accepted. No routes and no logic live here.
#include "fake-arm/mount.hpp"

#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/authorization/mount.hpp"
#include "fake-arm/core/arm_auth_policy.hpp"
#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/core/mount.hpp"
#include "fake-arm/core/operation_settle.hpp"
#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/deployments/deployment_deployable.hpp"
#include "fake-arm/deployments/mount.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/compute_provider.hpp"
#include "fake-arm/providers/compute/mount.hpp"
#include "fake-arm/providers/keyvault/mount.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_deployable.hpp"
#include "fake-arm/providers/network/mount.hpp"
#include "fake-arm/providers/network/network_provider.hpp"
#include "fake-arm/resources/mount.hpp"
#include "fake-arm/resources/resource_groups/resource_group_deployable.hpp"

#include <chrono>
#include <memory>

namespace azemu::arm {

namespace {
// How long an operation's first reply may wait for its work (core/operation_settle.hpp): long enough for an
// extension delivery, a disk attach or a short guest command, short enough that a VM boot's 201 is not late.
constexpr std::chrono::milliseconds kFirstReplyWait{200};

/// Every fake-arm service and handler object, built once per mount(). The router's handlers are
/// std::functions that outlive this function, so they share ownership of it (the only shared_ptr).
struct ArmRuntime {
  explicit ArmRuntime(ArmDeps& d)
      : authorizer(d.db),
        subscriptions(d.db, d.directory, authorizer),
        events(d.clock),
        operations(d.clock, &events),
        settle(d.db, operations, events, kFirstReplyWait),
        providers(d.db, d.clock, subscriptions, authorizer),
        groups(d.db, d.clock, subscriptions, operations, authorizer),
        generic(d.db, subscriptions, authorizer),
        tags(d.db, d.clock, groups, generic),
        role_definitions(d.db, d.clock, subscriptions, authorizer),
        role_assignments(d.db, d.clock, subscriptions, authorizer, role_definitions, d.directory, d.vault_objects),
        vaults(d.db, d.clock, subscriptions, providers, operations, authorizer),
        network(NetworkDeps{d.db, d.clock, subscriptions, providers, operations, authorizer}),
        compute(compute::ComputeDeps{d.db, d.clock, d.jobs, d.vms, d.platform_kv, subscriptions, providers, operations, authorizer,
                                     d.sealing}),
        vault_audit(d.audit, d.clock),
        deployment_runner(d.db, d.clock, operations, types, generic, authorizer, d.lro_faults),
        deployments(d.db, d.clock, d.jobs, subscriptions, operations, authorizer, deployment_runner),
        deployment_type(deployments),
        group_type(groups),
        vault_type(vaults),
        metadata_h(d.names),
        subscriptions_h(subscriptions),
        providers_h(providers),
        groups_h(groups),
        generic_h(generic),
        tags_h(tags),
        operations_h(d.db, operations, subscriptions, d.lro_faults, &events),
        role_definitions_h(role_definitions),
        role_assignments_h(role_assignments),
        vaults_h(vaults, d.names, vault_audit),
        deployments_h(deployments) {
    // Assignments scoped inside a group go with it, in the group delete's transaction.
    groups.add_delete_hook(
        [this](store::Connection& c, const ResourceId& group) { role_assignments.remove_under(c, group); });
    // Vaults in a deleted group are soft-deleted (recoverable), as Azure does.
    groups.add_delete_hook([this](store::Connection& c, const ResourceId& group) { vaults.soft_delete_group(c, group); });
    // A group's deployments go with it through the arm_deployments foreign key (no hook needed).
    types.add(kDeploymentType, deployment_type);
    types.add(kResourceGroupType, group_type);
    types.add(kVaultType, vault_type);
    network.register_types(types);
    compute.register_types(types);
    // VMs and disks of a deleted group leave the VM runtime (their rows go with the group).
    groups.add_delete_hook([this](store::Connection& c, const ResourceId& group) { compute.vms.forget_group(c, group); });
  }

  Authorizer authorizer;
  /// Types template deployments can create; each provider registers its adapters in the constructor.
  ResourceTypes types;
  SubscriptionService subscriptions;
  OperationEvents events;  // who waits for which operation's end; how long each kind takes
  AsyncOperations operations;
  OperationSettle settle;  // first replies of operations that end within kFirstReplyWait
  ProviderService providers;
  ResourceGroupService groups;
  GenericResourceService generic;
  TagsService tags;
  RoleDefinitionService role_definitions;
  RoleAssignmentService role_assignments;
  VaultService vaults;
  NetworkProvider network;  // Microsoft.Network services, handlers and deployment adapters
  compute::ComputeProvider compute;  // Microsoft.Compute VMs, disks, extensions (after network: VMs bind NICs)
  VaultAudit vault_audit;
  // Template deployments (fake-arm/deployments/) and the deployable types owned outside a provider folder.
  DeploymentRunner deployment_runner;
  DeploymentService deployments;
  DeploymentDeployable deployment_type;
  ResourceGroupDeployable group_type;
  VaultDeployable vault_type;

  MetadataHandlers metadata_h;
  SubscriptionHandlers subscriptions_h;
  ProviderHandlers providers_h;
  ResourceGroupHandlers groups_h;
  GenericResourceHandlers generic_h;
  TagsHandlers tags_h;
  AsyncOperationHandlers operations_h;
  RoleDefinitionHandlers role_definitions_h;
  RoleAssignmentHandlers role_assignments_h;
  VaultHandlers vaults_h;
  DeploymentHandlers deployments_h;
};

}  // namespace

void mount(http::Router& router, ArmDeps& deps) {
  auto rt = std::make_shared<ArmRuntime>(deps);
  auto tenant_of = [rt](std::string_view sub) { return rt->subscriptions.tenant_of(std::string(sub)); };
  const std::vector<cloud::HostKind> hosts = {cloud::HostKind::management};
  ArmRoutes r{router, router.scope({hosts, Dialect::arm, nullptr}),
              router.scope({hosts, Dialect::arm, arm_auth_policy(deps.names, deps.clock, tenant_of)}), rt, &rt->settle};

  mount_resource_routes(r, {rt->metadata_h, rt->subscriptions_h, rt->providers_h, rt->groups_h, rt->generic_h});
  mount_operation_routes(r, rt->operations_h);
  mount_authorization_routes(r, rt->role_definitions_h, rt->role_assignments_h);
  mount_tags_routes(r, rt->tags_h);
  mount_keyvault_routes(r, rt->vaults_h);
  mount_deployment_routes(r, rt->deployments_h);
  compute::mount_catalog_routes(r, rt->compute);
  mount_network_routes(r, rt->network);
  compute::mount_routes(r, rt->compute);
  mount_generic_routes(r, rt->generic_h);  // last in the table: the least specific routes

  router.set_not_found(cloud::HostKind::management, {hosts, Dialect::arm, nullptr},
                       [](http::Request& req) -> http::Reply { throw errors::no_route(req.method, req.path); });
}

}  // namespace azemu::arm
