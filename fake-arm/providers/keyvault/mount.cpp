// See mount.hpp.
#include "fake-arm/providers/keyvault/mount.hpp"

#include "fake-arm/core/check_existence.hpp"

namespace azemu::arm {

void mount_keyvault_routes(ArmRoutes& r, VaultHandlers& h) {
  using VH = VaultHandlers;
  const std::string kv_sub = r.sub + "/providers/Microsoft.KeyVault";
  const std::string vault = r.rg + "/providers/Microsoft.KeyVault/vaults/{vaultName}";
  const std::string deleted = kv_sub + "/locations/{location}/deletedVaults/{vaultName}";
  const http::Handler empty_list = [](http::Request&) { return http::Reply::ok({{"value", nlohmann::json::array()}}); };
  r.arm.put(vault, "Vaults_CreateOrUpdate", r.to(h, &VH::create_or_update))
      .patch(vault, "Vaults_Update", r.to(h, &VH::update))
      .del(vault, "Vaults_Delete", r.to(h, &VH::remove))
      .get(vault, "Vaults_Get", r.to(h, &VH::get))
      .head(vault, kCheckExistence, check_existence_from_get(r.to(h, &VH::get)))
      .put(vault + "/accessPolicies/{operationKind}", "Vaults_UpdateAccessPolicy", r.to(h, &VH::update_access_policy))
      .get(r.rg + "/providers/Microsoft.KeyVault/vaults", "Vaults_ListByResourceGroup", r.to(h, &VH::list_by_group))
      .get(kv_sub + "/vaults", "Vaults_ListBySubscription", r.to(h, &VH::list_by_subscription))
      .get(kv_sub + "/deletedVaults", "Vaults_ListDeleted", r.to(h, &VH::list_deleted))
      .get(deleted, "Vaults_GetDeleted", r.to(h, &VH::get_deleted))
      .post(deleted + "/purge", "Vaults_PurgeDeleted", r.to(h, &VH::purge_deleted))
      .post(kv_sub + "/checkNameAvailability", "Vaults_CheckNameAvailability", r.to(h, &VH::check_name))
      // Managed HSMs are not emulated, but `az keyvault list(-deleted)` also lists them: answer empty lists.
      .get(kv_sub + "/deletedManagedHSMs", "ManagedHsms_ListDeleted", empty_list)
      .get(kv_sub + "/managedHSMs", "ManagedHsms_ListBySubscription", empty_list)
      .get(r.rg + "/providers/Microsoft.KeyVault/managedHSMs", "ManagedHsms_ListByResourceGroup", empty_list);
}

}  // namespace azemu::arm
