// See mount.hpp. Route order follows the REST specs; the router picks the most specific template, so order only
// shows in the golden route table.
#include "fake-arm/resources/mount.hpp"

#include "fake-arm/core/check_existence.hpp"

namespace azemu::arm {

void mount_resource_routes(ArmRoutes& r, const ResourceRouteHandlers& h) {
  r.anonymous.get("/metadata/endpoints", "GetMetadataEndpoints", r.to(h.metadata, &MetadataHandlers::endpoints));
  const std::string& sub = r.sub;
  const std::string& rg = r.rg;

  // Spec: resources/subscriptions.json
  r.arm.get("/tenants", "Tenants_List", r.to(h.subscriptions, &SubscriptionHandlers::list_tenants))
      .get("/subscriptions", "Subscriptions_List", r.to(h.subscriptions, &SubscriptionHandlers::list))
      .get(sub, "Subscriptions_Get", r.to(h.subscriptions, &SubscriptionHandlers::get))
      .get(sub + "/locations", "Subscriptions_ListLocations", r.to(h.subscriptions, &SubscriptionHandlers::list_locations));

  // Spec: resources/resources.json Providers_*
  r.arm.get("/providers", "Providers_ListAtTenantScope", r.to(h.providers, &ProviderHandlers::list_at_tenant))
      .get("/providers/{namespace}", "Providers_GetAtTenantScope", r.to(h.providers, &ProviderHandlers::get_at_tenant))
      .get(sub + "/providers", "Providers_List", r.to(h.providers, &ProviderHandlers::list))
      .get(sub + "/providers/{namespace}", "Providers_Get", r.to(h.providers, &ProviderHandlers::get))
      .post(sub + "/providers/{namespace}/register", "Providers_Register",
            r.to(h.providers, &ProviderHandlers::register_provider))
      .post(sub + "/providers/{namespace}/unregister", "Providers_Unregister",
            r.to(h.providers, &ProviderHandlers::unregister_provider));

  // Spec: resources/resources.json ResourceGroups_*
  r.arm.get(sub + "/resourcegroups", "ResourceGroups_List", r.to(h.groups, &ResourceGroupHandlers::list))
      .put(rg, "ResourceGroups_CreateOrUpdate", r.to(h.groups, &ResourceGroupHandlers::create_or_update))
      .get(rg, "ResourceGroups_Get", r.to(h.groups, &ResourceGroupHandlers::get))
      .head(rg, "ResourceGroups_CheckExistence", r.to(h.groups, &ResourceGroupHandlers::check_existence))
      .patch(rg, "ResourceGroups_Update", r.to(h.groups, &ResourceGroupHandlers::update))
      .del(rg, "ResourceGroups_Delete", r.to(h.groups, &ResourceGroupHandlers::remove));

  // Spec: resources/resources.json Resources_List*
  r.arm.get(sub + "/resources", "Resources_List", r.to(h.generic, &GenericResourceHandlers::list))
      .get(rg + "/resources", "Resources_ListByResourceGroup", r.to(h.generic, &GenericResourceHandlers::list_by_group));
}

void mount_tags_routes(ArmRoutes& r, TagsHandlers& h) {
  // Spec: resources.json Tags_*AtScope: the tags wrapper resource of a group or resource.
  for (const std::string& scope : r.any_scope()) {
    const std::string tags = scope + "/providers/Microsoft.Resources/tags/default";
    r.arm.get(tags, "Tags_GetAtScope", r.to(h, &TagsHandlers::get))
        .put(tags, "Tags_CreateOrUpdateAtScope", r.to(h, &TagsHandlers::create_or_update))
        .patch(tags, "Tags_UpdateAtScope", r.to(h, &TagsHandlers::update))
        .del(tags, "Tags_DeleteAtScope", r.to(h, &TagsHandlers::remove));
  }
}

void mount_generic_routes(ArmRoutes& r, GenericResourceHandlers& h) {
  for (const std::string& scope : {r.rg, r.sub}) {
    const std::string any = scope + "/providers/{namespace}/{*rest}";
    r.arm.get(any, "AzemuGenericResource_Get", r.to(h, &GenericResourceHandlers::read))
        .head(any, kCheckExistence, check_existence_from_get(r.to(h, &GenericResourceHandlers::read)))
        .del(any, "AzemuGenericResource_Delete", r.to(h, &GenericResourceHandlers::remove))
        .put(any, "AzemuGenericResource_Put", r.to(h, &GenericResourceHandlers::write))
        .patch(any, "AzemuGenericResource_Patch", r.to(h, &GenericResourceHandlers::write))
        .post(any, "AzemuGenericResource_Post", r.to(h, &GenericResourceHandlers::write));
  }
}

}  // namespace azemu::arm
