// A small blocking HTTPS/1.1 client for the ADE handler: one request per connection (as the
// extension's HttpUtil does), tunnelled through an HTTP CONNECT proxy, the server certificate
// verified against a CA file and the URL's host name. Not a general client: no redirects, no
// keep-alive, no compression. Runs in the guest's handler process, never in azemu.
#pragma once

#include "vm-sim/ade/proxy_config.hpp"

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace azemu::vm::ade {

struct HttpsUrl {
  std::string host;       // lower case as given
  std::string authority;  // host[:port] as written in the URL (CONNECT target and Host header)
  std::string target;     // path and query, at least "/"
};

/// Parses an https:// URL; throws std::invalid_argument for anything else.
HttpsUrl parse_https_url(const std::string& url);

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// First header with that name (case-insensitive), "" when absent.
  std::string header(const std::string& name) const;
};

/// Network, proxy or TLS failure (no HTTP status was received).
struct HttpsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class HttpsClient {
 public:
  explicit HttpsClient(ProxyConfig config, std::chrono::seconds timeout = std::chrono::seconds(60))
      : config_(std::move(config)), timeout_(timeout) {}

  /// Sends one request and reads the whole answer. `headers` are added to Host, Content-Length
  /// and Connection: close. Throws HttpsError; any HTTP status is a normal result.
  HttpResponse send(const std::string& method, const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) const;

 private:
  ProxyConfig config_;
  std::chrono::seconds timeout_;
};

/// Parses a raw HTTP/1.1 response (status line, headers, body with Content-Length, chunked or
/// read-to-close). Exposed for tests; throws HttpsError when malformed.
HttpResponse parse_http_response(const std::string& raw);

}  // namespace azemu::vm::ade
