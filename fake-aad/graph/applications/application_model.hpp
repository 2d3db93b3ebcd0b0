// Graph's view of applications and their password credentials: typed inputs of POST/PATCH
// /applications and addPassword/removePassword, and the wire mapping (application_json.cpp).
// The stored structs are Application and PasswordCredential in directory/directory_model.hpp.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::aad {

/// POST (all of it) or PATCH (only what is present) body of /applications.
struct ApplicationInput {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> identifier_uris;
  std::optional<std::string> sign_in_audience;
  nlohmann::json graph_properties = nlohmann::json::object();  // only the keys the body sent
};

/// addPassword's passwordCredential; absent times default in the service.
struct PasswordInput {
  std::optional<std::string> display_name;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
};

/// A credential as addPassword returns it: the only time the secret leaves azemu.
struct NewPassword {
  PasswordCredential credential;
  std::string secret_text;
};

/// Wire form (Spec: graph v1.0 application resource) with `publisher_domain` of the tenant.
nlohmann::json application_to_json(const Application& a, const std::vector<PasswordCredential>& passwords,
                                   const std::string& publisher_domain);
/// {customKeyIdentifier, displayName, endDateTime, hint, keyId, secretText, startDateTime};
/// secretText is null unless `secret_text` is given.
nlohmann::json password_credential_to_json(const PasswordCredential& c,
                                           const std::optional<std::string>& secret_text = std::nullopt);

/// Strict parse of a POST/PATCH body. Throws errors::graph_invalid_property, graph_unknown_property.
ApplicationInput application_input_from_json(const nlohmann::json& body);
/// {"passwordCredential": {displayName?, startDateTime?, endDateTime?}} (the wrapper may be absent).
PasswordInput password_input_from_json(const nlohmann::json& body);
/// {"keyId": "<guid>"}. Throws errors::graph_required_property / graph_invalid_property.
std::string remove_password_key_from_json(const nlohmann::json& body);

}  // namespace azemu::aad
