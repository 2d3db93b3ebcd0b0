// The lifecycle every Key Vault object type shares, written once over its store (KeyStore, SecretStore): live
// lookups, lists, the name rules of a new version, soft delete (delete with the vault's retention, get/list
// deleted, recover, purge unless the vault has purge protection; the store's sweep purges what passed its
// scheduled date, ade.md §2.7) and the sealed backup blob. Spec: keys.json / secrets.json Delete*, GetDeleted*,
// Recover*, Purge*, Backup*, Restore*. KeyService and SecretService derive from it and add what is theirs (key
// material and crypto; secret values).
#pragma once

#include "emulator/json/strings.hpp"
#include "emulator/store/crypto_envelope.hpp"
#include "emulator/store/generation_cache.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/errors.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::kv {

/// `Store` offers find/version/versions/list/set_deleted/purge/sweep over its Object and Version types.
template <class Store>
class ObjectLifecycle {
public:
  using Object = typename Store::Object;
  using Version = typename Store::Version;

  /// `kind`: "key" or "secret" (error texts); `backup_aad`: binds a backup blob to this object type.
  ObjectLifecycle(Store& store, const store::Envelope& envelope, std::string kind, std::string backup_aad)
      : store_(store), envelope_(envelope), kind_(std::move(kind)), backup_aad_(std::move(backup_aad)),
        live_versions_(store.db()) {}

  /// The newest version of every live object.
  std::vector<Version> list(const VaultContext& ctx) {
    store_.sweep(ctx.vault.name, ctx.now);
    std::vector<Version> out;
    for (auto& o : store_.list(ctx.vault.name, false)) out.push_back(std::move(o.latest));
    return out;
  }
  /// Oldest first. Throws <Kind>NotFound.
  std::vector<Version> list_versions(const VaultContext& ctx, const std::string& name) {
    active(ctx, name);
    return store_.versions(ctx.vault.name, name);
  }

  /// Soft-deletes every version. Throws <Kind>NotFound.
  Object remove(const VaultContext& ctx, const std::string& name) {
    Object o = active(ctx, name);
    o.deleted_date = ctx.now;
    o.scheduled_purge = ctx.now + std::int64_t{86400} * ctx.vault.soft_delete_retention_days;
    store_.set_deleted(ctx.vault.name, name, o.deleted_date, o.scheduled_purge);
    return o;
  }
  /// Throws Deleted<Kind>NotFound.
  Object get_deleted(const VaultContext& ctx, const std::string& name) {
    store_.sweep(ctx.vault.name, ctx.now);
    auto o = store_.find(ctx.vault.name, name);
    if (!o || !o->deleted_date) throw errors::deleted_not_found(kind_, name);
    return *o;
  }
  std::vector<Object> list_deleted(const VaultContext& ctx) {
    store_.sweep(ctx.vault.name, ctx.now);
    return store_.list(ctx.vault.name, true);
  }
  /// The newest version, live again. Throws Deleted<Kind>NotFound.
  Version recover(const VaultContext& ctx, const std::string& name) {
    Object o = get_deleted(ctx, name);
    store_.set_deleted(ctx.vault.name, name, std::nullopt, std::nullopt);
    return o.latest;
  }
  /// Throws Deleted<Kind>NotFound, Forbidden (purge protection).
  void purge(const VaultContext& ctx, const std::string& name) {
    get_deleted(ctx, name);
    if (ctx.vault.purge_protection) throw errors::purge_protected();
    store_.purge(ctx.vault.name, name);
  }

protected:
  /// The live object `name`. Throws <Kind>NotFound (also for a deleted one).
  Object active(const VaultContext& ctx, const std::string& name) {
    store_.sweep(ctx.vault.name, ctx.now);
    auto o = store_.find(ctx.vault.name, name);
    if (!o || o->deleted_date) throw errors::object_not_found(kind_, name);
    return *o;
  }
  /// A stored version of a live object; `version` empty: the newest. Throws <Kind>NotFound.
  Version stored_version(const VaultContext& ctx, const std::string& name, const std::string& version) {
    // Cached until the next write: every unwrapKey/sign/get names one (the platform at each boot, a client in
    // a loop). A live object's version does not depend on ctx.now; the sweep skipped on a hit purges only
    // deleted objects, which every call that can see them sweeps first.
    auto v = live_versions_.get(ctx.vault.name + '\n' + text::to_lower(name) + '\n' + version, [&] {
      active(ctx, name);
      return store_.version(ctx.vault.name, name, version);
    });
    if (!v) throw errors::object_not_found(kind_, version.empty() ? name : name + "/" + version);
    return *v;
  }
  /// The name a new version of `name` is stored under: the case of the existing object, else `name`. Throws
  /// Conflict (ObjectIsDeletedButRecoverable) while a deleted object holds the name.
  std::string name_for_new_version(const VaultContext& ctx, const std::string& name) {
    store_.sweep(ctx.vault.name, ctx.now);
    auto existing = store_.find(ctx.vault.name, name);
    if (existing && existing->deleted_date) throw errors::deleted_but_recoverable(capitalized(), existing->name);
    return existing ? existing->name : name;
  }

  /// Backup of the live object `o`: {"kind", "name", "versions"} plus `extra`'s fields, sealed for this object
  /// type, base64url.
  std::string seal_backup(const Object& o, nlohmann::json versions, nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json doc = {{"kind", kind_}, {"name", o.name}, {"versions", std::move(versions)}};
    doc.update(extra);
    return text::base64url_encode(envelope_.seal(doc.dump(), backup_aad_));
  }
  /// Restore: the document of a blob seal_backup made for this object type. Throws BadParameter (tampered or
  /// foreign blob), Conflict when its name is in use (deleted or not).
  nlohmann::json open_backup(const VaultContext& ctx, const std::string& blob) {
    std::optional<std::string> plain;
    try {
      plain = envelope_.open(text::base64_decode(blob), backup_aad_);
    } catch (const std::invalid_argument&) {
    }
    if (!plain) throw errors::bad_backup();
    nlohmann::json doc = nlohmann::json::parse(*plain);
    std::string name = doc.at("name").get<std::string>();
    store_.sweep(ctx.vault.name, ctx.now);
    if (auto existing = store_.find(ctx.vault.name, name)) {
      if (existing->deleted_date) throw errors::deleted_but_recoverable(capitalized(), existing->name);
      throw errors::already_exists(kind_, existing->name);
    }
    return doc;
  }

  Store& store_;
  const store::Envelope& envelope_;

private:
  std::string capitalized() const {
    std::string k = kind_;
    if (!k.empty()) k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
    return k;
  }

  std::string kind_;
  std::string backup_aad_;
  store::GenerationCache<Version> live_versions_;  // "vault\nname (lower case)\nversion" -> a live object's version
};

}  // namespace azemu::kv
