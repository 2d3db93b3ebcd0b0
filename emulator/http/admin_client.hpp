// A blocking plain-HTTP client for the control API (/_azemu/...) of a running azemu, used by the
// `azemu time|faults|metrics` subcommands. Plain HTTP on the listen address: no CA needed.
#pragma once

#include <string>

namespace azemu::http {

struct AdminResponse {
  int status = 0;
  std::string body;
};

/// Sends one request and reads the answer; `admin_token` (azemu start --admin-token) goes in
/// `Authorization: Bearer` when not empty. Throws std::runtime_error when azemu is not reachable.
AdminResponse admin_request(const std::string& host, const std::string& port, const std::string& method,
                            const std::string& target, const std::string& json_body = "",
                            const std::string& admin_token = "");

}  // namespace azemu::http
