// SNI-driven certificate selection; see server_tls.hpp.
#include "emulator/tls/server_tls.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/tls/leaf.hpp"

#include <openssl/ssl.h>

namespace azemu::tls {

namespace {
int fallback_index() {
  static int idx = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr,
                                        [](void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*) {
                                          delete static_cast<std::string*>(ptr);
                                        });
  return idx;
}
}  // namespace

ServerTls::ServerTls(const LocalCa& ca) : ca_(ca), ctx_(boost::asio::ssl::context::tls_server) {
  SSL_CTX* native = ctx_.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_SERVER);
  // A default certificate so a ClientHello without SNI still completes.
  auto def = leaf_for("localhost");
  SSL_CTX_use_certificate(native, def->cert);
  SSL_CTX_use_PrivateKey(native, def->key);
  SSL_CTX_set_tlsext_servername_callback(native, &ServerTls::on_servername);
  SSL_CTX_set_tlsext_servername_arg(native, this);
  fallback_index();
}

void ServerTls::set_fallback_host(SSL* ssl, const std::string& host) {
  SSL_set_ex_data(ssl, fallback_index(), new std::string(host));
}

std::size_t ServerTls::issued() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

std::shared_ptr<Leaf> ServerTls::leaf_for(const std::string& host) {
  std::lock_guard lock(mutex_);
  auto& slot = cache_[host];
  if (!slot) slot = ca_.issue(host);
  return slot;
}

int ServerTls::on_servername(SSL* ssl, int*, void* arg) {
  auto* self = static_cast<ServerTls*>(arg);
  const char* sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  std::string host;
  if (sni && *sni) host = text::to_lower(sni);
  else if (auto* fb = static_cast<std::string*>(SSL_get_ex_data(ssl, fallback_index()))) host = *fb;
  if (host.empty()) return SSL_TLSEXT_ERR_OK;  // keep the default certificate
  auto leaf = self->leaf_for(host);
  SSL_use_certificate(ssl, leaf->cert);
  SSL_use_PrivateKey(ssl, leaf->key);
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace azemu::tls
