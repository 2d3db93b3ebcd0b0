// The ARM route table (management hosts, and localhost by path), in the order of the REST specs:
// metadata, tenants/subscriptions/locations, providers, resource groups, generic resources, async
// operation polling, Microsoft.Authorization at every scope, then the catch-all provider paths.
// Everything but /metadata/endpoints authenticates with arm_auth_policy(); services authorize
// each operation with the Authorizer. Any api-version is accepted. No logic lives here.
#include "fake-arm/mount.hpp"

#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_handlers.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_handlers.hpp"
#include "fake-arm/core/arm_auth_policy.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_handlers.hpp"
#include "fake-arm/resources/generic/generic_resource_handlers.hpp"
#include "fake-arm/resources/metadata/metadata_handlers.hpp"
#include "fake-arm/resources/providers/provider_handlers.hpp"
#include "fake-arm/resources/resource_groups/resource_group_handlers.hpp"
#include "fake-arm/resources/subscriptions/subscription_handlers.hpp"

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
        role_definitions(d.db, d.clock, subscriptions, authorizer),
        role_assignments(d.db, d.clock, subscriptions, authorizer, role_definitions, d.directory),
        vaults(d.db, d.clock, subscriptions, providers, operations, authorizer),
        vault_audit(d.audit, d.clock),
        metadata_h(d.names),
        subscriptions_h(subscriptions),
        providers_h(providers),
        groups_h(groups),
        generic_h(generic),
        operations_h(d.db, operations, subscriptions),
        role_definitions_h(role_definitions),
        role_assignments_h(role_assignments),
        vaults_h(vaults, d.names, vault_audit) {
    // Assignments scoped inside a group go with it, in the group delete's transaction.
    groups.add_delete_hook(
        [this](store::Connection& c, const ResourceId& group) { role_assignments.remove_under(c, group); });
    // Vaults in a deleted group are soft-deleted (recoverable), as Azure does.
    groups.add_delete_hook([this](store::Connection& c, const ResourceId& group) { vaults.soft_delete_group(c, group); });
  }

  Authorizer authorizer;
  /// Types template deployments can create; each provider registers its adapters in the constructor.
  ResourceTypes types;
  SubscriptionService subscriptions;
  AsyncOperations operations;
  ProviderService providers;
  ResourceGroupService groups;
  GenericResourceService generic;
  RoleDefinitionService role_definitions;
  RoleAssignmentService role_assignments;
  VaultService vaults;
  VaultAudit vault_audit;

  MetadataHandlers metadata_h;
  SubscriptionHandlers subscriptions_h;
  ProviderHandlers providers_h;
  ResourceGroupHandlers groups_h;
  GenericResourceHandlers generic_h;
  AsyncOperationHandlers operations_h;
  RoleDefinitionHandlers role_definitions_h;
  RoleAssignmentHandlers role_assignments_h;
  VaultHandlers vaults_h;
};

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

  // Provider paths no resource provider serves (least specific: any real provider route wins).
  for (const std::string& scope : {rg, sub}) {
    const std::string any = scope + "/providers/{namespace}/{*rest}";
    arm.get(any, "AzemuGenericResource_Get", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::read))
        .del(any, "AzemuGenericResource_Delete", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::remove))
        .put(any, "AzemuGenericResource_Put", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write))
        .patch(any, "AzemuGenericResource_Patch", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write))
        .post(any, "AzemuGenericResource_Post", to(rt, &ArmRuntime::generic_h, &GenericResourceHandlers::write));
  }

  router.set_not_found(cloud::HostKind::management, {hosts, Dialect::arm, nullptr},
                       [](http::Request& req) -> http::Reply { throw errors::no_route(req.method, req.path); });
}

}  // namespace azemu::arm
