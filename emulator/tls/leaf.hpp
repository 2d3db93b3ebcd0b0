// An issued server certificate and its key. Internal to emulator/tls (OpenSSL types).
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace azemu::tls {

struct Leaf {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  Leaf() = default;
  Leaf(const Leaf&) = delete;
  ~Leaf();
};

}  // namespace azemu::tls
