// Wire mapping for service principals; see service_principal_model.hpp.
#include "fake-aad/graph/service_principals/service_principal_model.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/graph/graph_values.hpp"

#include "emulator/exec/clock.hpp"

#include <set>

namespace azemu::aad {

namespace {
const std::string kResource = "ServicePrincipal";
// Stored verbatim (type-checked as arrays/strings/booleans by their JSON type below).
const std::set<std::string> kArrays = {"tags", "notificationEmailAddresses", "alternativeNames", "replyUrls"};
const std::set<std::string> kStrings = {"notes", "description", "homepage", "loginUrl", "logoutUrl",
                                        "preferredSingleSignOnMode"};
const std::set<std::string> kBools = {"appRoleAssignmentRequired"};
const std::set<std::string> kIgnored = {"id", "displayName", "servicePrincipalNames", "servicePrincipalType",
                                        "appOwnerOrganizationId", "@odata.type"};

nlohmann::json defaults() {
  auto empty = nlohmann::json::array();
  return {{"deletedDateTime", nullptr}, {"alternativeNames", empty}, {"appDescription", nullptr},
          {"applicationTemplateId", nullptr}, {"appRoleAssignmentRequired", false}, {"description", nullptr},
          {"disabledByMicrosoftStatus", nullptr}, {"homepage", nullptr}, {"loginUrl", nullptr},
          {"logoutUrl", nullptr}, {"notes", nullptr}, {"notificationEmailAddresses", empty},
          {"preferredSingleSignOnMode", nullptr}, {"preferredTokenSigningKeyThumbprint", nullptr},
          {"replyUrls", empty}, {"samlSingleSignOnSettings", nullptr}, {"tags", empty},
          {"tokenEncryptionKeyId", nullptr}, {"addIns", empty}, {"appRoles", empty},
          {"info", {{"logoUrl", nullptr}, {"marketingUrl", nullptr}, {"privacyStatementUrl", nullptr},
                    {"supportUrl", nullptr}, {"termsOfServiceUrl", nullptr}}},
          {"keyCredentials", empty}, {"oauth2PermissionScopes", empty}, {"passwordCredentials", empty},
          {"resourceSpecificApplicationPermissions", empty},
          {"verifiedPublisher", {{"displayName", nullptr}, {"verifiedPublisherId", nullptr}, {"addedDateTime", nullptr}}}};
}
}  // namespace

nlohmann::json service_principal_to_json(const ServicePrincipalView& v) {
  const ServicePrincipal& sp = v.sp;
  nlohmann::json j = defaults();
  for (auto it = sp.graph_properties.begin(); it != sp.graph_properties.end(); ++it) j[it.key()] = *it;
  nlohmann::json names = nlohmann::json::array({sp.app_id});
  if (v.app)
    for (const auto& uri : v.app->identifier_uris) names.push_back(uri);
  j["id"] = sp.object_id;
  j["accountEnabled"] = sp.account_enabled;
  j["appDisplayName"] = v.app ? nlohmann::json(v.app->display_name) : nlohmann::json(sp.display_name);
  j["appId"] = sp.app_id;
  j["appOwnerOrganizationId"] = v.app ? v.app->tenant_id : sp.tenant_id;
  j["createdDateTime"] = exec::iso8601(sp.created);
  j["displayName"] = sp.display_name;
  j["servicePrincipalNames"] = names;
  j["servicePrincipalType"] = "Application";
  j["signInAudience"] = v.app ? v.app->sign_in_audience : "AzureADMyOrg";
  return j;
}

ServicePrincipalInput service_principal_input_from_json(const nlohmann::json& body) {
  using namespace graph_values;
  require_object(body, kResource);
  ServicePrincipalInput in;
  in.app_id = required_string(body, "appId", kResource);
  in.account_enabled = opt_bool(body, "accountEnabled", kResource);
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "appId" || key == "accountEnabled" || kIgnored.count(key)) continue;
    bool ok = it->is_null() || (kArrays.count(key) && it->is_array()) || (kStrings.count(key) && it->is_string()) ||
              (kBools.count(key) && it->is_boolean());
    if (!kArrays.count(key) && !kStrings.count(key) && !kBools.count(key))
      throw errors::graph_unknown_property(key, "servicePrincipal");
    if (!ok) throw errors::graph_invalid_property(key, kResource);
    in.graph_properties[key] = *it;
  }
  return in;
}

}  // namespace azemu::aad
