// The ARM route table (management hosts, and localhost by path), in the order of the REST specs:
// metadata, tenants/subscriptions/locations, providers, resource groups, generic resources, async
// operation polling, Microsoft.Authorization and Microsoft.Resources/tags at every scope, then the catch-all
// provider paths.
// Every resource GET has its HEAD twin (Resources_CheckExistenceById, core/check_existence.hpp).
// Everything but /metadata/endpoints authenticates with arm_auth_policy(); services authorize
// each operation with the Authorizer. Any api-version is accepted. No logic lives here.
#include "fake-arm/mount.hpp"

#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_handlers.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_handlers.hpp"
#include "fake-arm/core/arm_auth_policy.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/check_existence.hpp"
#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/deployments/deployment_deployable.hpp"
#include "fake-arm/deployments/deployment_handlers.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/catalog/aliases_doc.hpp"
#include "fake-arm/providers/compute/catalog/catalog_handlers.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_deployable.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_handlers.hpp"
#include "fake-arm/providers/network/network_provider.hpp"
#include "fake-arm/providers/compute/compute_provider.hpp"
#include "fake-arm/resources/generic/generic_resource_handlers.hpp"
#include "fake-arm/resources/metadata/metadata_handlers.hpp"
#include "fake-arm/resources/providers/provider_handlers.hpp"
#include "fake-arm/resources/resource_groups/resource_group_deployable.hpp"
#include "fake-arm/resources/resource_groups/resource_group_handlers.hpp"
#include "fake-arm/resources/subscriptions/subscription_handlers.hpp"
#include "fake-arm/resources/tags/tags_handlers.hpp"

#include <memory>

