// See resource_ids.hpp.
#include "fake-arm/deployments/template/resource_ids.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm::tmpl {

std::optional<SplitType> split_type(std::string_view full_type) {
  while (!full_type.empty() && full_type.back() == '/') full_type.remove_suffix(1);  // "Ns/type/" is accepted by ARM
  auto parts = text::split(full_type, '/');
  if (parts.size() < 2) return std::nullopt;
  for (const auto& p : parts)
    if (p.empty()) return std::nullopt;
  SplitType t;
  t.ns = parts[0];
  t.types.assign(parts.begin() + 1, parts.end());
  return t;
}

std::vector<std::string> split_name(std::string_view full_name) { return text::split(full_name, '/'); }

std::string provider_resource_id(const std::string& prefix, const SplitType& type, const std::vector<std::string>& names) {
  std::string id = prefix + "/providers/" + type.ns;
  for (std::size_t i = 0; i < type.types.size() && i < names.size(); ++i) id += "/" + type.types[i] + "/" + names[i];
  return id;
}

std::string scope_prefix(const std::string& subscription_id, const std::string& resource_group) {
  std::string p = "/subscriptions/" + subscription_id;
  if (!resource_group.empty()) p += "/resourceGroups/" + resource_group;
  return p;
}

}  // namespace azemu::arm::tmpl
