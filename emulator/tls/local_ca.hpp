// azemu's certificate authority: created on first start in the data dir (ca.pem, ca-key.pem 0600)
// and used to issue a leaf certificate for every host name a client asks for (SNI), on demand.
// Clients trust ca.pem (or ca-bundle.pem = system CAs + ca.pem) through REQUESTS_CA_BUNDLE /
// NODE_EXTRA_CA_CERTS. Does not decide which names are served (cloud/hosts does).
#pragma once

#include <memory>
#include <string>

namespace azemu::tls {

struct Leaf;  // an issued certificate + key (OpenSSL objects, opaque here)

class LocalCa {
public:
  /// Loads <dir>/ca.pem + <dir>/ca-key.pem, creating both if absent.
  static LocalCa load_or_create(const std::string& dir);
  ~LocalCa();
  LocalCa(LocalCa&&) noexcept;

  const std::string& cert_pem() const { return cert_pem_; }
  const std::string& cert_path() const { return cert_path_; }
  /// A fresh leaf for `host` (DNS or IP SAN), valid for a year, signed by this CA.
  std::shared_ptr<Leaf> issue(const std::string& host) const;

private:
  struct Impl;
  explicit LocalCa(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string cert_pem_;
  std::string cert_path_;
};

/// Writes <dir>/ca-bundle.pem = the system CA bundle (if present) followed by the azemu CA.
std::string write_ca_bundle(const std::string& dir, const LocalCa& ca);

}  // namespace azemu::tls
