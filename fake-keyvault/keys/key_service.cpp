// Key semantics; see key_service.hpp.
#include "fake-keyvault/keys/key_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/object_ids.hpp"
#include "fake-keyvault/errors.hpp"
#include "fake-keyvault/keys/crypto_key_ops.hpp"
#include "fake-keyvault/keys/key_json.hpp"

#include <algorithm>

namespace azemu::kv {

namespace {
// Binds sealed material to its row: a blob copied to another key or vault does not open.
std::string material_aad(const std::string& vault, const std::string& name, const std::string& version) {
  return "kv-key:" + vault + "/" + text::to_lower(name) + "/" + version;
}
constexpr const char* kBackupAad = "azemu-kv-backup:keys";

bool is_hsm(const std::string& kty) { return kty == "RSA-HSM" || kty == "EC-HSM"; }
std::string base_kty(const std::string& kty) { return is_hsm(kty) ? kty.substr(0, kty.size() - 4) : kty; }

void check_kty(const VaultContext& ctx, const std::string& kty) {
  if (kty == "oct" || kty == "oct-HSM")
    throw errors::bad_parameter("Key type '" + kty + "' is only supported by Managed HSM.");
  if (kty != "RSA" && kty != "RSA-HSM" && kty != "EC" && kty != "EC-HSM")
    throw errors::bad_parameter("Invalid key type '" + kty + "'.");
  // Observed (azure-sdk-for-net #6551): HSM keys need a premium vault.
  if (is_hsm(kty) && !text::iequals(ctx.vault.sku, "premium")) throw errors::hsm_on_standard_vault();
}

std::vector<std::string> default_ops(const std::string& kty) {
  // Observed: the DeleteKey example's RSA key_ops; EC keys can only sign and verify.
  if (base_kty(kty) == "RSA") return {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"};
  return {"sign", "verify"};
}

const char* op_name(KeyOp op) {
  switch (op) {
    case KeyOp::encrypt: return "encrypt";
    case KeyOp::decrypt: return "decrypt";
    case KeyOp::wrap_key: return "wrapKey";
    case KeyOp::unwrap_key: return "unwrapKey";
    case KeyOp::sign: return "sign";
    case KeyOp::verify: return "verify";
  }
  return "";
}

void check_usable(const KeyVersion& k, KeyOp op, std::int64_t now) {
  const std::string name = op_name(op);
  // Observed (azure-sdk-for-python #45342): a disabled key still encrypts, wraps and verifies
  // (public-key operations) but refuses decrypt, unwrap and sign with 403 KeyDisabled.
  bool private_op = op == KeyOp::decrypt || op == KeyOp::unwrap_key || op == KeyOp::sign;
  if (!k.attributes.enabled && private_op) throw errors::key_disabled(name);
  if (k.attributes.nbf && now < *k.attributes.nbf && op != KeyOp::verify) throw errors::key_not_yet_valid(name);
  // Spec (about-keys-details): after exp a key MUST NOT be used except for decrypt, unwrap and verify.
  bool exp_ok = op == KeyOp::decrypt || op == KeyOp::unwrap_key || op == KeyOp::verify;
  if (k.attributes.exp && now >= *k.attributes.exp && !exp_ok) throw errors::key_expired(name);
  if (std::none_of(k.key_ops.begin(), k.key_ops.end(), [&](const std::string& o) { return text::iequals(o, name); }))
    throw errors::op_not_permitted_by_key(name);
}
}  // namespace

KeyService::KeyService(KeyStore& store, const store::Envelope& envelope)
    : ObjectLifecycle(store, envelope, "key", kBackupAad) {}

KeyVersion KeyService::store_new_version(const VaultContext& ctx, const std::string& name, KeyVersion k,
                                         const std::string& private_der, const nlohmann::json& attributes) {
  validate_object_name(name);
  k.name = name_for_new_version(ctx, name);
  k.version = new_version();
  k.attributes.created = k.attributes.updated = ctx.now;
  apply_attributes(attributes, k.attributes);
  k.sealed_material = envelope_.seal(private_der, material_aad(ctx.vault.name, k.name, k.version));
  store_.add(ctx.vault.name, {k});
  return k;
}

std::string KeyService::material(const VaultContext& ctx, const KeyVersion& k) const {
  auto der = envelope_.open(k.sealed_material, material_aad(ctx.vault.name, k.name, k.version));
  if (!der) throw std::runtime_error("key material of " + k.name + "/" + k.version + " does not open (master key changed?)");
  return *der;
}

KeyVersion KeyService::create(const VaultContext& ctx, const std::string& name, const KeyCreate& in) {
  check_kty(ctx, in.kty);
  crypto::KeyMaterial m = base_kty(in.kty) == "RSA"
                              ? crypto::generate_rsa(in.key_size ? in.key_size : 2048, in.public_exponent)
                              : crypto::generate_ec(in.crv.empty() ? "P-256" : in.crv);
  KeyVersion k;
  k.kty = in.kty;
  k.key_ops = in.key_ops.value_or(default_ops(in.kty));
  k.public_jwk = m.public_jwk;
  k.tags = in.tags;
  return store_new_version(ctx, name, std::move(k), m.private_der, in.attributes);
}

KeyVersion KeyService::import(const VaultContext& ctx, const std::string& name, const KeyImport& in) {
  std::string kty = in.jwk.value("kty", "");
  if (in.hsm && !is_hsm(kty)) kty += "-HSM";
  check_kty(ctx, kty);
  crypto::KeyMaterial m = crypto::import_jwk(base_kty(kty), in.jwk);
  KeyVersion k;
  k.kty = kty;
  k.key_ops = in.jwk.contains("key_ops") ? parse_key_update(in.jwk).key_ops.value() : default_ops(kty);
  k.public_jwk = m.public_jwk;
  k.tags = in.tags;
  return store_new_version(ctx, name, std::move(k), m.private_der, in.attributes);
}

KeyVersion KeyService::get(const VaultContext& ctx, const std::string& name, const std::string& version) {
  return stored_version(ctx, name, version);
}

KeyVersion KeyService::update(const VaultContext& ctx, const std::string& name, const std::string& version,
                              const KeyUpdate& in) {
  KeyVersion k = get(ctx, name, version);
  if (in.key_ops) k.key_ops = *in.key_ops;
  apply_attributes(in.attributes, k.attributes);
  if (in.has_tags) k.tags = in.tags;
  k.attributes.updated = ctx.now;
  store_.update(ctx.vault.name, k);
  return k;
}

std::string KeyService::backup(const VaultContext& ctx, const std::string& name) {
  KeyObject o = active(ctx, name);
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : store_.versions(ctx.vault.name, name))
    versions.push_back({{"version", v.version}, {"meta", key_to_meta(v)},
                        {"der", text::base64_encode(material(ctx, v))}});
  return seal_backup(o, std::move(versions), {{"rotationPolicy", store_.rotation_policy(ctx.vault.name, name)}});
}

KeyVersion KeyService::restore(const VaultContext& ctx, const std::string& blob) {
  nlohmann::json doc = open_backup(ctx, blob);
  std::string name = doc.at("name").get<std::string>();
  std::vector<KeyVersion> versions;
  for (const auto& v : doc.at("versions")) {
    KeyVersion k = key_from_meta(v.at("meta"));
    k.version = v.at("version").get<std::string>();
    if (is_hsm(k.kty)) check_kty(ctx, k.kty);
    k.sealed_material = envelope_.seal(text::base64_decode(v.at("der").get<std::string>()),
                                       material_aad(ctx.vault.name, k.name, k.version));
    versions.push_back(std::move(k));
  }
  store_.add(ctx.vault.name, versions);
  if (!doc["rotationPolicy"].is_null()) store_.set_rotation_policy(ctx.vault.name, name, doc["rotationPolicy"]);
  return versions.back();
}

KeyOperationResult KeyService::operate(const VaultContext& ctx, const std::string& name, const std::string& version,
                                       KeyOp op, const KeyOperationInput& in) {
  KeyVersion k = get(ctx, name, version);
  check_usable(k, op, ctx.now);
  std::string der = material(ctx, k);
  KeyOperationResult r;
  r.kid = object_id(ctx.base, "keys", k.name, k.version);
  r.kty = k.kty;
  switch (op) {
    case KeyOp::encrypt:
    case KeyOp::wrap_key: r.value = crypto::encrypt(der, in.alg, in.value); break;
    case KeyOp::decrypt:
    case KeyOp::unwrap_key: r.value = crypto::decrypt(der, in.alg, in.value); break;
    case KeyOp::sign: r.value = crypto::sign(der, in.alg, in.value); break;
    case KeyOp::verify: r.verified = crypto::verify(der, in.alg, in.digest, in.value); break;
  }
  return r;
}

KeyVersion KeyService::rotate(const VaultContext& ctx, const std::string& name) {
  KeyObject o = active(ctx, name);
  const KeyVersion& cur = o.latest;
  KeyCreate in;
  in.kty = cur.kty;
  if (base_kty(cur.kty) == "RSA") {
    in.key_size = static_cast<int>(text::base64_decode(cur.public_jwk.value("n", "")).size() * 8);
  } else {
    in.crv = cur.public_jwk.value("crv", "P-256");
  }
  in.key_ops = cur.key_ops;
  in.tags = cur.tags;
  KeyVersion k = create(ctx, name, in);
  // Spec: a rotation policy's expiryTime (ISO 8601 duration) sets exp of the new version.
  nlohmann::json policy = store_.rotation_policy(ctx.vault.name, name);
  if (policy.is_object() && policy.contains("attributes") && policy["attributes"].contains("expiryTime")) {
    std::string d = policy["attributes"]["expiryTime"].get<std::string>();
    if (d.size() > 2 && d[0] == 'P' && d.back() == 'D') {
      k.attributes.exp = ctx.now + std::stoll(d.substr(1, d.size() - 2)) * 86400;
      store_.update(ctx.vault.name, k);
    }
  }
  return k;
}

nlohmann::json KeyService::get_rotation_policy(const VaultContext& ctx, const std::string& name) {
  KeyObject o = active(ctx, name);
  nlohmann::json p = store_.rotation_policy(ctx.vault.name, name);
  // Observed: a key without a policy reports the default (notify 30 days before expiry).
  if (p.is_null())
    p = {{"lifetimeActions", {{{"trigger", {{"timeBeforeExpiry", "P30D"}}}, {"action", {{"type", "Notify"}}}}}},
         {"attributes", {{"created", o.latest.attributes.created}, {"updated", o.latest.attributes.created}}}};
  p["id"] = ctx.base + "/keys/" + o.name + "/rotationpolicy";
  return p;
}

nlohmann::json KeyService::set_rotation_policy(const VaultContext& ctx, const std::string& name,
                                               const nlohmann::json& policy) {
  KeyObject o = active(ctx, name);
  if (!policy.is_object()) throw errors::bad_parameter("The rotation policy must be a JSON object.");
  nlohmann::json p = {{"lifetimeActions", policy.value("lifetimeActions", nlohmann::json::array())},
                      {"attributes", policy.value("attributes", nlohmann::json::object())}};
  auto prior = store_.rotation_policy(ctx.vault.name, name);
  p["attributes"]["created"] = prior.is_object() ? prior["attributes"].value("created", ctx.now) : ctx.now;
  p["attributes"]["updated"] = ctx.now;
  store_.set_rotation_policy(ctx.vault.name, o.name, p);
  p["id"] = ctx.base + "/keys/" + o.name + "/rotationpolicy";
  return p;
}

}  // namespace azemu::kv
