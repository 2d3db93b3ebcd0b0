// Wire names for subscriptions, tenants and locations (written once, here). Shapes observed from
// `GET /subscriptions`, `/tenants` (api-version 2019-11-01/2022-12-01) and `/subscriptions/{s}/locations`.
#include "fake-arm/resources/subscriptions/subscription_model.hpp"

namespace azemu::arm {

nlohmann::json to_json(const Subscription& s) {
  return {{"id", "/subscriptions/" + s.id},
          {"authorizationSource", "RoleBased"},
          {"managedByTenants", nlohmann::json::array()},
          {"subscriptionId", s.id},
          {"tenantId", s.tenant_id},
          {"displayName", s.display_name},
          {"state", s.state},
          {"subscriptionPolicies",
           {{"locationPlacementId", "Public_2014-09-01"}, {"quotaId", "PayAsYouGo_2014-09-01"}, {"spendingLimit", "Off"}}}};
}

nlohmann::json tenant_json(const ports::TenantInfo& t) {
  nlohmann::json domains = nlohmann::json::array();
  if (!t.default_domain.empty()) domains.push_back(t.default_domain);
  return {{"id", "/tenants/" + t.id},     {"tenantId", t.id},          {"countryCode", "US"},
          {"displayName", t.display_name}, {"domains", domains},        {"tenantCategory", "Home"},
          {"defaultDomain", t.default_domain}, {"tenantType", "AAD"}};
}

nlohmann::json location_json(const std::string& sub, const LocationInfo& l) {
  nlohmann::json paired = nlohmann::json::array();
  if (!l.paired_region.empty())
    paired.push_back({{"name", l.paired_region}, {"id", "/subscriptions/" + sub + "/locations/" + l.paired_region}});
  return {{"id", "/subscriptions/" + sub + "/locations/" + l.name},
          {"name", l.name},
          {"type", "Region"},
          {"displayName", l.display_name},
          {"regionalDisplayName", l.regional_display_name},
          {"metadata",
           {{"regionType", "Physical"},
            {"regionCategory", "Recommended"},
            {"geographyGroup", l.geography_group},
            {"longitude", l.longitude},
            {"latitude", l.latitude},
            {"physicalLocation", l.physical_location},
            {"pairedRegion", paired}}}};
}

}  // namespace azemu::arm