namespace azemu::arm {

namespace {
/// Every fake-arm service and handler object, built once per mount(). The router's handlers are
/// std::functions that outlive this function, so they share ownership of it (the only shared_ptr).
struct ArmRuntime {
  explicit ArmRuntime(ArmDeps& d)
      : authorizer(d.db),
        subscriptions(d.db, d.directory, authorizer),
        operations(d.clock),
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
        operations_h(d.db, operations, subscriptions, d.lro_faults),
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
  AsyncOperations operations;
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

// Spec: resources.json Resources_CheckExistenceById: ARM answers HEAD on any resource (204 or 404).
constexpr const char* kCheckExistence = "Resources_CheckExistenceById";

template <class H>
http::Handler to(const std::shared_ptr<ArmRuntime>& rt, H ArmRuntime::*member, http::Reply (H::*fn)(http::Request&)) {
  return [rt, member, fn](http::Request& req) {
    H& handlers = (*rt).*member;
    return (handlers.*fn)(req);
  };
}
}  // namespace

void mount(http::Router& router, ArmDeps& deps) {
  auto rt = std::make_shared<ArmRuntime>(deps);
  auto tenant_of = [rt](std::string_view sub) { return rt->subscriptions.tenant_of(std::string(sub)); };
  const std::vector<cloud::HostKind> hosts = {cloud::HostKind::management};

  auto anonymous = router.scope({hosts, Dialect::arm, nullptr});
  anonymous.get("/metadata/endpoints", "GetMetadataEndpoints", to(rt, &ArmRuntime::metadata_h, &MetadataHandlers::endpoints));

  auto arm = router.scope({hosts, Dialect::arm, arm_auth_policy(deps.names, deps.clock, tenant_of)});
  const std::string sub = "/subscriptions/{subscriptionId}";
  const std::string rg = sub + "/resourcegroups/{resourceGroupName}";

  // Spec: resources/subscriptions.json
  arm.get("/tenants", "Tenants_List", to(rt, &ArmRuntime::subscriptions_h, &SubscriptionHandlers::list_tenants))
      .get("/subscriptions", "Subscriptions_List", to(rt, &ArmRuntime::subscriptions_h, &SubscriptionHandlers::list))
      .get(sub, "Subscriptions_Get", to(rt, &ArmRuntime::subscriptions_h, &SubscriptionHandlers::get))
      .get(sub + "/locations", "Subscriptions_ListLocations",
           to(rt, &ArmRuntime::subscriptions_h, &SubscriptionHandlers::list_locations));

  // Spec: resources/resources.json Providers_*
  arm.get("/providers", "Providers_ListAtTenantScope", to(rt, &ArmRuntime::providers_h, &ProviderHandlers::list_at_tenant))
      .get("/providers/{namespace}", "Providers_GetAtTenantScope",
           to(rt, &ArmRuntime::providers_h, &ProviderHandlers::get_at_tenant))
      .get(sub + "/providers", "Providers_List", to(rt, &ArmRuntime::providers_h, &ProviderHandlers::list))
      .get(sub + "/providers/{namespace}", "Providers_Get", to(rt, &ArmRuntime::providers_h, &ProviderHandlers::get))
      .post(sub + "/providers/{namespace}/register", "Providers_Register",
            to(rt, &ArmRuntime::providers_h, &ProviderHandlers::register_provider))
      .post(sub + "/providers/{namespace}/unregister", "Providers_Unregister",
            to(rt, &ArmRuntime::providers_h, &ProviderHandlers::unregister_provider));

  // Spec: resources/resources.json ResourceGroups_*
  arm.get(sub + "/resourcegroups", "ResourceGroups_List", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::list))
      .put(rg, "ResourceGroups_CreateOrUpdate", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::create_or_update))
      .get(rg, "ResourceGroups_Get", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::get))
      .head(rg, "ResourceGroups_CheckExistence", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::check_existence))
      .patch(rg, "ResourceGroups_Update", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::update))
      .del(rg, "ResourceGroups_Delete", to(rt, &ArmRuntime::groups_h, &ResourceGroupHandlers::remove));

  // Spec: resources/resources.json Resources_List*
  arm.get(sub + "/resources", "Resources_List", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::list))
      .get(rg + "/resources", "Resources_ListByResourceGroup",
           to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::list_by_group));

  // Async operation polling (core/async_operations.hpp).
  const std::string loc_ops = sub + "/providers/{namespace}/locations/{location}";
  arm.get(sub + "/operationresults/{operationId}", "AzemuOperationResults_Get",
          to(rt, &ArmRuntime::operations_h, &AsyncOperationHandlers::result))
      .get(loc_ops + "/operations/{operationId}", "AzemuOperationStatus_Get",
           to(rt, &ArmRuntime::operations_h, &AsyncOperationHandlers::status))
      .get(loc_ops + "/operationResults/{operationId}", "AzemuOperationResults_GetByLocation",
           to(rt, &ArmRuntime::operations_h, &AsyncOperationHandlers::result));

  // Spec: authorization RoleDefinitions_* and RoleAssignments_* ("{scope}/providers/Microsoft.Authorization/...").
  // The router has no mid-path wildcard, so each scope shape is listed: subscription, group, and
  // group resources up to three type/name levels deep. Literal segments beat the catch-all below.
  const std::string res1 = rg + "/providers/{namespace}/{type1}/{name1}";
  const std::string res2 = res1 + "/{type2}/{name2}";
  const std::string res3 = res2 + "/{type3}/{name3}";
  arm.get("/providers/Microsoft.Authorization/roleDefinitions", "RoleDefinitions_List",
          to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::list))
      .get("/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}", "RoleDefinitions_GetById",
           to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::get));
  for (const std::string& scope : {sub, rg, res1, res2, res3}) {
    const std::string defs = scope + "/providers/Microsoft.Authorization/roleDefinitions";
    const std::string def = defs + "/{roleDefinitionId}";
    arm.get(defs, "RoleDefinitions_List", to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::list))
        .get(def, "RoleDefinitions_Get", to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::get))
        .put(def, "RoleDefinitions_CreateOrUpdate",
             to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::create_or_update))
        .del(def, "RoleDefinitions_Delete", to(rt, &ArmRuntime::role_definitions_h, &RoleDefinitionHandlers::remove));
    const std::string assignments = scope + "/providers/Microsoft.Authorization/roleAssignments";
    const std::string assignment = assignments + "/{roleAssignmentName}";
    arm.get(assignments, "RoleAssignments_ListForScope",
            to(rt, &ArmRuntime::role_assignments_h, &RoleAssignmentHandlers::list))
        .put(assignment, "RoleAssignments_Create", to(rt, &ArmRuntime::role_assignments_h, &RoleAssignmentHandlers::create))
        .get(assignment, "RoleAssignments_Get", to(rt, &ArmRuntime::role_assignments_h, &RoleAssignmentHandlers::get))
        .del(assignment, "RoleAssignments_Delete", to(rt, &ArmRuntime::role_assignments_h, &RoleAssignmentHandlers::remove));
  }

  // Spec: resources.json Tags_*AtScope: the tags wrapper resource of a group or resource, at the same scope
  // shapes (subscription scope answers AzemuNotImplemented from the service).
  for (const std::string& scope : {sub, rg, res1, res2, res3}) {
    const std::string tags = scope + "/providers/Microsoft.Resources/tags/default";
    arm.get(tags, "Tags_GetAtScope", to(rt, &ArmRuntime::tags_h, &TagsHandlers::get))
        .put(tags, "Tags_CreateOrUpdateAtScope", to(rt, &ArmRuntime::tags_h, &TagsHandlers::create_or_update))
        .patch(tags, "Tags_UpdateAtScope", to(rt, &ArmRuntime::tags_h, &TagsHandlers::update))
        .del(tags, "Tags_DeleteAtScope", to(rt, &ArmRuntime::tags_h, &TagsHandlers::remove));
  }

  // Spec: keyvault resource-manager 2022-07-01 keyvault.json Vaults_* (literal segments beat the
  // catch-all provider routes below).
  const std::string kv_sub = sub + "/providers/Microsoft.KeyVault";
  const std::string vault = rg + "/providers/Microsoft.KeyVault/vaults/{vaultName}";
  const std::string deleted = kv_sub + "/locations/{location}/deletedVaults/{vaultName}";
  const http::Handler empty_list = [](http::Request&) { return http::Reply::ok({{"value", nlohmann::json::array()}}); };
  arm.put(vault, "Vaults_CreateOrUpdate", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::create_or_update))
      .patch(vault, "Vaults_Update", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::update))
      .del(vault, "Vaults_Delete", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::remove))
      .get(vault, "Vaults_Get", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::get))
      .head(vault, kCheckExistence, check_existence_from_get(to(rt, &ArmRuntime::vaults_h, &VaultHandlers::get)))
      .put(vault + "/accessPolicies/{operationKind}", "Vaults_UpdateAccessPolicy",
           to(rt, &ArmRuntime::vaults_h, &VaultHandlers::update_access_policy))
      .get(rg + "/providers/Microsoft.KeyVault/vaults", "Vaults_ListByResourceGroup",
           to(rt, &ArmRuntime::vaults_h, &VaultHandlers::list_by_group))
      .get(kv_sub + "/vaults", "Vaults_ListBySubscription", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::list_by_subscription))
      .get(kv_sub + "/deletedVaults", "Vaults_ListDeleted", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::list_deleted))
      .get(deleted, "Vaults_GetDeleted", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::get_deleted))
      .post(deleted + "/purge", "Vaults_PurgeDeleted", to(rt, &ArmRuntime::vaults_h, &VaultHandlers::purge_deleted))
      .post(kv_sub + "/checkNameAvailability", "Vaults_CheckNameAvailability",
            to(rt, &ArmRuntime::vaults_h, &VaultHandlers::check_name))
      // Managed HSMs are not emulated, but `az keyvault list(-deleted)` also lists them: answer empty lists.
      .get(kv_sub + "/deletedManagedHSMs", "ManagedHsms_ListDeleted", empty_list)
      .get(kv_sub + "/managedHSMs", "ManagedHsms_ListBySubscription", empty_list)
      .get(rg + "/providers/Microsoft.KeyVault/managedHSMs", "ManagedHsms_ListByResourceGroup", empty_list);

  // Spec: resources.json 2021-04-01 Deployments_* and DeploymentOperations_* at resource group and
  // subscription scope (fake-arm/deployments/). WhatIf is not served (AzemuNotImplemented).
  for (const std::string& scope : {rg, sub}) {
    const bool at_sub = scope == sub;
    auto op = [&](const char* name) { return std::string(name) + (at_sub ? "AtSubscriptionScope" : ""); };
    auto dep_h = [rt](http::Reply (DeploymentHandlers::*fn)(http::Request&)) { return to(rt, &ArmRuntime::deployments_h, fn); };
    const std::string deps = scope + "/providers/Microsoft.Resources/deployments";
    const std::string dep = deps + "/{deploymentName}";
    using DH = DeploymentHandlers;
    arm.del(dep, op("Deployments_Delete"), dep_h(&DH::remove))
        .head(dep, op("Deployments_CheckExistence"), dep_h(&DH::check_existence))
        .put(dep, op("Deployments_CreateOrUpdate"), dep_h(&DH::create_or_update))
        .get(dep, op("Deployments_Get"), dep_h(&DH::get))
        .post(dep + "/cancel", op("Deployments_Cancel"), dep_h(&DH::cancel))
        .post(dep + "/validate", op("Deployments_Validate"), dep_h(&DH::validate))
        .post(dep + "/whatIf", op("Deployments_WhatIf"),
              [](http::Request&) -> http::Reply { throw errors::not_implemented("deployment what-if"); })
        .post(dep + "/exportTemplate", op("Deployments_ExportTemplate"), dep_h(&DH::export_template))
        .get(deps, at_sub ? "Deployments_ListAtSubscriptionScope" : "Deployments_ListByResourceGroup", dep_h(&DH::list))
        .get(dep + "/operations/{operationId}", at_sub ? "DeploymentOperations_GetAtSubscriptionScope" : "DeploymentOperations_GetAtScope",
             dep_h(&DH::get_operation))
        .get(dep + "/operations", at_sub ? "DeploymentOperations_ListAtSubscriptionScope" : "DeploymentOperations_ListAtScope",
             dep_h(&DH::list_operations));
    if (at_sub) continue;
    // The spec's group-scope operations path has no "providers/Microsoft.Resources" (az uses it).
    arm.get(rg + "/deployments/{deploymentName}/operations/{operationId}", "DeploymentOperations_Get",
            dep_h(&DH::get_operation))
        .get(rg + "/deployments/{deploymentName}/operations", "DeploymentOperations_List", dep_h(&DH::list_operations));
  }

  // Spec: compute 2022-11-01 VirtualMachineImages_*, VirtualMachineExtensionImages_*, VirtualMachineSizes_*,
  // ResourceSkus_* (read-only catalogs compiled into the binary; providers/compute/catalog/).
  {
    auto catalog_svc = std::make_shared<compute::CatalogService>(rt->subscriptions, rt->authorizer);
    auto catalog_h = std::make_shared<compute::CatalogHandlers>(*catalog_svc);
    auto catalog = [rt, catalog_svc, catalog_h](http::Reply (compute::CatalogHandlers::*fn)(http::Request&)) {
      return http::Handler([rt, catalog_svc, catalog_h, fn](http::Request& req) { return ((*catalog_h).*fn)(req); });
    };
    const std::string compute_loc = sub + "/providers/Microsoft.Compute/locations/{location}";
    const std::string offers = compute_loc + "/publishers/{publisherName}/artifacttypes/vmimage/offers";
    const std::string ext_types = compute_loc + "/publishers/{publisherName}/artifacttypes/vmextension/types";
    using CH = compute::CatalogHandlers;
    arm.get(compute_loc + "/publishers", "VirtualMachineImages_ListPublishers", catalog(&CH::list_publishers))
        .get(offers, "VirtualMachineImages_ListOffers", catalog(&CH::list_offers))
        .get(offers + "/{offer}/skus", "VirtualMachineImages_ListSkus", catalog(&CH::list_skus))
        .get(offers + "/{offer}/skus/{skus}/versions", "VirtualMachineImages_List", catalog(&CH::list))
        .get(offers + "/{offer}/skus/{skus}/versions/{version}", "VirtualMachineImages_Get", catalog(&CH::get))
        .get(ext_types, "VirtualMachineExtensionImages_ListTypes", catalog(&CH::list_extension_types))
        .get(ext_types + "/{type}/versions", "VirtualMachineExtensionImages_ListVersions",
             catalog(&CH::list_extension_versions))
        .get(ext_types + "/{type}/versions/{version}", "VirtualMachineExtensionImages_Get",
             catalog(&CH::get_extension_version))
        .get(compute_loc + "/vmSizes", "VirtualMachineSizes_List", catalog(&CH::list_sizes))
        .get(sub + "/providers/Microsoft.Compute/skus", "ResourceSkus_List", catalog(&CH::list_resource_skus));
    // az's VM image alias document (anonymous, like the GitHub file it stands in for): the public
    // cloud's URL in proxy mode, /azemu/aliases.json in cloud mode (emulator/app/env_command.cpp).
    anonymous.get("/azemu/aliases.json", "AzemuVmImageAliases_Get", compute::get_vm_image_aliases);
    router.scope({{cloud::HostKind::alias_doc}, Dialect::arm, nullptr})
        .get("/Azure/azure-rest-api-specs/{branch}/arm-compute/quickstart-templates/aliases.json",
             "AzemuVmImageAliases_GetFromGitHub", compute::get_vm_image_aliases);
    // Observed: GitHub's raw host answers a missing file with a plain-text 404.
    router.set_not_found(cloud::HostKind::alias_doc, {{cloud::HostKind::alias_doc}, Dialect::arm, nullptr},
                         [](http::Request&) { return http::Reply::text(404, "404: Not Found"); });
  }

  // Spec: network 2022-07-01 virtualNetwork.json, networkSecurityGroup.json, publicIpAddress.json,
  // networkInterface.json: <Type>_Delete/_Get/_CreateOrUpdate/_UpdateTags/_ListAll/_List and the
  // children Subnets_*, SecurityRules_* (providers/network/). Literal segments beat the catch-all below.
  {
    using NH = NetworkHandlers;
    using NP = NetworkProvider;
    auto net = [rt](NH NP::*h, http::Reply (NH::*fn)(http::Request&)) {
      return http::Handler([rt, h, fn](http::Request& req) { return ((rt->network.*h).*fn)(req); });
    };
    const std::string net_rg = rg + "/providers/Microsoft.Network";
    const std::string net_sub = sub + "/providers/Microsoft.Network";
    const std::string vnet = net_rg + "/virtualNetworks/{virtualNetworkName}";
    const std::string subnet = vnet + "/subnets/{subnetName}";
    const std::string nsg = net_rg + "/networkSecurityGroups/{networkSecurityGroupName}";
    const std::string rule = nsg + "/securityRules/{securityRuleName}";
    const std::string pip = net_rg + "/publicIPAddresses/{publicIpAddressName}";
    const std::string nic = net_rg + "/networkInterfaces/{networkInterfaceName}";
    arm.del(vnet, "VirtualNetworks_Delete", net(&NP::vnets_h, &NH::remove))
        .get(vnet, "VirtualNetworks_Get", net(&NP::vnets_h, &NH::get))
        .head(vnet, kCheckExistence, check_existence_from_get(net(&NP::vnets_h, &NH::get)))
        .put(vnet, "VirtualNetworks_CreateOrUpdate", net(&NP::vnets_h, &NH::create_or_update))
        .patch(vnet, "VirtualNetworks_UpdateTags", net(&NP::vnets_h, &NH::update_tags))
        .get(net_sub + "/virtualNetworks", "VirtualNetworks_ListAll", net(&NP::vnets_h, &NH::list_by_subscription))
        .get(net_rg + "/virtualNetworks", "VirtualNetworks_List", net(&NP::vnets_h, &NH::list_by_group))
        .get(vnet + "/CheckIPAddressAvailability", "VirtualNetworks_CheckIPAddressAvailability",
             [rt](http::Request& req) { return rt->network.vnet_extra_h.check_ip_address(req); })
        .del(subnet, "Subnets_Delete", net(&NP::subnets_h, &NH::remove))
        .get(subnet, "Subnets_Get", net(&NP::subnets_h, &NH::get))
        .head(subnet, kCheckExistence, check_existence_from_get(net(&NP::subnets_h, &NH::get)))
        .put(subnet, "Subnets_CreateOrUpdate", net(&NP::subnets_h, &NH::create_or_update))
        .get(vnet + "/subnets", "Subnets_List", net(&NP::subnets_h, &NH::list_children))
        .del(nsg, "NetworkSecurityGroups_Delete", net(&NP::nsgs_h, &NH::remove))
        .get(nsg, "NetworkSecurityGroups_Get", net(&NP::nsgs_h, &NH::get))
        .head(nsg, kCheckExistence, check_existence_from_get(net(&NP::nsgs_h, &NH::get)))
        .put(nsg, "NetworkSecurityGroups_CreateOrUpdate", net(&NP::nsgs_h, &NH::create_or_update))
        .patch(nsg, "NetworkSecurityGroups_UpdateTags", net(&NP::nsgs_h, &NH::update_tags))
        .get(net_sub + "/networkSecurityGroups", "NetworkSecurityGroups_ListAll", net(&NP::nsgs_h, &NH::list_by_subscription))
        .get(net_rg + "/networkSecurityGroups", "NetworkSecurityGroups_List", net(&NP::nsgs_h, &NH::list_by_group))
        .del(rule, "SecurityRules_Delete", net(&NP::security_rules_h, &NH::remove))
        .get(rule, "SecurityRules_Get", net(&NP::security_rules_h, &NH::get))
        .head(rule, kCheckExistence, check_existence_from_get(net(&NP::security_rules_h, &NH::get)))
        .put(rule, "SecurityRules_CreateOrUpdate", net(&NP::security_rules_h, &NH::create_or_update))
        .get(nsg + "/securityRules", "SecurityRules_List", net(&NP::security_rules_h, &NH::list_children))
        .del(pip, "PublicIPAddresses_Delete", net(&NP::public_ips_h, &NH::remove))
        .get(pip, "PublicIPAddresses_Get", net(&NP::public_ips_h, &NH::get))
        .head(pip, kCheckExistence, check_existence_from_get(net(&NP::public_ips_h, &NH::get)))
        .put(pip, "PublicIPAddresses_CreateOrUpdate", net(&NP::public_ips_h, &NH::create_or_update))
        .patch(pip, "PublicIPAddresses_UpdateTags", net(&NP::public_ips_h, &NH::update_tags))
        .get(net_sub + "/publicIPAddresses", "PublicIPAddresses_ListAll", net(&NP::public_ips_h, &NH::list_by_subscription))
        .get(net_rg + "/publicIPAddresses", "PublicIPAddresses_List", net(&NP::public_ips_h, &NH::list_by_group))
        .del(nic, "NetworkInterfaces_Delete", net(&NP::nics_h, &NH::remove))
        .get(nic, "NetworkInterfaces_Get", net(&NP::nics_h, &NH::get))
        .head(nic, kCheckExistence, check_existence_from_get(net(&NP::nics_h, &NH::get)))
        .put(nic, "NetworkInterfaces_CreateOrUpdate", net(&NP::nics_h, &NH::create_or_update))
        .patch(nic, "NetworkInterfaces_UpdateTags", net(&NP::nics_h, &NH::update_tags))
        .get(net_sub + "/networkInterfaces", "NetworkInterfaces_ListAll", net(&NP::nics_h, &NH::list_by_subscription))
        .get(net_rg + "/networkInterfaces", "NetworkInterfaces_List", net(&NP::nics_h, &NH::list_by_group));
  }

  // Spec: compute 2022-11-01 virtualMachine.json VirtualMachines_* and VirtualMachineExtensions_*,
  // DiskRP 2022-07-02 disk.json Disks_* (providers/compute/). Literal segments beat the catch-all below.
  {
    using CP = compute::ComputeProvider;
    auto cp = [rt](auto CP::*h, auto fn) {
      return http::Handler([rt, h, fn](http::Request& req) { return ((rt->compute.*h).*fn)(req); });
    };
    using VH = compute::VmHandlers;
    using EH = compute::ExtensionHandlers;
    using DH = compute::DiskHandlers;
    const std::string cp_sub = sub + "/providers/Microsoft.Compute";
    const std::string cp_rg = rg + "/providers/Microsoft.Compute";
    const std::string vm = cp_rg + "/virtualMachines/{vmName}";
    const std::string ext = vm + "/extensions/{vmExtensionName}";
    const std::string disk = cp_rg + "/disks/{diskName}";
    arm.put(vm, "VirtualMachines_CreateOrUpdate", cp(&CP::vms_h, &VH::create_or_update))
        .patch(vm, "VirtualMachines_Update", cp(&CP::vms_h, &VH::update))
        .del(vm, "VirtualMachines_Delete", cp(&CP::vms_h, &VH::remove))
        .get(vm, "VirtualMachines_Get", cp(&CP::vms_h, &VH::get))
        .head(vm, kCheckExistence, check_existence_from_get(cp(&CP::vms_h, &VH::get)))
        .get(vm + "/instanceView", "VirtualMachines_InstanceView", cp(&CP::vms_h, &VH::instance_view))
        .get(cp_rg + "/virtualMachines", "VirtualMachines_List", cp(&CP::vms_h, &VH::list_by_group))
        .get(cp_sub + "/virtualMachines", "VirtualMachines_ListAll", cp(&CP::vms_h, &VH::list))
        .post(vm + "/powerOff", "VirtualMachines_PowerOff", cp(&CP::vms_h, &VH::power_off))
        .post(vm + "/reapply", "VirtualMachines_Reapply", cp(&CP::vms_h, &VH::reapply))
        .post(vm + "/restart", "VirtualMachines_Restart", cp(&CP::vms_h, &VH::restart))
        .post(vm + "/start", "VirtualMachines_Start", cp(&CP::vms_h, &VH::start))
        .post(vm + "/redeploy", "VirtualMachines_Redeploy", cp(&CP::vms_h, &VH::redeploy))
        .post(vm + "/deallocate", "VirtualMachines_Deallocate", cp(&CP::vms_h, &VH::deallocate))
        .post(vm + "/runCommand", "VirtualMachines_RunCommand", cp(&CP::vms_h, &VH::run_command))
        .put(ext, "VirtualMachineExtensions_CreateOrUpdate", cp(&CP::extensions_h, &EH::create_or_update))
        .patch(ext, "VirtualMachineExtensions_Update", cp(&CP::extensions_h, &EH::update))
        .del(ext, "VirtualMachineExtensions_Delete", cp(&CP::extensions_h, &EH::remove))
        .get(ext, "VirtualMachineExtensions_Get", cp(&CP::extensions_h, &EH::get))
        .head(ext, kCheckExistence, check_existence_from_get(cp(&CP::extensions_h, &EH::get)))
        .get(vm + "/extensions", "VirtualMachineExtensions_List", cp(&CP::extensions_h, &EH::list))
        .put(disk, "Disks_CreateOrUpdate", cp(&CP::disks_h, &DH::create_or_update))
        .patch(disk, "Disks_Update", cp(&CP::disks_h, &DH::update))
        .get(disk, "Disks_Get", cp(&CP::disks_h, &DH::get))
        .head(disk, kCheckExistence, check_existence_from_get(cp(&CP::disks_h, &DH::get)))
        .del(disk, "Disks_Delete", cp(&CP::disks_h, &DH::remove))
        .get(cp_rg + "/disks", "Disks_ListByResourceGroup", cp(&CP::disks_h, &DH::list_by_group))
        .get(cp_sub + "/disks", "Disks_List", cp(&CP::disks_h, &DH::list));
  }

  // Provider paths no resource provider serves (least specific: any real provider route wins).
  for (const std::string& scope : {rg, sub}) {
    const std::string any = scope + "/providers/{namespace}/{*rest}";
    arm.get(any, "AzemuGenericResource_Get", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::read))
        .head(any, kCheckExistence,
              check_existence_from_get(to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::read)))
        .del(any, "AzemuGenericResource_Delete", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::remove))
        .put(any, "AzemuGenericResource_Put", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write))
        .patch(any, "AzemuGenericResource_Patch", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write))
        .post(any, "AzemuGenericResource_Post", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write));
  }

  router.set_not_found(cloud::HostKind::management, {hosts, Dialect::arm, nullptr},
                       [](http::Request& req) -> http::Reply { throw errors::no_route(req.method, req.path); });
}

}  // namespace azemu::arm
