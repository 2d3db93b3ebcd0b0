// Compact JWS (RS256) tokens: sign claims, and verify signature + time + audience + tenant into a
// Principal. Services never parse tokens; the pipeline calls verify() once per request.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/auth/signing_key.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::auth {

/// header.payload.signature with {"typ":"JWT","alg":"RS256","kid":...,"x5t":...}.
std::string sign_jwt(const nlohmann::json& claims, const SigningKey& key);

/// Decodes the payload without checking anything (for tests and diagnostics only).
nlohmann::json decode_jwt_payload(std::string_view token);

enum class AuthFailure {
  missing,          // no Authorization header / not Bearer
  malformed,        // not three parts, bad base64/JSON
  bad_signature,    // not signed by our key
  expired,          // exp <= now
  not_yet_valid,    // nbf > now
  wrong_audience,   // aud not accepted by this service
  wrong_tenant,     // tid unknown
};

struct VerifyResult {
  bool ok = false;
  AuthFailure failure = AuthFailure::missing;
  Principal principal;  // filled when ok (and partially when the failure is about time/audience)
};

class TokenVerifier {
public:
  TokenVerifier(const SigningKey& key, std::function<bool(std::string_view)> tenant_known)
      : key_(key), tenant_known_(std::move(tenant_known)) {}

  /// `authorization` is the raw header value; audiences are compared ignoring case and a trailing '/'.
  VerifyResult verify(std::string_view authorization, const std::vector<std::string>& audiences,
                      std::int64_t now_unix) const;

private:
  /// Signature check + claim parsing, memoised by token text: clients send the same token for an
  /// hour, and the RSA verify + JSON parse were a visible share of an ARM GET (bench/run.sh).
  /// Time, audience and tenant are still checked on every call.
  std::optional<Principal> decode_verified(std::string_view token, AuthFailure& failure) const;

  const SigningKey& key_;
  std::function<bool(std::string_view)> tenant_known_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, Principal> cache_;
};

/// Normalises an audience or resource for comparison: lower case, no trailing slashes.
std::string normalize_audience(std::string_view aud);

}  // namespace azemu::auth
