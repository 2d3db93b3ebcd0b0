// The resource provider catalog: every namespace azemu knows, its resource types, api-versions
// and default registration state (data in providers_catalog.cpp, the one home for these facts).
// Lookups are case-insensitive and never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm {

struct ResourceTypeInfo {
  std::string type;                       // "virtualMachines/extensions" (below the namespace)
  std::vector<std::string> api_versions;  // newest first
  std::string capabilities;               // "CrossResourceGroupResourceMove, SupportsTags, ..." or ""
  bool global = false;                    // locations ["global"] instead of every region
};

struct ProviderInfo {
  std::string ns;                       // "Microsoft.KeyVault"
  bool registered_by_default = false;   // Microsoft.Resources / Authorization / Features
  std::vector<ResourceTypeInfo> types;
};

const std::vector<ProviderInfo>& provider_catalog();
const ProviderInfo* find_provider(std::string_view ns);
/// `type_path` is the type below the namespace, e.g. "virtualMachines/extensions".
const ResourceTypeInfo* find_resource_type(const ProviderInfo& p, std::string_view type_path);

}  // namespace azemu::arm
