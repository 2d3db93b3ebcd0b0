// Graph token failure answers; see graph_auth_policy.hpp. Messages observed from
// graph.microsoft.com (microsoft-graph-docs and msgraph-sdk issue threads).
#include "fake-aad/graph/graph_auth_policy.hpp"

#include "fake-aad/errors.hpp"

namespace azemu::aad {

namespace {
std::string message_for(auth::AuthFailure f) {
  switch (f) {
    case auth::AuthFailure::missing: return "Access token is empty.";
    case auth::AuthFailure::malformed: return "Invalid JWT token. The token is not in JWS Compact Serialization Format.";
    case auth::AuthFailure::bad_signature: return "Access token validation failure. Invalid signature.";
    case auth::AuthFailure::expired: return "Lifetime validation failed, the token is expired.";
    case auth::AuthFailure::not_yet_valid: return "Lifetime validation failed, the token is not yet valid.";
    case auth::AuthFailure::wrong_audience: return "Access token validation failure. Invalid audience.";
    case auth::AuthFailure::wrong_tenant: return "Access token validation failure. Invalid issuer.";
  }
  return "Access token validation failure.";
}
}  // namespace

std::shared_ptr<const http::AuthPolicy> graph_auth_policy(const cloud::HostNames& names) {
  auto policy = std::make_shared<http::AuthPolicy>();
  policy->audiences = [&names](const http::Request& req) { return names.graph_audiences(req.port_suffix); };
  policy->on_failure = [&names](auth::AuthFailure f, const auth::VerifyResult&, const http::Request& req) {
    // Observed challenge of graph.microsoft.com; in cloud mode the authority is azemu's login host.
    std::string login = req.host == cloud::kGraphHost ? "https://" + std::string(cloud::kLoginHost)
                                                      : "https://login." + names.cloud_base() + req.port_suffix;
    AzureError e = errors::graph_invalid_token(message_for(f));
    e.with_header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + login +
                                          "/common/oauth2/authorize\", client_id=\"" +
                                          std::string(cloud::kGraphAppId) + "\"");
    return e;
  };
  return policy;
}

}  // namespace azemu::aad
