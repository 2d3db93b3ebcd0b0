// The server-side TLS context: TLS 1.2+, and an SNI callback that presents a leaf certificate for
// the requested host (issued by LocalCa on first use, then cached). A connection that arrived
// through CONNECT and sends no SNI gets the CONNECT host's certificate (set_fallback_host).
#pragma once

#include "emulator/tls/local_ca.hpp"

#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

typedef struct ssl_st SSL;

namespace azemu::tls {

class ServerTls {
public:
  explicit ServerTls(const LocalCa& ca);
  boost::asio::ssl::context& context() { return ctx_; }

  /// Host to use when the ClientHello has no SNI (per SSL object).
  static void set_fallback_host(SSL* ssl, const std::string& host);
  /// Number of leaves issued so far (metrics, tests).
  std::size_t issued() const;

private:
  static int on_servername(SSL* ssl, int* alert, void* arg);
  std::shared_ptr<Leaf> leaf_for(const std::string& host);

  const LocalCa& ca_;
  boost::asio::ssl::context ctx_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Leaf>> cache_;
};

}  // namespace azemu::tls
