// Provider catalog data. Types and api-versions follow `GET /providers/{ns}` on the public cloud
// (trimmed to the versions the az CLI 2.45 profiles, az 2.74's `latest` profile and aaz commands, and
// the JS SDK majors pinned in tests/e2e/js send; newest first); capabilities strings as ARM prints them.
#include "fake-arm/resources/providers/providers_catalog.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
const std::string kMovable = "CrossResourceGroupResourceMove, CrossSubscriptionResourceMove, SupportsTags, SupportsLocation";
const std::string kTracked = "SupportsTags, SupportsLocation";
const std::string kNone = "None";
}  // namespace

const std::vector<ProviderInfo>& provider_catalog() {
  static const std::vector<ProviderInfo> catalog = {
      {"Microsoft.Resources", true,
       {{"resourceGroups", {"2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2019-10-01", "2016-06-01"}, kNone},
        {"subscriptions", {"2022-12-01", "2021-01-01", "2019-11-01", "2016-06-01"}, kNone, true},
        {"tenants", {"2022-12-01", "2020-01-01", "2019-11-01", "2016-06-01"}, kNone, true},
        {"locations", {"2022-12-01", "2021-01-01"}, kNone, true},
        {"providers", {"2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2019-10-01"}, kNone, true},
        {"operationresults", {"2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2019-10-01"}, kNone, true},
        {"deployments", {"2026-06-01", "2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2020-06-01", "2019-10-01"}, "SupportsTags", true},
        {"deployments/operations", {"2026-06-01", "2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2019-10-01"}, kNone, true},
        {"tags", {"2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2019-10-01"}, kNone, true},
        {"resources", {"2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2015-11-01"}, kNone, true}}},
      {"Microsoft.Authorization", true,
       {{"roleAssignments", {"2022-04-01", "2020-10-01-preview", "2020-04-01-preview", "2018-09-01-preview", "2015-07-01"}, kNone, true},
        {"roleDefinitions", {"2022-05-01-preview", "2022-04-01", "2018-01-01-preview", "2015-07-01"}, kNone, true},
        {"permissions", {"2022-04-01", "2018-01-01-preview", "2015-07-01"}, kNone, true},
        {"locks", {"2020-05-01", "2016-09-01"}, kNone, true},
        {"policyAssignments", {"2022-06-01", "2021-06-01"}, kNone, true},
        {"policyDefinitions", {"2021-06-01", "2020-09-01"}, kNone, true}}},
      {"Microsoft.Features", true,
       {{"features", {"2021-07-01", "2015-12-01"}, kNone, true},
        {"providers", {"2021-07-01", "2015-12-01"}, kNone, true}}},
      {"Microsoft.KeyVault", false,
       {{"vaults", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01", "2018-02-14", "2016-10-01"}, kMovable},
        {"vaults/secrets", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01", "2016-10-01"}, kNone},
        {"vaults/accessPolicies", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01", "2016-10-01"}, kNone},
        {"vaults/keys", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01"}, kNone},
        {"deletedVaults", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01", "2016-10-01"}, kNone},
        {"locations", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2016-10-01"}, kNone},
        {"locations/deletedVaults", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2016-10-01"}, kNone},
        {"locations/operationResults", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2016-10-01"}, kNone},
        {"checkNameAvailability", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2016-10-01"}, kNone, true},
        {"operations", {"2026-02-01", "2025-05-01", "2024-11-01", "2023-02-01", "2022-07-01", "2021-10-01", "2016-10-01"}, kNone, true}}},
      {"Microsoft.Compute", false,
       {{"virtualMachines", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2021-11-01", "2021-07-01", "2020-06-01", "2017-03-30"}, kMovable},
        {"virtualMachines/extensions", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2021-11-01", "2020-06-01", "2017-03-30"}, kTracked},
        {"virtualMachineScaleSets", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kMovable},
        {"disks", {"2026-03-02", "2023-04-02", "2022-07-02", "2022-03-02", "2021-12-01", "2020-12-01", "2019-07-01"}, kMovable},
        {"snapshots", {"2026-03-02", "2023-10-02", "2022-07-02", "2022-03-02", "2021-12-01", "2020-12-01"}, kMovable},
        {"images", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kMovable},
        {"availabilitySets", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kMovable},
        {"locations", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kNone},
        {"locations/operations", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kNone},
        {"locations/vmSizes", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kNone},
        {"locations/publishers", {"2026-04-01", "2024-11-01", "2022-11-01", "2022-08-01", "2022-03-01", "2020-06-01"}, kNone},
        {"skus", {"2021-07-01", "2019-04-01"}, kNone}}},
      {"Microsoft.Network", false,
       {{"virtualNetworks", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2021-08-01", "2020-11-01", "2018-11-01"}, kMovable},
        {"virtualNetworks/subnets", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2021-08-01", "2020-11-01", "2018-11-01"}, kNone},
        {"networkInterfaces", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2021-08-01", "2020-11-01", "2018-11-01"}, kMovable},
        {"networkSecurityGroups", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2021-08-01", "2020-11-01", "2018-11-01"}, kMovable},
        {"networkSecurityGroups/securityRules", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2020-11-01"}, kNone},
        {"publicIPAddresses", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2021-08-01", "2020-11-01", "2018-11-01"}, kMovable},
        {"loadBalancers", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2020-11-01"}, kMovable},
        {"locations", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2020-11-01"}, kNone},
        {"locations/operations", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2020-11-01"}, kNone},
        {"locations/operationResults", {"2026-01-01", "2024-05-01", "2023-11-01", "2022-11-01", "2022-07-01", "2022-05-01", "2022-01-01", "2020-11-01"}, kNone}}},
      {"Microsoft.Storage", false,
       {{"storageAccounts", {"2022-09-01", "2022-05-01", "2021-09-01", "2021-04-01", "2019-06-01"}, kMovable},
        {"storageAccounts/blobServices", {"2022-09-01", "2022-05-01", "2021-09-01"}, kNone},
        {"checkNameAvailability", {"2022-09-01", "2022-05-01", "2021-09-01"}, kNone, true},
        {"locations", {"2022-09-01", "2022-05-01", "2021-09-01"}, kNone},
        {"locations/asyncoperations", {"2022-09-01", "2022-05-01", "2021-09-01"}, kNone}}},
      {"Microsoft.ManagedIdentity", false,
       {{"userAssignedIdentities", {"2023-01-31", "2022-01-31-preview", "2018-11-30", "2015-08-31-preview"}, kMovable},
        {"Identities", {"2023-01-31", "2018-11-30", "2015-08-31-preview"}, kNone, true},
        {"operations", {"2023-01-31", "2018-11-30"}, kNone, true}}},
  };
  return catalog;
}

const ProviderInfo* find_provider(std::string_view ns) {
  for (const auto& p : provider_catalog())
    if (text::iequals(p.ns, ns)) return &p;
  return nullptr;
}

const ResourceTypeInfo* find_resource_type(const ProviderInfo& p, std::string_view type_path) {
  for (const auto& t : p.types)
    if (text::iequals(t.type, type_path)) return &t;
  return nullptr;
}

}  // namespace azemu::arm
