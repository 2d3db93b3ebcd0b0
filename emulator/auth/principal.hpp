// Who is calling: the verified claims of a bearer token, reduced to what services decide on.
// Built by the pipeline only (from a verified token); services read it, never construct it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::auth {

enum class PrincipalKind { user, app };

struct Principal {
  PrincipalKind kind = PrincipalKind::app;
  std::string tenant_id;   // tid
  std::string object_id;   // oid
  std::string app_id;      // appid / azp: the client the token was issued to
  std::string upn;         // users only
  std::string audience;    // aud
  std::vector<std::string> scopes;  // scp (delegated)
  std::vector<std::string> roles;   // roles (app)
  std::int64_t expires_at = 0;
  nlohmann::json claims;   // everything, for the rare service that needs more
};

}  // namespace azemu::auth
