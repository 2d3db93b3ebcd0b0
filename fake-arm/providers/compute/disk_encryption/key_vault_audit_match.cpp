// See key_vault_audit_match.hpp.
#include "fake-arm/providers/compute/disk_encryption/key_vault_audit_match.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>
#include <vector>

namespace azemu::arm::compute {

namespace {
bool is_version(std::string_view s) {
  if (s.size() != 32) return false;
  for (char ch : s)
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

/// The object a row names: properties.id when the vault resolved one, else the request URI.
std::optional<VaultObjectRef> object_of(const audit::AuditEvent& e) {
  if (e.properties.is_object() && e.properties.contains("id") && e.properties["id"].is_string())
    if (auto ref = parse_vault_object_url(e.properties["id"].get<std::string>())) return ref;
  return parse_vault_object_url(e.request_uri);
}

bool same_object(const VaultObjectRef& row, const std::string& row_vault, const VaultObjectRef& ref) {
  return row.collection == ref.collection && text::iequals(row_vault, ref.vault) && text::iequals(row.name, ref.name);
}
}  // namespace

std::optional<VaultObjectRef> parse_vault_object_url(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (!text::istarts_with(url, scheme)) return std::nullopt;
  std::string_view rest = url.substr(scheme.size());
  rest = rest.substr(0, rest.find_first_of("?#"));
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = rest.substr(0, slash);
  auto parts = path_segments(rest.substr(slash + 1));
  if (parts.size() < 2) return std::nullopt;
  VaultObjectRef ref;
  std::string collection = text::to_lower(parts[0]);
  if (collection == "deletedkeys") collection = "keys";
  if (collection == "deletedsecrets") collection = "secrets";
  if (collection != "keys" && collection != "secrets") return std::nullopt;
  ref.url = std::string(url);
  ref.vault = text::to_lower(host.substr(0, host.find('.')));
  ref.collection = collection;
  ref.name = std::string(parts[1]);
  if (parts.size() >= 3 && is_version(parts[2])) ref.version = text::to_lower(parts[2]);
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
