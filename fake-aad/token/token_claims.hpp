// The claims of the tokens azemu issues, shaped like Entra's: v1 access tokens (what ARM, Graph
// and Key Vault receive), v2 id tokens (what MSAL decodes), and MSAL's client_info. Pure
// functions of their inputs; signing happens in token_service.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace azemu::aad {

/// iat/nbf/exp of one issuance (exp = iat + kAccessTokenLifetime).
struct TokenTimes {
  std::int64_t iat = 0;
  std::int64_t nbf = 0;
  std::int64_t exp = 0;
};

/// Observed: Entra answers expires_in 3599 for a one-hour token; MSAL and azure-core refresh at
/// < 300 s left, so anything well above that works.
inline constexpr std::int64_t kAccessTokenLifetime = 3599;
TokenTimes token_times(std::int64_t now);

/// App-only access token (client_credentials): idtyp "app", appidacr "1", `roles` only when non-empty.
nlohmann::json app_access_claims(const ServicePrincipal& sp, const std::string& resource, const TokenTimes& t,
                                 const std::vector<std::string>& roles = {});

/// Delegated access token: idtyp "user", scp "user_impersonation", amr ["pwd"]; appidacr "1" for
/// confidential clients, "0" for public ones.
nlohmann::json user_access_claims(const User& user, const std::string& client_id, bool confidential,
                                  const std::string& resource, const TokenTimes& t);

/// v2 id token for `client_id` (MSAL checks aud = client id, exp, nbf; the CLI reads tid and
/// preferred_username).
nlohmann::json id_token_claims(const User& user, const std::string& client_id, const TokenTimes& t);

/// base64url({"uid": oid, "utid": tid}): MSAL's home_account_id source.
std::string client_info(const User& user);

/// The v1 issuer: https://sts.windows.net/{tid}/
std::string v1_issuer(const std::string& tenant_id);

}  // namespace azemu::aad
