// Graph's view of users: the stored User (directory/directory_model.hpp) plus the typed input of
// POST /users, and the wire mapping declared here and defined in user_json.cpp.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::aad {

/// POST /users body. `user` carries everything but ids, tenant and times (the service sets them).
struct UserCreate {
  User user;
  std::string password;  // passwordProfile.password
};

/// Wire form with Graph's default user properties (Spec: graph v1.0 user resource, "default
/// properties": id, businessPhones, displayName, givenName, jobTitle, mail, mobilePhone,
/// officeLocation, preferredLanguage, surname, userPrincipalName).
nlohmann::json user_to_json(const User& u);

/// Strict parse of a POST /users body. Throws errors::graph_required_property,
/// graph_invalid_property, graph_unknown_property.
UserCreate user_create_from_json(const nlohmann::json& body);

}  // namespace azemu::aad
