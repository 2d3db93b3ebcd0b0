// Secret semantics; see secret_service.hpp.
#include "fake-keyvault/secrets/secret_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/errors.hpp"
#include "fake-keyvault/secrets/secret_json.hpp"

namespace azemu::kv {

namespace {
std::string value_aad(const std::string& vault, const std::string& name, const std::string& version) {
  return "kv-secret:" + vault + "/" + text::to_lower(name) + "/" + version;
}
constexpr const char* kBackupAad = "azemu-kv-backup:secrets";
}  // namespace

SecretService::SecretService(SecretStore& store, const store::Envelope& envelope)
    : ObjectLifecycle(store, envelope, "secret", kBackupAad) {}

std::string SecretService::value_of(const VaultContext& ctx, const SecretVersion& s) const {
  auto v = envelope_.open(s.sealed_value, value_aad(ctx.vault.name, s.name, s.version));
  if (!v) throw std::runtime_error("secret " + s.name + "/" + s.version + " does not open (master key changed?)");
  return *v;
}

SecretVersion SecretService::set(const VaultContext& ctx, const std::string& name, const SecretSet& in) {
  validate_object_name(name);
  if (in.value.size() > kMaxSecretBytes) throw errors::secret_too_large();
  SecretVersion s;
  s.name = name_for_new_version(ctx, name);
  s.version = new_version();
  s.value = in.value;
  s.content_type = in.content_type;
  s.tags = in.tags;
  s.attributes.created = s.attributes.updated = ctx.now;
  apply_attributes(in.attributes, s.attributes);
  s.sealed_value = envelope_.seal(in.value, value_aad(ctx.vault.name, s.name, s.version));
  store_.add(ctx.vault.name, {s});
  return s;
}

SecretVersion SecretService::get(const VaultContext& ctx, const std::string& name, const std::string& version) {
  SecretVersion s = stored_version(ctx, name, version);
  // Observed (azure-sdk-for-js #24756): 403 Forbidden / SecretDisabled.
  if (!s.attributes.enabled) throw errors::secret_disabled("get");
  s.value = value_of(ctx, s);
  return s;
}

SecretVersion SecretService::update(const VaultContext& ctx, const std::string& name, const std::string& version,
                                    const SecretUpdate& in) {
  SecretVersion s = stored_version(ctx, name, version);
  if (in.content_type) s.content_type = in.content_type;
  apply_attributes(in.attributes, s.attributes);
  if (in.has_tags) s.tags = in.tags;
  s.attributes.updated = ctx.now;
  store_.update(ctx.vault.name, s);
  return s;
}

std::string SecretService::backup(const VaultContext& ctx, const std::string& name) {
  SecretObject o = active(ctx, name);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : store_.versions(ctx.vault.name, name))
    versions.push_back({{"version", v.version}, {"meta", secret_to_meta(v)}, {"value", value_of(ctx, v)}});
  return seal_backup(o, std::move(versions));
}

SecretVersion SecretService::restore(const VaultContext& ctx, const std::string& blob) {
  nlohmann::json doc = open_backup(ctx, blob);
  std::vector<SecretVersion> versions;
  for (const auto& v : doc.at("versions")) {
    SecretVersion s = secret_from_meta(v.at("meta"));
    s.version = v.at("version").get<std::string>();
    s.sealed_value = envelope_.seal(v.at("value").get<std::string>(), value_aad(ctx.vault.name, s.name, s.version));
    versions.push_back(std::move(s));
  }
  store_.add(ctx.vault.name, versions);
  return versions.back();
}

}  // namespace azemu::kv
