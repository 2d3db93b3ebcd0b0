// See mount.hpp. Literal segments beat the catch-all provider routes (resources/mount.hpp).
#include "fake-arm/providers/compute/mount.hpp"

#include "fake-arm/core/check_existence.hpp"
#include "fake-arm/providers/compute/catalog/aliases_doc.hpp"

namespace azemu::arm::compute {

void mount_catalog_routes(ArmRoutes& r, ComputeProvider& compute) {
  using CH = CatalogHandlers;
  CH& h = compute.catalog_h;
  const std::string compute_loc = r.sub + "/providers/Microsoft.Compute/locations/{location}";
  const std::string offers = compute_loc + "/publishers/{publisherName}/artifacttypes/vmimage/offers";
  const std::string ext_types = compute_loc + "/publishers/{publisherName}/artifacttypes/vmextension/types";
  r.arm.get(compute_loc + "/publishers", "VirtualMachineImages_ListPublishers", r.to(h, &CH::list_publishers))
      .get(offers, "VirtualMachineImages_ListOffers", r.to(h, &CH::list_offers))
      .get(offers + "/{offer}/skus", "VirtualMachineImages_ListSkus", r.to(h, &CH::list_skus))
      .get(offers + "/{offer}/skus/{skus}/versions", "VirtualMachineImages_List", r.to(h, &CH::list))
      .get(offers + "/{offer}/skus/{skus}/versions/{version}", "VirtualMachineImages_Get", r.to(h, &CH::get))
      .get(ext_types, "VirtualMachineExtensionImages_ListTypes", r.to(h, &CH::list_extension_types))
      .get(ext_types + "/{type}/versions", "VirtualMachineExtensionImages_ListVersions",
           r.to(h, &CH::list_extension_versions))
      .get(ext_types + "/{type}/versions/{version}", "VirtualMachineExtensionImages_Get",
           r.to(h, &CH::get_extension_version))
      .get(compute_loc + "/vmSizes", "VirtualMachineSizes_List", r.to(h, &CH::list_sizes))
      .get(r.sub + "/providers/Microsoft.Compute/skus", "ResourceSkus_List", r.to(h, &CH::list_resource_skus));
  // az's VM image alias document (anonymous, like the GitHub file it stands in for): the public
  // cloud's URL in proxy mode, /azemu/aliases.json in cloud mode (emulator/app/env_command.cpp).
  r.anonymous.get("/azemu/aliases.json", "AzemuVmImageAliases_Get", get_vm_image_aliases);
  r.router.scope({{cloud::HostKind::alias_doc}, Dialect::arm, nullptr})
      .get("/Azure/azure-rest-api-specs/{branch}/arm-compute/quickstart-templates/aliases.json",
           "AzemuVmImageAliases_GetFromGitHub", get_vm_image_aliases);
  // Observed: GitHub's raw host answers a missing file with a plain-text 404.
  r.router.set_not_found(cloud::HostKind::alias_doc, {{cloud::HostKind::alias_doc}, Dialect::arm, nullptr},
                         [](http::Request&) { return http::Reply::text(404, "404: Not Found"); });
}

void mount_routes(ArmRoutes& r, ComputeProvider& compute) {
  using VH = VmHandlers;
  using EH = ExtensionHandlers;
  using DH = DiskHandlers;
  VH& vms = compute.vms_h;
  EH& exts = compute.extensions_h;
  DH& disks = compute.disks_h;
  const std::string cp_sub = r.sub + "/providers/Microsoft.Compute";
  const std::string cp_rg = r.rg + "/providers/Microsoft.Compute";
  const std::string vm = cp_rg + "/virtualMachines/{vmName}";
  const std::string ext = vm + "/extensions/{vmExtensionName}";
  const std::string disk = cp_rg + "/disks/{diskName}";
  r.arm.put(vm, "VirtualMachines_CreateOrUpdate", r.to(vms, &VH::create_or_update))
      .patch(vm, "VirtualMachines_Update", r.to(vms, &VH::update))
      .del(vm, "VirtualMachines_Delete", r.to(vms, &VH::remove))
      .get(vm, "VirtualMachines_Get", r.to(vms, &VH::get))
      .head(vm, kCheckExistence, check_existence_from_get(r.to(vms, &VH::get)))
      .get(vm + "/instanceView", "VirtualMachines_InstanceView", r.to(vms, &VH::instance_view))
      .get(cp_rg + "/virtualMachines", "VirtualMachines_List", r.to(vms, &VH::list_by_group))
      .get(cp_sub + "/virtualMachines", "VirtualMachines_ListAll", r.to(vms, &VH::list))
      .post(vm + "/powerOff", "VirtualMachines_PowerOff", r.to(vms, &VH::power_off))
      .post(vm + "/reapply", "VirtualMachines_Reapply", r.to(vms, &VH::reapply))
      .post(vm + "/restart", "VirtualMachines_Restart", r.to(vms, &VH::restart))
      .post(vm + "/start", "VirtualMachines_Start", r.to(vms, &VH::start))
      .post(vm + "/redeploy", "VirtualMachines_Redeploy", r.to(vms, &VH::redeploy))
      .post(vm + "/deallocate", "VirtualMachines_Deallocate", r.to(vms, &VH::deallocate))
      .post(vm + "/runCommand", "VirtualMachines_RunCommand", r.to(vms, &VH::run_command))
      .put(ext, "VirtualMachineExtensions_CreateOrUpdate", r.to(exts, &EH::create_or_update))
      .patch(ext, "VirtualMachineExtensions_Update", r.to(exts, &EH::update))
      .del(ext, "VirtualMachineExtensions_Delete", r.to(exts, &EH::remove))
      .get(ext, "VirtualMachineExtensions_Get", r.to(exts, &EH::get))
      .head(ext, kCheckExistence, check_existence_from_get(r.to(exts, &EH::get)))
      .get(vm + "/extensions", "VirtualMachineExtensions_List", r.to(exts, &EH::list))
      .put(disk, "Disks_CreateOrUpdate", r.to(disks, &DH::create_or_update))
      .patch(disk, "Disks_Update", r.to(disks, &DH::update))
      .get(disk, "Disks_Get", r.to(disks, &DH::get))
      .head(disk, kCheckExistence, check_existence_from_get(r.to(disks, &DH::get)))
      .del(disk, "Disks_Delete", r.to(disks, &DH::remove))
      .get(cp_rg + "/disks", "Disks_ListByResourceGroup", r.to(disks, &DH::list_by_group))
      .get(cp_sub + "/disks", "Disks_List", r.to(disks, &DH::list));
}

}  // namespace azemu::arm::compute
