// See vault_object_url.hpp.
#include "emulator/cloud/vault_object_url.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>

namespace azemu::cloud {

std::optional<VaultObjectUrl> parse_vault_object_url(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (!text::istarts_with(url, scheme)) return std::nullopt;
  std::string_view rest = url.substr(scheme.size());
  rest = rest.substr(0, rest.find_first_of("?#"));
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = rest.substr(0, slash);
  std::vector<std::string> parts;
  for (std::string_view path = rest.substr(slash + 1); !path.empty();) {
    auto next = path.find('/');
    if (auto part = path.substr(0, next); !part.empty()) parts.emplace_back(part);
    if (next == std::string_view::npos) break;
    path.remove_prefix(next + 1);
  }
  if (host.empty() || parts.size() < 2) return std::nullopt;
  VaultObjectUrl u;
  u.base = std::string(url.substr(0, scheme.size() + slash));
  u.vault = text::to_lower(host.substr(0, host.find('.')));
  u.collection = text::to_lower(parts[0]);
  u.name = parts[1];
  u.rest.assign(parts.begin() + 2, parts.end());
  return u;
}

bool is_object_version(std::string_view segment) {
  if (segment.size() != 32) return false;
  for (char ch : segment)
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

}  // namespace azemu::cloud
