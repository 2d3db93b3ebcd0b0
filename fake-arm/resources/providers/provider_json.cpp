// Provider wire shape. Spec: resources.json Provider / ProviderResourceType; observed
// `az provider register` reads only registrationState.
#include "fake-arm/resources/providers/provider_model.hpp"

#include "fake-arm/core/locations.hpp"

namespace azemu::arm {

namespace {
nlohmann::json resource_type_json(const ResourceTypeInfo& t) {
  nlohmann::json locations = nlohmann::json::array();
  if (t.global) {
    locations.push_back("global");
  } else {
    for (const auto& l : location_catalog()) locations.push_back(l.display_name);
  }
  nlohmann::json j = {{"resourceType", t.type}, {"locations", locations}, {"apiVersions", t.api_versions}};
  // ARM's default is the newest stable version: a preview at the head of the list is skipped.
  for (const auto& v : t.api_versions)
    if (v.find("-preview") == std::string::npos) {
      j["defaultApiVersion"] = v;
      break;
    }
  if (!t.capabilities.empty()) j["capabilities"] = t.capabilities;
  return j;
}
}  // namespace

nlohmann::json to_json(const Provider& p, const std::string& sub) {
  nlohmann::json types = nlohmann::json::array();
  for (const auto& t : p.info->types) types.push_back(resource_type_json(t));
  nlohmann::json j = {{"id", (sub.empty() ? "" : "/subscriptions/" + sub) + "/providers/" + p.info->ns},
                      {"namespace", p.info->ns}};
  if (!p.registration_state.empty()) {
    j["registrationState"] = p.registration_state;
    j["registrationPolicy"] = p.info->registered_by_default ? "RegistrationFree" : "RegistrationRequired";
  }
  j["resourceTypes"] = types;
  return j;
}

}  // namespace azemu::arm
