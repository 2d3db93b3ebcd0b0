// Plain structs for the directory objects stored in aad_* tables: tenants, users, applications,
// service principals and application password credentials. No wire names here (Graph's JSON
// mapping lives in graph/*/_json.cpp) except the opaque graph_properties blobs; times are unix
// seconds.
#pragma once

#include "fake-aad/directory/password_hash.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::aad {

struct Tenant {
  std::string id;  // lower-case GUID
  std::string display_name;
  std::string default_domain;
  std::optional<std::string> default_user_object_id;  // who `azemu approve` signs in as by default
  std::int64_t created = 0;
};

struct User {
  std::string object_id;
  std::string tenant_id;
  std::string user_principal_name;
  std::string display_name;
  std::optional<std::string> given_name;
  std::optional<std::string> surname;
  std::optional<std::string> mail;
  std::optional<std::string> mail_nickname;
  std::optional<std::string> job_title;
  std::optional<std::string> mobile_phone;
  std::optional<std::string> office_location;
  std::optional<std::string> preferred_language;
  std::vector<std::string> business_phones;
  bool account_enabled = true;
  std::optional<PasswordHash> password;  // absent: no password sign-in
  std::int64_t created = 0;
};

struct Application {
  std::string object_id;
  std::string tenant_id;
  std::string app_id;
  std::string display_name;
  std::vector<std::string> identifier_uris;
  std::string sign_in_audience = "AzureADMyOrg";
  /// Graph's complex application properties (web, api, appRoles, keyCredentials, ...) that azemu
  /// stores verbatim but never interprets; wire JSON by nature, validated by graph/applications.
  nlohmann::json graph_properties = nlohmann::json::object();
  std::int64_t created = 0;
};

struct ServicePrincipal {
  std::string object_id;
  std::string tenant_id;
  std::string app_id;
  std::string display_name;
  bool account_enabled = true;
  /// As Application::graph_properties (tags, notes, appRoleAssignmentRequired, ...).
  nlohmann::json graph_properties = nlohmann::json::object();
  std::int64_t created = 0;
};

/// A client secret of an application. Invariant: start_time <= end_time; the secret itself is
/// never stored, only its salted hash and the 3-character hint Graph returns.
struct PasswordCredential {
  std::string key_id;
  std::string app_object_id;
  std::optional<std::string> display_name;
  std::string hint;
  PasswordHash secret;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
  std::int64_t created = 0;
};

}  // namespace azemu::aad
