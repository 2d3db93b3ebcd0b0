// The Key Vault data-plane route table (vault hosts only), ordered as keys.json and secrets.json
// order their operations. Every route runs through audited() (vault lookup, tenant check,
// authorization, audit row) with the Operation that names its audit operation, access-policy
// permission and RBAC data action. api-version is not checked: 2015-06-01 .. 7.6 and 2025-07-01
// behave alike here, and the ADE extension's probe sends none (az-wire.md §3.7, ade.md §3).
#include "fake-keyvault/mount.hpp"

#include "fake-keyvault/common/audited_route.hpp"
#include "fake-keyvault/common/kv_auth_policy.hpp"
#include "fake-keyvault/errors.hpp"
#include "fake-keyvault/keys/key_handlers.hpp"
#include "fake-keyvault/secrets/secret_handlers.hpp"

#include <memory>

namespace azemu::kv {

namespace {
constexpr const char* kAction = "Microsoft.KeyVault/vaults/";

/// The handlers of one mount over the shared services. Owned by the route closures (shared_ptr): the router's
/// handlers are the only thing that outlives mount().
struct Mounted {
  explicit Mounted(DataPlane& plane) : key_handlers(plane.keys), secret_handlers(plane.secrets) {}
  KeyHandlers key_handlers;
  SecretHandlers secret_handlers;
};

Operation key_op(const char* audit, const char* permission, const char* action, bool per_key = true) {
  return {audit, "keys", permission, std::string(kAction) + action, per_key ? "key-name" : ""};
}
Operation secret_op(const char* audit, const char* permission, const char* action, bool per_secret = true) {
  return {audit, "secrets", permission, std::string(kAction) + action, per_secret ? "secret-name" : ""};
}
}  // namespace

void mount(http::Router& router, DataPlane& plane) {
  KvDeps& deps = plane.deps;
  auto m = std::make_shared<Mounted>(plane);
  auto keys = [m](http::Reply (KeyHandlers::*fn)(VaultContext&, http::Request&)) -> KvHandler {
    return [m, fn](VaultContext& c, http::Request& r) { return (m->key_handlers.*fn)(c, r); };
  };
  auto key_crypto = [m](KeyOp op) -> KvHandler {
    return [m, op](VaultContext& c, http::Request& r) { return m->key_handlers.operate(c, r, op); };
  };
  auto secrets = [m](http::Reply (SecretHandlers::*fn)(VaultContext&, http::Request&)) -> KvHandler {
    return [m, fn](VaultContext& c, http::Request& r) { return (m->secret_handlers.*fn)(c, r); };
  };
  auto a = [&deps](Operation op, KvHandler h) { return audited(deps, std::move(op), std::move(h)); };

  http::Scope scope;
  scope.hosts = {cloud::HostKind::vault};
  scope.dialect = Dialect::keyvault;
  scope.auth = kv_auth_policy(deps);
  auto v = router.scope(scope);

  // --- keys (Spec: keyvault 7.4 keys.json) ---------------------------------------------------
  // RBAC data actions: learn.microsoft.com "Azure resource provider operations", Microsoft.KeyVault
  // DataActions. That list has no deletedkeys/deletedsecrets actions: reading deleted objects is
  // inferred to need the live object's read action (keys/read, secrets/readMetadata/action), and
  // purge/recover are keys|secrets/purge|recover/action.
  v.post("/keys/{key-name}/create", "CreateKey", a(key_op("KeyCreate", "create", "keys/create/action"), keys(&KeyHandlers::create)));
  v.post("/keys/{key-name}/rotate", "RotateKey", a(key_op("KeyRotate", "rotate", "keys/rotate/action"), keys(&KeyHandlers::rotate)));
  v.put("/keys/{key-name}", "ImportKey", a(key_op("KeyImport", "import", "keys/import/action"), keys(&KeyHandlers::import)));
  v.del("/keys/{key-name}", "DeleteKey", a(key_op("KeyDelete", "delete", "keys/delete"), keys(&KeyHandlers::remove)));
  v.patch("/keys/{key-name}/{key-version}", "UpdateKey", a(key_op("KeyUpdate", "update", "keys/update/action"), keys(&KeyHandlers::update)));
  // Observed: SDKs send "/keys/<name>/" (empty version) for the newest version.
  v.patch("/keys/{key-name}", "UpdateKey", a(key_op("KeyUpdate", "update", "keys/update/action"), keys(&KeyHandlers::update)));
  v.get("/keys/{key-name}/{key-version}", "GetKey", a(key_op("KeyGet", "get", "keys/read"), keys(&KeyHandlers::get)));
  v.get("/keys/{key-name}", "GetKey", a(key_op("KeyGet", "get", "keys/read"), keys(&KeyHandlers::get)));
  v.get("/keys/{key-name}/versions", "GetKeyVersions", a(key_op("KeyListVersions", "list", "keys/read"), keys(&KeyHandlers::list_versions)));
  v.get("/keys", "GetKeys", a(key_op("KeyList", "list", "keys/read", false), keys(&KeyHandlers::list)));
  v.post("/keys/{key-name}/backup", "BackupKey", a(key_op("KeyBackup", "backup", "keys/backup/action"), keys(&KeyHandlers::backup)));
  v.post("/keys/restore", "RestoreKey", a(key_op("KeyRestore", "restore", "keys/restore/action", false), keys(&KeyHandlers::restore)));
  struct CryptoRoute { const char* seg; const char* id; const char* audit; const char* perm; const char* action; KeyOp op; };
  const CryptoRoute crypto[] = {
      {"encrypt", "Encrypt", "KeyEncrypt", "encrypt", "keys/encrypt/action", KeyOp::encrypt},
      {"decrypt", "Decrypt", "KeyDecrypt", "decrypt", "keys/decrypt/action", KeyOp::decrypt},
      {"sign", "Sign", "KeySign", "sign", "keys/sign/action", KeyOp::sign},
      {"verify", "Verify", "KeyVerify", "verify", "keys/verify/action", KeyOp::verify},
      {"wrapkey", "WrapKey", "KeyWrap", "wrapKey", "keys/wrap/action", KeyOp::wrap_key},
      {"unwrapkey", "UnwrapKey", "KeyUnwrap", "unwrapKey", "keys/unwrap/action", KeyOp::unwrap_key}};
  for (const auto& c : crypto) {
    // Literal segments match case-insensitively, so /wrapKey and the DP extension's /wrapkey both land here.
    v.post(std::string("/keys/{key-name}/{key-version}/") + c.seg, c.id, a(key_op(c.audit, c.perm, c.action), key_crypto(c.op)));
    // A kid without a version ("/keys/<name>//wrapkey" collapses to this) means the newest version.
    v.post(std::string("/keys/{key-name}/") + c.seg, c.id, a(key_op(c.audit, c.perm, c.action), key_crypto(c.op)));
  }
  v.post("/keys/{key-name}/{key-version}/release", "Release",
         a(key_op("KeyRelease", "release", "keys/release/action"),
           [](VaultContext&, http::Request&) -> http::Reply { throw errors::not_implemented("Key release"); }));
  v.get("/keys/{key-name}/rotationpolicy", "GetKeyRotationPolicy",
        a(key_op("KeyGetRotationPolicy", "getrotationpolicy", "keyrotationpolicies/read"), keys(&KeyHandlers::get_rotation_policy)));
  v.put("/keys/{key-name}/rotationpolicy", "UpdateKeyRotationPolicy",
        a(key_op("KeySetRotationPolicy", "setrotationpolicy", "keyrotationpolicies/write"), keys(&KeyHandlers::update_rotation_policy)));
  v.get("/deletedkeys", "GetDeletedKeys", a(key_op("KeyListDeleted", "list", "keys/read", false), keys(&KeyHandlers::list_deleted)));
  v.get("/deletedkeys/{key-name}", "GetDeletedKey", a(key_op("KeyGetDeleted", "get", "keys/read"), keys(&KeyHandlers::get_deleted)));
  v.del("/deletedkeys/{key-name}", "PurgeDeletedKey", a(key_op("KeyPurge", "purge", "keys/purge/action"), keys(&KeyHandlers::purge_deleted)));
  v.post("/deletedkeys/{key-name}/recover", "RecoverDeletedKey",
         a(key_op("KeyRecover", "recover", "keys/recover/action"), keys(&KeyHandlers::recover_deleted)));

  // --- secrets (Spec: keyvault 7.4 secrets.json) ---------------------------------------------
  v.put("/secrets/{secret-name}", "SetSecret", a(secret_op("SecretSet", "set", "secrets/setSecret/action"), secrets(&SecretHandlers::set)));
  v.del("/secrets/{secret-name}", "DeleteSecret", a(secret_op("SecretDelete", "delete", "secrets/delete"), secrets(&SecretHandlers::remove)));
  v.patch("/secrets/{secret-name}/{secret-version}", "UpdateSecret",
          a(secret_op("SecretUpdate", "set", "secrets/update/action"), secrets(&SecretHandlers::update)));
  v.patch("/secrets/{secret-name}", "UpdateSecret", a(secret_op("SecretUpdate", "set", "secrets/update/action"), secrets(&SecretHandlers::update)));
  v.get("/secrets/{secret-name}/{secret-version}", "GetSecret", a(secret_op("SecretGet", "get", "secrets/getSecret/action"), secrets(&SecretHandlers::get)));
  v.get("/secrets/{secret-name}", "GetSecret", a(secret_op("SecretGet", "get", "secrets/getSecret/action"), secrets(&SecretHandlers::get)));
  v.get("/secrets", "GetSecrets", a(secret_op("SecretList", "list", "secrets/readMetadata/action", false), secrets(&SecretHandlers::list)));
  v.get("/secrets/{secret-name}/versions", "GetSecretVersions",
        a(secret_op("SecretListVersions", "list", "secrets/readMetadata/action"), secrets(&SecretHandlers::list_versions)));
  v.get("/deletedsecrets", "GetDeletedSecrets", a(secret_op("SecretListDeleted", "list", "secrets/readMetadata/action", false), secrets(&SecretHandlers::list_deleted)));
  v.get("/deletedsecrets/{secret-name}", "GetDeletedSecret", a(secret_op("SecretGetDeleted", "get", "secrets/readMetadata/action"), secrets(&SecretHandlers::get_deleted)));
  v.del("/deletedsecrets/{secret-name}", "PurgeDeletedSecret", a(secret_op("SecretPurge", "purge", "secrets/purge/action"), secrets(&SecretHandlers::purge_deleted)));
  v.post("/deletedsecrets/{secret-name}/recover", "RecoverDeletedSecret",
         a(secret_op("SecretRecover", "recover", "secrets/recover/action"), secrets(&SecretHandlers::recover_deleted)));
  v.post("/secrets/{secret-name}/backup", "BackupSecret", a(secret_op("SecretBackup", "backup", "secrets/backup/action"), secrets(&SecretHandlers::backup)));
  v.post("/secrets/restore", "RestoreSecret", a(secret_op("SecretRestore", "restore", "secrets/restore/action", false), secrets(&SecretHandlers::restore)));

  // Certificates are not emulated (ADE needs keys and secrets only): an explicit 501 after the
  // usual challenge/auth, so a client learns the truth instead of a misleading 404.
  const http::Handler certificates_501 = [](http::Request&) -> http::Reply {
    throw errors::not_implemented("Key Vault certificates");
  };
  for (const std::string root : {"/certificates", "/deletedcertificates"}) {
    for (const std::string path : {root, root + "/{*rest}"}) {
      v.get(path, "AzemuCertificates_NotImplemented", certificates_501)
          .post(path, "AzemuCertificates_NotImplemented", certificates_501)
          .put(path, "AzemuCertificates_NotImplemented", certificates_501)
          .patch(path, "AzemuCertificates_NotImplemented", certificates_501)
          .del(path, "AzemuCertificates_NotImplemented", certificates_501);
    }
  }

  // Anything else on a vault host: 404 in Key Vault's words (no auth: nothing to protect).
  http::Scope nf;
  nf.hosts = {cloud::HostKind::vault};
  nf.dialect = Dialect::keyvault;
  router.set_not_found(cloud::HostKind::vault, nf, [&deps](http::Request& req) -> http::Reply {
    if (!deps.vaults.find(req.host_info.vault_name)) throw errors::vault_not_found(req.host_info.vault_name);
    throw errors::no_route(req.method, req.path);
  });
}

}  // namespace azemu::kv
