// Building ARM resource ids from a type ("Microsoft.Network/virtualNetworks/subnets") and names
// ("vnet1", "default") at a scope, as resourceId() and the planner need. ARM writes the names
// between the type segments: .../providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm::tmpl {

/// "Microsoft.Network/virtualNetworks/subnets" → {"Microsoft.Network", {"virtualNetworks", "subnets"}};
/// nullopt when there is no namespace and type ("foo", "a/").
struct SplitType {
  std::string ns;
  std::vector<std::string> types;
};
std::optional<SplitType> split_type(std::string_view full_type);

/// "vnet1/default" → {"vnet1", "default"} (a leading or trailing '/' is not trimmed: ARM rejects it).
std::vector<std::string> split_name(std::string_view full_name);

/// `prefix` is "" (tenant), "/subscriptions/s", "/subscriptions/s/resourceGroups/rg" or any resource
/// id (extension resources). Requires names.size() == type.types.size().
std::string provider_resource_id(const std::string& prefix, const SplitType& type, const std::vector<std::string>& names);

/// "/subscriptions/{sub}" + "/resourceGroups/{rg}" when rg is not empty.
std::string scope_prefix(const std::string& subscription_id, const std::string& resource_group);

}  // namespace azemu::arm::tmpl
