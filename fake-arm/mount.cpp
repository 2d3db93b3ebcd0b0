// The ARM route table (management hosts, and localhost by path), in the order of the REST specs:
// metadata, tenants/subscriptions/locations, providers, resource groups, generic resources, async
// operation polling, then the catch-all provider paths. Everything but /metadata/endpoints
// authenticates with arm_auth_policy(). Any api-version is accepted. No logic lives here.
#include "fake-arm/mount.hpp"

#include "fake-arm/core/arm_auth_policy.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/errors.hpp"
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
      : subscriptions(d.db, d.directory),
        operations(d.clock),
        providers(d.db, d.clock, subscriptions),
        groups(d.db, d.clock, subscriptions, operations),
        generic(d.db, subscriptions),
        metadata_h(d.names),
        subscriptions_h(subscriptions),
        providers_h(providers),
        groups_h(groups),
        generic_h(generic),
        operations_h(d.db, operations, subscriptions) {}

  SubscriptionService subscriptions;
  AsyncOperations operations;
  ProviderService providers;
  ResourceGroupService groups;
  GenericResourceService generic;

  MetadataHandlers metadata_h;
  SubscriptionHandlers subscriptions_h;
  ProviderHandlers providers_h;
  ResourceGroupHandlers groups_h;
  GenericResourceHandlers generic_h;
  AsyncOperationHandlers operations_h;
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
