// Helpers shared by the Graph tests: Graph URLs and tokens on a TestStack, and principals other
// than the seeded Global Administrators (a plain user, a plain service principal) made through
// Graph itself, plus a client_credentials login with any appId + secret (v1 or v2 endpoint).
#pragma once

#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace azemu::testing::aad {

inline const std::string kGraph = "https://graph.microsoft.com/v1.0";
inline const std::string kGraphScope = "https://graph.microsoft.com/.default";

inline std::string admin_user_graph_token(TestStack& s) { return s.user_token("https://graph.microsoft.com//.default"); }
inline std::string admin_sp_graph_token(TestStack& s) { return s.sp_token(kGraphScope); }

/// client_credentials at the v2 (scope) or v1 (resource) endpoint; returns the raw response.
inline Response client_credentials(TestStack& s, const std::string& app_id, const std::string& secret, bool v1 = false) {
  const std::string tenant = s.seed().tenant_id;
  if (v1)
    return post_form(s, "https://login.microsoftonline.com/" + tenant + "/oauth2/token",
                     form({{"grant_type", "client_credentials"}, {"client_id", app_id}, {"client_secret", secret},
                           {"resource", "https://graph.microsoft.com/"}}));
  return post_form(s, token_url(tenant),
                   form({{"grant_type", "client_credentials"}, {"client_id", app_id}, {"client_secret", secret},
                         {"scope", kGraphScope}}));
}

/// An application with a secret and a service principal, created by the seeded admin.
struct AppLogin {
  std::string app_object_id, app_id, sp_object_id, secret, key_id;
};
inline AppLogin make_app_with_sp(TestStack& s, const std::string& name) {
  auto token = admin_sp_graph_token(s);
  auto app = s.call_as(token, "POST", kGraph + "/applications", nlohmann::json{{"displayName", name}}.dump());
  REQUIRE(app.status == 201);
  AppLogin out{app.json()["id"], app.json()["appId"], "", "", ""};
  auto pw = s.call_as(token, "POST", kGraph + "/applications/" + out.app_object_id + "/addPassword",
                      R"({"passwordCredential":{"displayName":"t"}})");
  REQUIRE(pw.status == 200);
  out.secret = pw.json()["secretText"];
  out.key_id = pw.json()["keyId"];
  auto sp = s.call_as(token, "POST", kGraph + "/servicePrincipals", nlohmann::json{{"appId", out.app_id}}.dump());
  REQUIRE(sp.status == 201);
  out.sp_object_id = sp.json()["id"];
  return out;
}

/// A Graph token of a service principal that is not a Global Administrator.
inline std::string plain_sp_graph_token(TestStack& s) {
  auto a = make_app_with_sp(s, "plain-sp");
  auto r = client_credentials(s, a.app_id, a.secret);
  REQUIRE(r.status == 200);
  return r.json()["access_token"];
}

/// Creates a user (not an administrator) through Graph and returns its Graph token.
inline std::string plain_user_graph_token(TestStack& s, const std::string& local = "plain") {
  const std::string upn = local + "@" + s.seed().tenant_domain;
  auto created = s.call_as(admin_sp_graph_token(s), "POST", kGraph + "/users",
                           nlohmann::json{{"accountEnabled", true}, {"displayName", local}, {"mailNickname", local},
                                          {"userPrincipalName", upn},
                                          {"passwordProfile", {{"password", "Plain-Passw0rd!"}}}}
                               .dump());
  REQUIRE(created.status == 201);
  auto r = post_form(s, token_url("organizations"),
                     form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                           {"username", upn}, {"password", "Plain-Passw0rd!"}, {"scope", kGraphScope}}));
  REQUIRE(r.status == 200);
  return r.json()["access_token"];
}

}  // namespace azemu::testing::aad
