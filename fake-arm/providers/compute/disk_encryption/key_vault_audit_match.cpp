// See key_vault_audit_match.hpp.
#include "fake-arm/providers/compute/disk_encryption/key_vault_audit_match.hpp"

#include "emulator/cloud/vault_object_url.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::arm::compute {

namespace {
/// The object a row names: properties.id when the vault resolved one, else the request URI.
std::optional<VaultObjectRef> object_of(const audit::AuditEvent& e) {
  if (e.properties.is_object() && e.properties.contains("id") && e.properties["id"].is_string())
    if (auto ref = vault_object_ref(e.properties["id"].get<std::string>())) return ref;
  return vault_object_ref(e.request_uri);
}

bool same_object(const VaultObjectRef& row, const std::string& row_vault, const VaultObjectRef& ref) {
  return row.collection == ref.collection && text::iequals(row_vault, ref.vault) && text::iequals(row.name, ref.name);
}
}  // namespace

std::optional<VaultObjectRef> vault_object_ref(std::string_view url) {
  auto u = cloud::parse_vault_object_url(url);
  if (!u) return std::nullopt;
  std::string collection = u->collection;
  if (collection == "deletedkeys") collection = "keys";
  if (collection == "deletedsecrets") collection = "secrets";
  if (collection != "keys" && collection != "secrets") return std::nullopt;
  VaultObjectRef ref;
  ref.url = std::string(url);
  ref.vault = u->vault;
  ref.collection = collection;
  ref.name = u->name;
  if (!u->rest.empty() && cloud::is_object_version(u->rest[0])) ref.version = text::to_lower(u->rest[0]);
  return ref;
}

KeyTouch audit_touch(const audit::AuditEvent& e, const VaultObjectRef* bek, const VaultObjectRef* kek) {
  // The bearer challenge every SDK call starts with: an anonymous 401 on the same URL, then the
  // real call. It never reached the object; listing it would double every row.
  if (e.http_status_code == 401 && (e.identity.is_null() || e.identity.empty())) return KeyTouch::none;
  auto row = object_of(e);
  if (!row) return KeyTouch::none;
  // The vault the request was addressed to; rows of unknown vaults carry the host's label too.
  const std::string& vault = e.vault_name.empty() ? row->vault : e.vault_name;
  if (bek && same_object(*row, vault, *bek)) return KeyTouch::bek;
  if (kek && same_object(*row, vault, *kek) && (row->version.empty() || kek->version.empty() || text::iequals(row->version, kek->version)))
    return KeyTouch::kek;
  return KeyTouch::none;
}

}  // namespace azemu::arm::compute
