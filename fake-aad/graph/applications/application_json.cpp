// Wire mapping for applications and password credentials; see application_model.hpp. Complex
// properties azemu does not interpret are type-checked here and stored verbatim.
#include "fake-aad/graph/applications/application_model.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/graph/graph_values.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/ids/guid.hpp"

#include <map>
#include <set>

namespace azemu::aad {

namespace {
const std::string kResource = "Application";
enum class Shape { object, array, boolean, string };

// Graph application properties accepted as-is, with the JSON type each must have (or null).
const std::map<std::string, Shape> kPassThrough = {
    {"web", Shape::object}, {"spa", Shape::object}, {"publicClient", Shape::object}, {"api", Shape::object},
    {"info", Shape::object}, {"optionalClaims", Shape::object}, {"parentalControlSettings", Shape::object},
    {"appRoles", Shape::array}, {"requiredResourceAccess", Shape::array}, {"keyCredentials", Shape::array},
    {"tags", Shape::array}, {"addIns", Shape::array}, {"isFallbackPublicClient", Shape::boolean},
    {"isDeviceOnlyAuthSupported", Shape::boolean}, {"notes", Shape::string}, {"description", Shape::string},
    {"groupMembershipClaims", Shape::string}, {"serviceManagementReference", Shape::string},
    {"tokenEncryptionKeyId", Shape::string}, {"defaultRedirectUri", Shape::string}};
// Server-owned properties a client may echo back (az ad app update PATCHes whole objects).
const std::set<std::string> kIgnored = {"id", "appId", "createdDateTime", "deletedDateTime", "publisherDomain",
                                        "passwordCredentials", "@odata.type", "@odata.context"};

bool has_shape(const nlohmann::json& v, Shape s) {
  if (v.is_null()) return true;
  switch (s) {
    case Shape::object: return v.is_object();
    case Shape::array: return v.is_array();
    case Shape::boolean: return v.is_boolean();
    case Shape::string: return v.is_string();
  }
  return false;
}

// Graph's defaults for a new application (Spec: graph v1.0 application resource JSON representation).
nlohmann::json defaults() {
  return {{"deletedDateTime", nullptr}, {"applicationTemplateId", nullptr}, {"disabledByMicrosoftStatus", nullptr},
          {"description", nullptr}, {"groupMembershipClaims", nullptr}, {"isDeviceOnlyAuthSupported", nullptr},
          {"isFallbackPublicClient", nullptr}, {"notes", nullptr}, {"serviceManagementReference", nullptr},
          {"tags", nlohmann::json::array()}, {"tokenEncryptionKeyId", nullptr}, {"defaultRedirectUri", nullptr},
          {"certification", nullptr}, {"optionalClaims", nullptr}, {"addIns", nlohmann::json::array()},
          {"api", {{"acceptMappedClaims", nullptr}, {"knownClientApplications", nlohmann::json::array()},
                   {"requestedAccessTokenVersion", nullptr}, {"oauth2PermissionScopes", nlohmann::json::array()},
                   {"preAuthorizedApplications", nlohmann::json::array()}}},
          {"appRoles", nlohmann::json::array()},
          {"info", {{"logoUrl", nullptr}, {"marketingUrl", nullptr}, {"privacyStatementUrl", nullptr},
                    {"supportUrl", nullptr}, {"termsOfServiceUrl", nullptr}}},
          {"keyCredentials", nlohmann::json::array()},
          {"parentalControlSettings", {{"countriesBlockedForMinors", nlohmann::json::array()}, {"legalAgeGroupRule", "Allow"}}},
          {"publicClient", {{"redirectUris", nlohmann::json::array()}}},
          {"requiredResourceAccess", nlohmann::json::array()},
          {"verifiedPublisher", {{"displayName", nullptr}, {"verifiedPublisherId", nullptr}, {"addedDateTime", nullptr}}},
          {"web", {{"homePageUrl", nullptr}, {"logoutUrl", nullptr}, {"redirectUris", nlohmann::json::array()},
                   {"implicitGrantSettings", {{"enableAccessTokenIssuance", false}, {"enableIdTokenIssuance", false}}},
                   {"redirectUriSettings", nlohmann::json::array()}}},
          {"spa", {{"redirectUris", nlohmann::json::array()}}}};
}
}  // namespace

nlohmann::json password_credential_to_json(const PasswordCredential& c, const std::optional<std::string>& secret_text) {
  return {{"customKeyIdentifier", nullptr},
          {"displayName", c.display_name ? nlohmann::json(*c.display_name) : nlohmann::json()},
          {"endDateTime", exec::iso8601(c.end_time)},
          {"hint", c.hint},
          {"keyId", c.key_id},
          {"secretText", secret_text ? nlohmann::json(*secret_text) : nlohmann::json()},
          {"startDateTime", exec::iso8601(c.start_time)}};
}

nlohmann::json application_to_json(const Application& a, const std::vector<PasswordCredential>& passwords,
                                   const std::string& publisher_domain) {
  nlohmann::json j = defaults();
  for (auto it = a.graph_properties.begin(); it != a.graph_properties.end(); ++it) {
    // Objects keep Graph's default sub-properties the client did not send.
    if (it->is_object() && j[it.key()].is_object()) j[it.key()].update(*it);
    else j[it.key()] = *it;
  }
  for (auto& k : j["keyCredentials"]) k["key"] = nullptr;  // Observed: Graph never returns the key material
  j["id"] = a.object_id;
  j["appId"] = a.app_id;
  j["createdDateTime"] = exec::iso8601(a.created);
  j["displayName"] = a.display_name;
  j["identifierUris"] = a.identifier_uris;
  j["publisherDomain"] = publisher_domain;
  j["signInAudience"] = a.sign_in_audience;
  j["passwordCredentials"] = nlohmann::json::array();
  for (const auto& c : passwords) j["passwordCredentials"].push_back(password_credential_to_json(c));
  return j;
}

ApplicationInput application_input_from_json(const nlohmann::json& body) {
  using namespace graph_values;
  require_object(body, kResource);
  ApplicationInput in;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "displayName") in.display_name = opt_string(body, "displayName", kResource);
    else if (key == "identifierUris") in.identifier_uris = opt_strings(body, "identifierUris", kResource);
    else if (key == "signInAudience") in.sign_in_audience = opt_string(body, "signInAudience", kResource);
    else if (auto p = kPassThrough.find(key); p != kPassThrough.end()) {
      if (!has_shape(*it, p->second)) throw errors::graph_invalid_property(key, kResource);
      in.graph_properties[key] = *it;
    } else if (!kIgnored.count(key)) {
      throw errors::graph_unknown_property(key, "application");
    }
  }
  if (in.identifier_uris)
    for (const auto& uri : *in.identifier_uris)
      if (uri.empty()) throw errors::graph_invalid_property("identifierUris", kResource);
  // keyCredentials entries get a keyId when the client sends none, as Graph assigns one.
  if (auto kc = in.graph_properties.find("keyCredentials"); kc != in.graph_properties.end() && kc->is_array())
    for (auto& k : *kc) {
      if (!k.is_object()) throw errors::graph_invalid_property("keyCredentials", kResource);
      if (!k.contains("keyId") || k["keyId"].is_null()) k["keyId"] = ids::new_guid();
    }
  return in;
}

PasswordInput password_input_from_json(const nlohmann::json& body) {
  using namespace graph_values;
  const std::string resource = "PasswordCredential";
  require_object(body, resource);
  PasswordInput in;
  auto it = body.find("passwordCredential");
  if (it == body.end() || it->is_null()) return in;
  if (!it->is_object()) throw errors::graph_invalid_property("passwordCredential", resource);
  in.display_name = opt_string(*it, "displayName", resource);
  if (auto s = opt_string(*it, "startDateTime", resource)) in.start_time = parse_datetime(*s, "startDateTime", resource);
  if (auto e = opt_string(*it, "endDateTime", resource)) in.end_time = parse_datetime(*e, "endDateTime", resource);
  return in;
}

std::string remove_password_key_from_json(const nlohmann::json& body) {
  using namespace graph_values;
  require_object(body, "PasswordCredential");
  std::string key = required_string(body, "keyId", "PasswordCredential");
  if (!ids::is_guid(key)) throw errors::graph_invalid_property("keyId", "PasswordCredential");
  return key;
}

}  // namespace azemu::aad
