// The dual-pass extension's Key Vault conversation (KeyVaultUtil.create_kek_secret), byte for byte
// where it matters to a server: the unauthenticated `GET /keys?` probe for the 401 challenge, a v1
// client-credentials token from the challenge's authority, `POST <kek>/wrapkey?api-version=2015-06-01`
// with a hand-built body, and `PUT /secrets/<uuid4>?api-version=2015-06-01` with ADE's two tags and
// no contentType (research/ade.md §1.3). Certificate credentials (AADClientCertThumbprint) are not
// supported: the CLI path under test uses a client secret.
#pragma once

#include "vm-sim/ade/crypto_https_client.hpp"
#include "vm-sim/ade/extension_settings.hpp"

#include <functional>
#include <stdexcept>
#include <string>

namespace azemu::vm::ade {

/// Why create_kek_secret returned nothing. ADE reports only "Enable failed." (code 13); the detail
/// (HTTP status and the service's error body, never a secret) goes to the handler log.
struct KeyVaultFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using LogFn = std::function<void(const std::string&)>;

class KeyVaultClient {
 public:
  KeyVaultClient(const HttpsClient& http, LogFn log) : http_(http), log_(std::move(log)) {}

  /// Wraps `passphrase` with the KEK (when KeyEncryptionKeyURL is set) and stores it as a new secret
  /// named by a random GUID. Returns the versioned secret id. Throws KeyVaultFailure or HttpsError.
  std::string create_kek_secret(const std::string& passphrase, const AdeSettings& settings,
                                const std::string& key_file_name) const;

 private:
  std::string access_token(const std::string& authorize_uri, const std::string& resource, const AdeSettings& s) const;
  std::string wrap(const std::string& token, const std::string& passphrase_b64, const AdeSettings& s) const;
  std::string create_secret(const std::string& token, const AdeSettings& s, const std::string& value,
                            const std::string& key_file_name) const;

  const HttpsClient& http_;
  LogFn log_;
};

// The pieces below are pure and unit-tested.

/// Text between `authorization="` and the next `"` of a WWW-Authenticate header; "" when absent.
std::string authorize_uri_from_challenge(const std::string& www_authenticate);
/// "https://" + the host from its LAST "vault" on (re.findall(r".*(vault.*)", netloc)[0]):
/// https://kv.vault.azure.net -> https://vault.azure.net. Throws KeyVaultFailure without "vault".
std::string vault_resource_from_url(const std::string& key_vault_url);
/// urljoin of the extension: arguments joined by "/", trailing slashes of each stripped.
std::string url_join(const std::string& base, const std::string& segment);
/// Python 2 urllib.quote (safe="/").
std::string python_quote(const std::string& s);
/// Version 2015-06-01 request bodies, built by hand as the extension builds them.
std::string wrap_request_body(const std::string& algorithm, const std::string& value_b64);
std::string secret_request_body(const std::string& value, const std::string& algorithm, const std::string& key_file_name);

}  // namespace azemu::vm::ade
