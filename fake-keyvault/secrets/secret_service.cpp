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

SecretObject SecretService::active(const VaultContext& ctx, const std::string& name) {
  store_.sweep(ctx.vault.name, ctx.now);
  auto o = store_.find(ctx.vault.name, name);
  if (!o || o->deleted_date) throw errors::object_not_found("secret", name);
  return *o;
}

SecretVersion SecretService::stored_version(const VaultContext& ctx, const std::string& name,
                                            const std::string& version) {
  active(ctx, name);
  auto v = store_.version(ctx.vault.name, name, version);
  if (!v) throw errors::object_not_found("secret", version.empty() ? name : name + "/" + version);
  return *v;
}

std::string SecretService::value_of(const VaultContext& ctx, const SecretVersion& s) const {
  auto v = envelope_.open(s.sealed_value, value_aad(ctx.vault.name, s.name, s.version));
  if (!v) throw std::runtime_error("secret " + s.name + "/" + s.version + " does not open (master key changed?)");
  return *v;
}

SecretVersion SecretService::set(const VaultContext& ctx, const std::string& name, const SecretSet& in) {
  validate_object_name(name);
  if (in.value.size() > kMaxSecretBytes) throw errors::secret_too_large();
  store_.sweep(ctx.vault.name, ctx.now);
  auto existing = store_.find(ctx.vault.name, name);
  if (existing && existing->deleted_date) throw errors::deleted_but_recoverable("Secret", existing->name);
  SecretVersion s;
  s.name = existing ? existing->name : name;
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

std::vector<SecretVersion> SecretService::list(const VaultContext& ctx) {
  store_.sweep(ctx.vault.name, ctx.now);
  std::vector<SecretVersion> out;
  for (auto& o : store_.list(ctx.vault.name, false)) out.push_back(std::move(o.latest));
  return out;
}

std::vector<SecretVersion> SecretService::list_versions(const VaultContext& ctx, const std::string& name) {
  active(ctx, name);
  return store_.versions(ctx.vault.name, name);
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

SecretObject SecretService::remove(const VaultContext& ctx, const std::string& name) {
  SecretObject o = active(ctx, name);
  o.deleted_date = ctx.now;
  o.scheduled_purge = ctx.now + std::int64_t{86400} * ctx.vault.soft_delete_retention_days;
  store_.set_deleted(ctx.vault.name, name, o.deleted_date, o.scheduled_purge);
  return o;
}

SecretObject SecretService::get_deleted(const VaultContext& ctx, const std::string& name) {
  store_.sweep(ctx.vault.name, ctx.now);
  auto o = store_.find(ctx.vault.name, name);
  if (!o || !o->deleted_date) throw errors::deleted_not_found("secret", name);
  return *o;
}

std::vector<SecretObject> SecretService::list_deleted(const VaultContext& ctx) {
  store_.sweep(ctx.vault.name, ctx.now);
  return store_.list(ctx.vault.name, true);
}

SecretVersion SecretService::recover(const VaultContext& ctx, const std::string& name) {
  SecretObject o = get_deleted(ctx, name);
  store_.set_deleted(ctx.vault.name, name, std::nullopt, std::nullopt);
  return o.latest;
}

void SecretService::purge(const VaultContext& ctx, const std::string& name) {
  get_deleted(ctx, name);
  if (ctx.vault.purge_protection) throw errors::purge_protected();
  store_.purge(ctx.vault.name, name);
}

std::string SecretService::backup(const VaultContext& ctx, const std::string& name) {
  SecretObject o = active(ctx, name);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : store_.versions(ctx.vault.name, name))
    versions.push_back({{"version", v.version}, {"meta", secret_to_meta(v)}, {"value", value_of(ctx, v)}});
  nlohmann::json doc = {{"kind", "secret"}, {"name", o.name}, {"versions", versions}};
  return text::base64url_encode(envelope_.seal(doc.dump(), kBackupAad));
}

SecretVersion SecretService::restore(const VaultContext& ctx, const std::string& blob) {
  std::optional<std::string> plain;
  try {
    plain = envelope_.open(text::base64_decode(blob), kBackupAad);
  } catch (const std::invalid_argument&) {
  }
  if (!plain) throw errors::bad_backup();
  nlohmann::json doc = nlohmann::json::parse(*plain);
  std::string name = doc.at("name").get<std::string>();
  store_.sweep(ctx.vault.name, ctx.now);
  if (auto existing = store_.find(ctx.vault.name, name)) {
    if (existing->deleted_date) throw errors::deleted_but_recoverable("Secret", existing->name);
    throw errors::already_exists("secret", existing->name);
  }
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
