// See platform_key_vault.hpp.
#include "fake-keyvault/platform/platform_key_vault.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/audit_record.hpp"
#include "emulator/store/crypto_envelope.hpp"
#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/keys/key_service.hpp"
#include "fake-keyvault/keys/key_store.hpp"
#include "fake-keyvault/secrets/secret_service.hpp"
#include "fake-keyvault/secrets/secret_store.hpp"

#include <chrono>
#include <functional>

namespace azemu::kv {

namespace {

/// "https://v.vault.azure.net/secrets/name/version" split into its parts.
struct ObjectUrl {
  std::string base;        // "https://v.vault.azure.net" (port kept)
  std::string vault_name;  // "v"
  std::string collection;  // "secrets" | "keys"
  std::string name;
  std::string version;     // may be empty
};

ObjectUrl parse_object_url(const std::string& url, const char* expected) {
  ObjectUrl u;
  const std::string scheme = "https://";
  if (!text::istarts_with(url, scheme)) throw ports::PlatformVaultError("BadParameter", "'" + url + "' is not an https Key Vault URL");
  std::size_t host_end = url.find('/', scheme.size());
  u.base = url.substr(0, host_end);
  std::string host = url.substr(scheme.size(), host_end == std::string::npos ? std::string::npos : host_end - scheme.size());
  u.vault_name = text::to_lower(host.substr(0, host.find('.')));
  std::vector<std::string> parts;
  if (host_end != std::string::npos) {
    std::string path = url.substr(host_end + 1);
    path = path.substr(0, path.find('?'));
    std::size_t start = 0;
    while (start <= path.size()) {
      std::size_t slash = path.find('/', start);
      std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (!part.empty()) parts.push_back(part);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  if (parts.size() < 2 || parts.size() > 3 || !text::iequals(parts[0], expected))
    throw ports::PlatformVaultError("BadParameter", "'" + url + "' is not a Key Vault " + std::string(expected) + " URL");
  u.collection = expected;
  u.name = parts[1];
  if (parts.size() == 3) u.version = parts[2];
  return u;
}

class PlatformKeyVaultImpl final : public ports::PlatformKeyVault {
public:
  explicit PlatformKeyVaultImpl(KvDeps& deps)
      : deps_(deps), envelope_(deps.master_key), key_store_(deps.db), keys_(key_store_, envelope_),
        secret_store_(deps.db), secrets_(secret_store_, envelope_) {}

  ports::PlatformSecret get_secret(const std::string& secret_url) override {
    ObjectUrl u = parse_object_url(secret_url, "secrets");
    ports::PlatformSecret out;
    call(u, "GET", secret_url, "SecretGet", [&](VaultContext& ctx) {
      SecretVersion s = secrets_.get(ctx, u.name, u.version);
      out.id = object_id(ctx.base, "secrets", s.name, s.version);
      out.value = s.value;
      out.content_type = s.content_type.value_or("");
      if (s.tags.is_object())
        for (auto& [k, v] : s.tags.items())
          if (v.is_string()) out.tags[k] = v.get<std::string>();
      ctx.audit_object_id = out.id;
      ctx.audit_properties["secretProperties"] = {{"attributes", {{"enabled", s.attributes.enabled}}}};
    });
    return out;
  }

  std::string unwrap_key(const std::string& key_url, const std::string& algorithm, const std::string& wrapped) override {
    ObjectUrl u = parse_object_url(key_url, "keys");
    std::string plain;
    call(u, "POST", key_url + "/unwrapkey", "KeyUnwrap", [&](VaultContext& ctx) {
      // ADE stores the wrap output as base64url; base64_decode takes either alphabet.
      std::string cipher;
      try {
        cipher = text::base64_decode(wrapped);
      } catch (const std::invalid_argument&) {
        throw ports::PlatformVaultError("BadParameter", "the secret's value is not the base64url of a wrapped key");
      }
      auto r = keys_.operate(ctx, u.name, u.version, KeyOp::unwrap_key, {algorithm, cipher, ""});
      plain = r.value;
      audit_key(ctx, r, algorithm);
    });
    return plain;
  }

  std::string wrap_key(const std::string& key_url, const std::string& algorithm, const std::string& plaintext) override {
    ObjectUrl u = parse_object_url(key_url, "keys");
    std::string wrapped;
    call(u, "POST", key_url + "/wrapkey", "KeyWrap", [&](VaultContext& ctx) {
      auto r = keys_.operate(ctx, u.name, u.version, KeyOp::wrap_key, {algorithm, plaintext, ""});
      wrapped = text::base64url_encode(r.value);
      audit_key(ctx, r, algorithm);
    });
    return wrapped;
  }

  std::string set_secret(const std::string& vault_url, const std::string& name, const std::string& value,
                         const std::string& content_type, const std::map<std::string, std::string>& tags) override {
    ObjectUrl u = parse_object_url(vault_url + "/secrets/" + name, "secrets");
    std::string id;
    call(u, "PUT", vault_url + "/secrets/" + name, "SecretSet", [&](VaultContext& ctx) {
      SecretSet in;
      in.value = value;
      if (!content_type.empty()) in.content_type = content_type;
      in.attributes = nlohmann::json::object();
      in.tags = nlohmann::json::object();
      for (const auto& [k, v] : tags) in.tags[k] = v;
      SecretVersion s = secrets_.set(ctx, name, in);
      id = object_id(ctx.base, "secrets", s.name, s.version);
      ctx.audit_object_id = id;
      ctx.audit_properties["secretProperties"] = {{"attributes", {{"enabled", s.attributes.enabled}}}};
      if (s.content_type) ctx.audit_properties["secretProperties"]["contentType"] = *s.content_type;
    });
    return id;
  }

private:
  static void audit_key(VaultContext& ctx, const KeyOperationResult& r, const std::string& algorithm) {
    ctx.audit_object_id = r.kid;
    ctx.audit_properties["keyProperties"] = {{"type", r.kty}, {"version", r.kid.substr(r.kid.rfind('/') + 1)}};
    ctx.audit_properties["algorithm"] = algorithm;
  }

  /// Runs `body` as the platform against the vault `u` names, and audits it whatever the outcome.
  void call(const ObjectUrl& u, const char* method, const std::string& url, const char* operation,
            const std::function<void(VaultContext&)>& body) {
    const auto started = std::chrono::steady_clock::now();
    http::Request req;  // what the audit record reads: there is no HTTP request, the platform calls in-process
    req.method = method;
    req.target = url + (url.find('?') == std::string::npos ? "?api-version=" : "&api-version=") + kPlatformApiVersion;
    req.host_info.vault_name = u.vault_name;
    req.headers.emplace_back("user-agent", ports::kPlatformName);
    req.request_id = ids::new_guid();
    VaultContext ctx;
    auto vault = deps_.vaults.find(u.vault_name);
    auth::Principal platform;
    platform.tenant_id = vault ? vault->tenant_id : "";
    platform.object_id = ports::kPlatformObjectId;
    platform.app_id = ports::kPlatformAppId;
    std::optional<bool> allowed;
    auto audit = [&](int status) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      record_audit(deps_, req, vault ? &*vault : nullptr, operation, status, &platform, allowed, false,
                   ctx.audit_object_id, ctx.audit_properties, ms);
    };
    try {
      if (!vault) throw ports::PlatformVaultError("VaultNotFound", "The vault '" + u.vault_name + "' does not exist.");
      allowed = vault->enabled_for_disk_encryption;
      if (!vault->enabled_for_disk_encryption)
        throw ports::PlatformVaultError(
            "Forbidden", "Key Vault " + url.substr(0, url.find('?')) +
                             " either has not been enabled for Volume Encryption or the vault id provided does not match " +
                             vault->resource_id + "'s true resource id.");
      ctx.vault = *vault;
      ctx.base = u.base;
      ctx.api_version = kPlatformApiVersion;
      ctx.principal = &platform;
      ctx.now = deps_.clock.now_unix();
      body(ctx);
      audit(200);
    } catch (const ports::PlatformVaultError& e) {
      audit(e.code == "VaultNotFound" ? 404 : e.code == "BadParameter" ? 400 : 403);
      throw;
    } catch (const AzureError& e) {
      audit(e.status_override() ? e.status_override() : http_status(e.kind()));
      throw ports::PlatformVaultError(e.code(), e.message());
    } catch (const std::exception& e) {
      audit(500);
      throw ports::PlatformVaultError("InternalError", e.what());
    }
  }

  static constexpr const char* kPlatformApiVersion = "2016-10-01";

  KvDeps& deps_;
  store::Envelope envelope_;
  KeyStore key_store_;
  KeyService keys_;
  SecretStore secret_store_;
  SecretService secrets_;
};

}  // namespace

std::unique_ptr<ports::PlatformKeyVault> make_platform_key_vault(KvDeps& deps) {
  return std::make_unique<PlatformKeyVaultImpl>(deps);
}

}  // namespace azemu::kv
