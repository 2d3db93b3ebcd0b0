// See platform_key_vault.hpp.
#include "fake-keyvault/platform/platform_key_vault.hpp"

#include "emulator/cloud/vault_object_url.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/audited_route.hpp"
#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/errors.hpp"

#include <functional>

namespace azemu::kv {

namespace {

/// A key or secret URL handed to the platform: <collection>/<name>[/<version>] exactly.
cloud::VaultObjectUrl object_url(const std::string& url, const char* collection) {
  auto u = cloud::parse_vault_object_url(url);
  if (!u) throw ports::PlatformVaultError("BadParameter", "'" + url + "' is not an https Key Vault URL");
  if (u->collection != collection || u->rest.size() > 1)
    throw ports::PlatformVaultError("BadParameter", "'" + url + "' is not a Key Vault " + std::string(collection) + " URL");
  return *u;
}
std::string version_of(const cloud::VaultObjectUrl& u) { return u.rest.empty() ? "" : u.rest[0]; }

class PlatformKeyVaultImpl final : public ports::PlatformKeyVault {
public:
  explicit PlatformKeyVaultImpl(DataPlane& plane) : plane_(plane) {}

  ports::PlatformSecret get_secret(const std::string& secret_url) override {
    auto u = object_url(secret_url, "secrets");
    ports::PlatformSecret out;
    call(u, secret_url, "SecretGet", [&](VaultContext& ctx) {
      SecretVersion s = plane_.secrets.get(ctx, u.name, version_of(u));
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
    auto u = object_url(key_url, "keys");
    std::string plain;
    call(u, key_url + "/unwrapkey", "KeyUnwrap", [&](VaultContext& ctx) {
      // ADE stores the wrap output as base64url; base64_decode takes either alphabet.
      std::string cipher;
      try {
        cipher = text::base64_decode(wrapped);
      } catch (const std::invalid_argument&) {
        throw errors::bad_parameter("the secret's value is not the base64url of a wrapped key");
      }
      auto r = plane_.keys.operate(ctx, u.name, version_of(u), KeyOp::unwrap_key, {algorithm, cipher, ""});
      plain = r.value;
      audit_key(ctx, r, algorithm);
    });
    return plain;
  }

  std::string wrap_key(const std::string& key_url, const std::string& algorithm, const std::string& plaintext) override {
    auto u = object_url(key_url, "keys");
    std::string wrapped;
    call(u, key_url + "/wrapkey", "KeyWrap", [&](VaultContext& ctx) {
      auto r = plane_.keys.operate(ctx, u.name, version_of(u), KeyOp::wrap_key, {algorithm, plaintext, ""});
      wrapped = text::base64url_encode(r.value);
      audit_key(ctx, r, algorithm);
    });
    return wrapped;
  }

  std::string set_secret(const std::string& vault_url, const std::string& name, const std::string& value,
                         const std::string& content_type, const std::map<std::string, std::string>& tags) override {
    const std::string url = vault_url + "/secrets/" + name;
    auto u = object_url(url, "secrets");
    std::string id;
    call(u, url, "SecretSet", [&](VaultContext& ctx) {
      SecretSet in;
      in.value = value;
      if (!content_type.empty()) in.content_type = content_type;
      in.attributes = nlohmann::json::object();
      in.tags = nlohmann::json::object();
      for (const auto& [k, v] : tags) in.tags[k] = v;
      SecretVersion s = plane_.secrets.set(ctx, name, in);
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

  /// Runs `body` as the platform in the vault `u` names, through the routes' wrapper (so audited whatever the
  /// outcome), and hands any refusal back as a PlatformVaultError with the vault's code and message.
  void call(const cloud::VaultObjectUrl& u, const std::string& url, const char* operation,
            const std::function<void(VaultContext&)>& body) {
    const bool writes = std::string(operation) == "SecretSet";
    auth::Principal platform;
    platform.object_id = ports::kPlatformObjectId;
    platform.app_id = ports::kPlatformAppId;
    audit::KeyVaultCall row;  // an in-process call: no HTTP request, the row says what the platform asked
    row.operation = operation;
    row.vault_name = u.vault;
    row.api_version = kPlatformApiVersion;
    row.request_uri = url + (url.find('?') == std::string::npos ? "?api-version=" : "&api-version=") + kPlatformApiVersion;
    row.client_info = ports::kPlatformName;
    row.correlation_id = ids::new_guid();
    row.caller = &platform;
    auto admit = [&](const ports::VaultInfo& vault, audit::KeyVaultCall& r) {
      platform.tenant_id = vault.tenant_id;
      r.policy_match = vault.enabled_for_disk_encryption;
      if (!vault.enabled_for_disk_encryption)
        throw AzureError(ErrorKind::Forbidden, "Forbidden",
                         "Key Vault " + url.substr(0, url.find('?')) +
                             " either has not been enabled for Volume Encryption or the vault id provided does not "
                             "match " + vault.resource_id + "'s true resource id.");
    };
    try {
      http::Reply done = run_audited(plane_.deps, std::move(row), u.base, writes, admit, [&](VaultContext& ctx) {
        body(ctx);
        return http::Reply{};
      });
      if (done.durable_after) done.durable_after->wait();  // the platform's call returns with its row committed
    } catch (const AzureError& e) {
      throw ports::PlatformVaultError(e.code(), e.message());
    } catch (const ports::PlatformVaultError&) {
      throw;
    } catch (const std::exception& e) {
      throw ports::PlatformVaultError("InternalError", e.what());
    }
  }

  static constexpr const char* kPlatformApiVersion = "2016-10-01";

  DataPlane& plane_;
};

}  // namespace

std::unique_ptr<ports::PlatformKeyVault> make_platform_key_vault(DataPlane& plane) {
  return std::make_unique<PlatformKeyVaultImpl>(plane);
}

}  // namespace azemu::kv
