// Scope parsing and resource recognition; see scopes.hpp.
#include "fake-aad/token/scopes.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/auth/jwt.hpp"
#include "emulator/json/strings.hpp"

#include <array>

namespace azemu::aad {

namespace {
constexpr std::string_view kDefaultSuffix = "/.default";
// Azure Resource Manager's first-party application id (another name for the ARM audience).
constexpr std::string_view kArmAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013";

bool is_oidc_scope(std::string_view s) {
  return s == "openid" || s == "profile" || s == "offline_access" || s == "email";
}

// "https://graph.microsoft.com/User.Read" -> {"https://graph.microsoft.com", false}
std::pair<std::string, bool> resource_of(std::string_view scope) {
  if (scope.size() > kDefaultSuffix.size() && text::iends_with(scope, kDefaultSuffix))
    return {std::string(scope.substr(0, scope.size() - kDefaultSuffix.size())), true};
  auto slash = scope.rfind('/');
  auto scheme = scope.find("://");
  if (slash == std::string_view::npos || (scheme != std::string_view::npos && slash < scheme + 3))
    return {std::string(cloud::kGraphAudience), false};  // bare permission names are Graph's
  return {std::string(scope.substr(0, slash)), false};
}
}  // namespace

RequestedResource parse_scope(std::string_view scope) {
  RequestedResource out;
  std::string normalized;
  for (const auto& part : text::split(scope, ' ')) {
    if (part.empty() || is_oidc_scope(part)) continue;
    auto [resource, dot_default] = resource_of(part);
    if (normalized.empty()) {
      out.resource = resource;
      out.dot_default = dot_default;
      normalized = auth::normalize_audience(resource);
    } else if (auth::normalize_audience(resource) != normalized) {
      throw errors::more_than_one_resource(std::string(scope));
    }
    out.scope_echo += (out.scope_echo.empty() ? "" : " ") + part;
  }
  if (out.resource.empty()) out.resource = std::string(cloud::kGraphAudience);
  return out;
}

RequestedResource from_resource(std::string_view resource) {
  return RequestedResource{std::string(resource), std::string(resource) + "/.default", true};
}

bool resource_known(std::string_view resource, const cloud::HostNames& names, const DirectoryStore& directory) {
  std::string r = auth::normalize_audience(resource);
  const std::array<std::string_view, 7> builtin = {cloud::kArmAudience,  cloud::kArmAudienceAlt, kArmAppId,
                                                   cloud::kGraphAudience, cloud::kGraphAppId,   cloud::kVaultAudience,
                                                   cloud::kVaultAppId};
  for (auto b : builtin)
    if (auth::normalize_audience(b) == r) return true;
  // Cloud mode: https://{management,graph,vault}.<base>[:port], any port.
  const std::string base = names.cloud_base();
  for (std::string_view service : {"management.", "graph.", "vault."}) {
    std::string prefix = "https://" + std::string(service) + base;
    if (r == prefix) return true;
    if (r.size() > prefix.size() + 1 && r.compare(0, prefix.size(), prefix) == 0 && r[prefix.size()] == ':' &&
        r.find_first_not_of("0123456789", prefix.size() + 1) == std::string::npos)
      return true;
  }
  return directory.find_application_by_resource(resource).has_value();
}

}  // namespace azemu::aad
