// Microsoft.Resources' own routes (Spec: resources/subscriptions.json, resources.json): metadata, tenants,
// subscriptions and locations, providers, resource groups and resource lists; the tags wrapper resource at every
// scope; and the catch-all provider paths no resource provider serves, registered last by fake-arm/mount.cpp.
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/resources/generic/generic_resource_handlers.hpp"
#include "fake-arm/resources/metadata/metadata_handlers.hpp"
#include "fake-arm/resources/providers/provider_handlers.hpp"
#include "fake-arm/resources/resource_groups/resource_group_handlers.hpp"
#include "fake-arm/resources/subscriptions/subscription_handlers.hpp"
#include "fake-arm/resources/tags/tags_handlers.hpp"


namespace azemu::arm {

struct ResourceRouteHandlers {
  MetadataHandlers& metadata;
  SubscriptionHandlers& subscriptions;
  ProviderHandlers& providers;
  ResourceGroupHandlers& groups;
  GenericResourceHandlers& generic;
};

/// Metadata, tenants/subscriptions/locations, providers, resource groups, resource lists.
void mount_resource_routes(ArmRoutes& r, const ResourceRouteHandlers& h);
/// Tags_*AtScope at every scope shape (subscription scope answers AzemuNotImplemented from the service).
void mount_tags_routes(ArmRoutes& r, TagsHandlers& h);
/// The provider paths no resource provider serves (least specific: any real provider route wins).
void mount_generic_routes(ArmRoutes& r, GenericResourceHandlers& h);

}  // namespace azemu::arm
