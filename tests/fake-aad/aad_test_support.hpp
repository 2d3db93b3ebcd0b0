// Helpers shared by the fake-aad tests: form-encoding, posting to the token endpoint of a
// TestStack, and verifying the tokens it returns against the stack's signing key.
#pragma once

#include "tests/support/test_stack.hpp"

#include "emulator/auth/jwt.hpp"
#include "emulator/json/strings.hpp"

#include <initializer_list>
#include <string>
#include <utility>

namespace azemu::testing::aad {

inline std::string form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + text::percent_encode(v);
  return out;
}

inline Response post_form(TestStack& stack, const std::string& url, const std::string& body) {
  return stack.call("POST", url, body, {{"content-type", "application/x-www-form-urlencoded"}});
}

inline std::string token_url(const std::string& tenant) {
  return "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token";
}

inline std::string client_credentials_body(const ports::Seed& s, const std::string& scope) {
  return form({{"grant_type", "client_credentials"}, {"client_id", s.client_id}, {"client_secret", s.client_secret},
               {"scope", scope}, {"client_info", "1"}});
}

inline std::string password_body(const ports::Seed& s, const std::string& scope = "https://management.core.windows.net//.default offline_access openid profile") {
  return form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
               {"username", s.admin_user}, {"password", s.admin_password}, {"scope", scope}, {"client_info", "1"}});
}

/// Verifies signature, time and audience of `token` with the stack's key.
inline auth::VerifyResult verify(TestStack& stack, const std::string& token, const std::string& audience) {
  auth::TokenVerifier v(stack.signing_key(), [](std::string_view) { return true; });
  return v.verify("Bearer " + token, {audience}, stack.clock().now_unix());
}

}  // namespace azemu::testing::aad
