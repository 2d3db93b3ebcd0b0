// Wire mapping for users; see user_model.hpp. The only place user wire names appear.
#include "fake-aad/graph/users/user_model.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/graph/graph_values.hpp"

#include <set>

namespace azemu::aad {

namespace {
const std::string kResource = "User";
nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

// Accepted on create but not stored (az ad user create --immutable-id sends the first).
const std::set<std::string> kIgnored = {"onPremisesImmutableId", "usageLocation", "passwordPolicies", "city",
                                        "country", "department", "companyName", "state", "streetAddress",
                                        "postalCode", "employeeId", "otherMails", "@odata.type"};
const std::set<std::string> kKnown = {"accountEnabled", "displayName", "mailNickname", "userPrincipalName",
                                      "passwordProfile", "givenName", "surname", "jobTitle", "mail",
                                      "mobilePhone", "officeLocation", "preferredLanguage", "businessPhones"};
}  // namespace

nlohmann::json user_to_json(const User& u) {
  return {{"id", u.object_id},
          {"businessPhones", u.business_phones},
          {"displayName", u.display_name},
          {"givenName", opt(u.given_name)},
          {"jobTitle", opt(u.job_title)},
          {"mail", opt(u.mail)},
          {"mobilePhone", opt(u.mobile_phone)},
          {"officeLocation", opt(u.office_location)},
          {"preferredLanguage", opt(u.preferred_language)},
          {"surname", opt(u.surname)},
          {"userPrincipalName", u.user_principal_name}};
}

UserCreate user_create_from_json(const nlohmann::json& body) {
  using namespace graph_values;
  require_object(body, kResource);
  for (auto it = body.begin(); it != body.end(); ++it)
    if (!kKnown.count(it.key()) && !kIgnored.count(it.key())) throw errors::graph_unknown_property(it.key(), "user");

  UserCreate in;
  User& u = in.user;
  // Spec: graph v1.0 user-post-users: accountEnabled, displayName, mailNickname, passwordProfile
  // and userPrincipalName are required.
  auto enabled = opt_bool(body, "accountEnabled", kResource);
  if (!enabled) throw errors::graph_required_property("accountEnabled");
  u.account_enabled = *enabled;
  u.display_name = required_string(body, "displayName", kResource);
  u.mail_nickname = required_string(body, "mailNickname", kResource);
  u.user_principal_name = required_string(body, "userPrincipalName", kResource);
  auto profile = body.find("passwordProfile");
  if (profile == body.end() || profile->is_null()) throw errors::graph_required_property("passwordProfile.password");
  if (!profile->is_object()) throw errors::graph_invalid_property("passwordProfile", kResource);
  auto password = opt_string(*profile, "password", kResource);
  if (!password || password->empty()) throw errors::graph_required_property("passwordProfile.password");
  in.password = *password;
  opt_bool(*profile, "forceChangePasswordNextSignIn", kResource);  // type-checked; azemu never forces a change

  u.given_name = opt_string(body, "givenName", kResource);
  u.surname = opt_string(body, "surname", kResource);
  u.job_title = opt_string(body, "jobTitle", kResource);
  u.mail = opt_string(body, "mail", kResource);
  u.mobile_phone = opt_string(body, "mobilePhone", kResource);
  u.office_location = opt_string(body, "officeLocation", kResource);
  u.preferred_language = opt_string(body, "preferredLanguage", kResource);
  if (auto phones = opt_strings(body, "businessPhones", kResource)) u.business_phones = *phones;
  return in;
}

}  // namespace azemu::aad
