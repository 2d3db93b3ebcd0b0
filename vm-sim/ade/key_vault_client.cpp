// The dual-pass extension's Key Vault calls. Each failure is logged with its HTTP status and the
// service's error body; tokens, the client secret and the passphrase are never logged.
#include "vm-sim/ade/key_vault_client.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace azemu::vm::ade {

namespace {
constexpr const char* kApiVersion = "2015-06-01";  // hard-coded in KeyVaultUtil

bool ok_status(int status) { return status == 200 || status == 202; }

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// The error part of a Key Vault/Entra answer, short enough for a log line.
std::string error_summary(const HttpResponse& r) {
  std::string body = r.body.size() > 600 ? r.body.substr(0, 600) + "..." : r.body;
  return "HTTP " + std::to_string(r.status) + " " + body;
}
}  // namespace

std::string authorize_uri_from_challenge(const std::string& header) {
  const std::string key = "authorization=\"";
  auto start = header.find(key);
  if (start == std::string::npos) return {};
  start += key.size();
  auto end = header.find('"', start);
  return end == std::string::npos ? std::string() : header.substr(start, end - start);
}

std::string vault_resource_from_url(const std::string& url) {
  auto scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
  std::string netloc = rest.substr(0, rest.find_first_of("/?#"));
  auto at = netloc.rfind("vault");  // greedy ".*" in front: the last occurrence wins
  if (at == std::string::npos) throw KeyVaultFailure("no 'vault' in the Key Vault host " + netloc);
  return scheme + "://" + netloc.substr(at);
}

std::string url_join(const std::string& base, const std::string& segment) {
  auto strip = [](std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
  };
  return strip(base) + "/" + strip(segment);
}

std::string python_quote(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string wrap_request_body(const std::string& algorithm, const std::string& value_b64) {
  return "{\"alg\":\"" + algorithm + "\",\"value\":\"" + value_b64 + "\"}";
}

std::string secret_request_body(const std::string& value, const std::string& algorithm, const std::string& key_file_name) {
  // "enabled" is the STRING "true", exactly as the extension sends it.
  if (algorithm.empty())
    return "{\"value\":" + json_string(value) + ",\"attributes\":{\"enabled\":\"true\"},\"tags\":{\"DiskEncryptionKeyFileName\":" +
           json_string(key_file_name) + "}}";
  return "{\"value\":" + json_string(value) +
         ",\"attributes\":{\"enabled\":\"true\"},\"tags\":{\"DiskEncryptionKeyEncryptionAlgorithm\":" + json_string(algorithm) +
         ",\"DiskEncryptionKeyFileName\":" + json_string(key_file_name) + "}}";
}

std::string KeyVaultClient::create_kek_secret(const std::string& passphrase, const AdeSettings& s,
                                              const std::string& key_file_name) const {
  log_("start creating kek secret");
  std::string passphrase_b64 = text::base64_encode(passphrase);
  // The probe: no token, no api-version; the request line is literally "GET /keys?".
  HttpResponse probe = http_.send("GET", url_join(s.key_vault_url, "keys") + "?", {}, "");
  std::string challenge = probe.header("WWW-Authenticate");
  log_("challenge probe answered HTTP " + std::to_string(probe.status) + ": " + challenge);
  std::string authorize_uri = authorize_uri_from_challenge(challenge);
  if (authorize_uri.empty()) throw KeyVaultFailure("the authorize uri is None (no Bearer challenge from " + s.key_vault_url + ")");
  std::string token = access_token(authorize_uri, vault_resource_from_url(s.key_vault_url), s);
  std::string value = s.kek_url.empty() ? passphrase_b64 : wrap(token, passphrase_b64, s);
  return create_secret(token, s, value, key_file_name);
}

std::string KeyVaultClient::access_token(const std::string& authorize_uri, const std::string& resource,
                                         const AdeSettings& s) const {
  if (s.aad_client_secret.empty() && s.aad_client_cert_thumbprint.empty())
    throw KeyVaultFailure("Missing Credentials.  Either AADClientSecret or AADClientCertThumbprint must be specified");
  if (!s.aad_client_secret.empty() && !s.aad_client_cert_thumbprint.empty())
    throw KeyVaultFailure("Both AADClientSecret and AADClientCertThumbprint were supplied, when only one of these was expected.");
  if (!s.aad_client_cert_thumbprint.empty())
    throw KeyVaultFailure("AADClientCertThumbprint authentication is not supported by azemu's handler");
  log_("getting the access token from " + authorize_uri + " for " + resource);
  // The extension sends this form body without a Content-Type header.
  std::string body = "resource=" + python_quote(resource) + "&client_id=" + s.aad_client_id +
                     "&client_secret=" + python_quote(s.aad_client_secret) + "&grant_type=client_credentials";
  HttpResponse r = http_.send("POST", authorize_uri + "/oauth2/token", {}, body);
  if (!ok_status(r.status)) throw KeyVaultFailure("token request failed: " + error_summary(r));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
    throw KeyVaultFailure("token response without access_token");
  return j["access_token"].get<std::string>();
}

std::string KeyVaultClient::wrap(const std::string& token, const std::string& passphrase_b64, const AdeSettings& s) const {
  log_("encrypting the secret using key: " + s.kek_url);
  HttpResponse r = http_.send("POST", s.kek_url + "/wrapkey?api-version=" + kApiVersion,
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                              wrap_request_body(s.effective_kek_algorithm(), passphrase_b64));
  if (!ok_status(r.status)) throw KeyVaultFailure("wrapkey failed: " + error_summary(r));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("value") || !j["value"].is_string()) throw KeyVaultFailure("wrapkey response without value");
  return j["value"].get<std::string>();
}

std::string KeyVaultClient::create_secret(const std::string& token, const AdeSettings& s, const std::string& value,
                                          const std::string& key_file_name) const {
  std::string uri = url_join(url_join(s.key_vault_url, "secrets"), ids::new_guid());
  log_("secret_keyvault_uri is: " + uri);
  HttpResponse r = http_.send("PUT", uri + "?api-version=" + kApiVersion,
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                              secret_request_body(value, s.effective_kek_algorithm(), key_file_name));
  if (!ok_status(r.status)) throw KeyVaultFailure("set secret failed: " + error_summary(r));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) throw KeyVaultFailure("set secret response without id");
  log_("secret created: " + j["id"].get<std::string>());
  return j["id"].get<std::string>();
}

}  // namespace azemu::vm::ade
