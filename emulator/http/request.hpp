// What a handler sees of an HTTP request: method, decoded path, query, headers, body, the host it
// was addressed to (classified once by the pipeline), route parameters and the verified caller.
// Beast stays inside emulator/http/; handlers only see this.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/cloud/hosts.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azemu::http {

struct Request {
  std::string method;        // upper case: "GET"
  std::string target;        // raw request target as sent
  std::string path;          // percent-decoded path without query; "//x" collapsed to "/x"
  std::vector<std::pair<std::string, std::string>> query;     // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;   // names lower case
  std::string body;

  std::string authority;     // Host header as sent ("management.azure.com", "login.azemu.localhost:8443")
  std::string host;          // authority without port, lower case
  std::string port_suffix;   // ":8443" or ""
  cloud::HostInfo host_info;

  std::map<std::string, std::string> params;  // route template values, e.g. {"subscriptionId": "..."}
  std::optional<auth::Principal> principal;   // set by the pipeline when the route authenticates
  std::string request_id;    // x-ms-request-id we answer with
  std::string operation_id;  // the route's Azure operation id (for logs)

  /// First header with this (lower-case) name, or "".
  std::string_view header(std::string_view lower_name) const;
  /// First query parameter with this name (case-insensitive, as ARM treats them), or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& param(const std::string& name) const;
  /// "https://" + authority: the base for absolute URLs we hand out (LRO polling, OIDC documents).
  std::string base_url() const { return "https://" + authority; }
  /// Parses the body as JSON; a body that is not JSON throws AzureError(BadRequest) in `dialect`'s
  /// words via the caller-supplied code.
  nlohmann::json json_body() const;
  /// Parses an application/x-www-form-urlencoded body.
  std::map<std::string, std::string> form() const;
};

/// Fills authority (absolute-form targets only), path and query from a raw request target.
/// Leading "//" in the path collapses to "/" (Python's requests sends "//metadata/endpoints").
void parse_target(Request& r, std::string_view target);

}  // namespace azemu::http
