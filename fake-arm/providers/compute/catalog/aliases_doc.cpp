// The alias document; see aliases_doc.hpp. It is today's
// https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-templates/aliases.json, the
// document az (2.74 included) fetches before it falls back to its bundled copy (_alias.py): GitHub serves one document
// to every client, so az 2.45 gets it too. What that document holds, from what is on record:
//  - the Linux aliases in order, as a crawl of the raw URL shows them: CentOS85Gen2, Debian11, OpenSuseLeap154Gen2,
//    RHELRaw8LVMGen2, SuseSles15SP5, Ubuntu2204, Ubuntu2404 (ubuntu-24_04-lts/server), Ubuntu2404Pro,
//    FlatcarLinuxFreeGen2; az 2.7x's "Invalid image" message against Azure lists the same names followed by the
//    Windows ones below (no Debian12, no Win2025Datacenter, no Win2008R2SP1);
//  - AzureLinux4, AzureLinux4Arm64, AzureLinux4Gen1, added by azure-rest-api-specs PR #42695 (May 2026); their
//    entries are the ones azure-cli PR #33312 copied into _alias.py; their place at the end of the Linux list is
//    inferred;
//  - the Windows entries as in az 2.74's bundled copy (same names as Azure's message).
// az 2.74's bundled copy (CentOS85Gen2 ... SuseSles15SP3, Ubuntu2204 only) is what az prints only when the fetch
// fails. Tests check every image this document names resolves in the catalog.
#include "fake-arm/providers/compute/catalog/aliases_doc.hpp"

namespace azemu::arm::compute {

const std::string& vm_image_aliases_json() {
  static const std::string doc = R"json({
  "$schema": "http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json",
  "contentVersion": "1.0.0.0",
  "parameters": {},
  "variables": {},
  "resources": [],
  "outputs": {
    "aliases": {
      "type": "object",
      "value": {
        "Linux": {
          "CentOS85Gen2": {
            "publisher": "OpenLogic",
            "offer": "CentOS",
            "sku": "8_5-gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "Debian11": {
            "publisher": "Debian",
            "offer": "debian-11",
            "sku": "11-backports-gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "OpenSuseLeap154Gen2": {
            "publisher": "SUSE",
            "offer": "openSUSE-leap-15-4",
            "sku": "gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "RHELRaw8LVMGen2": {
            "publisher": "RedHat",
            "offer": "RHEL",
            "sku": "8-lvm-gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "SuseSles15SP5": {
            "publisher": "SUSE",
            "offer": "sles-15-sp5",
            "sku": "gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "Ubuntu2204": {
            "publisher": "Canonical",
            "offer": "0001-com-ubuntu-server-jammy",
            "sku": "22_04-lts-gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "Ubuntu2404": {
            "publisher": "Canonical",
            "offer": "ubuntu-24_04-lts",
            "sku": "server",
            "version": "latest",
            "architecture": "x64"
          },
          "Ubuntu2404Pro": {
            "publisher": "Canonical",
            "offer": "ubuntu-24_04-lts",
            "sku": "ubuntu-pro",
            "version": "latest",
            "architecture": "x64"
          },
          "FlatcarLinuxFreeGen2": {
            "publisher": "kinvolk",
            "offer": "flatcar-container-linux-free",
            "sku": "stable-gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "AzureLinux4": {
            "publisher": "microsoftazurelinux",
            "offer": "azurelinux-4",
            "sku": "4",
            "version": "latest",
            "architecture": "x64"
          },
          "AzureLinux4Arm64": {
            "publisher": "microsoftazurelinux",
            "offer": "azurelinux-4",
            "sku": "4-arm64",
            "version": "latest",
            "architecture": "Arm64"
          },
          "AzureLinux4Gen1": {
            "publisher": "microsoftazurelinux",
            "offer": "azurelinux-4",
            "sku": "4-gen1",
            "version": "latest",
            "architecture": "x64"
          }
        },
        "Windows": {
          "Win2022Datacenter": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2022-datacenter-g2",
            "version": "latest",
            "architecture": "x64"
          },
          "Win2022AzureEditionCore": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2022-datacenter-azure-edition-core",
            "version": "latest",
            "architecture": "x64"
          },
          "Win2019Datacenter": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2019-datacenter-gensecond",
            "version": "latest",
            "architecture": "x64"
          },
          "Win2016Datacenter": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2016-datacenter-gensecond",
            "version": "latest",
            "architecture": "x64"
          },
          "Win2012R2Datacenter": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2012-R2-Datacenter",
            "version": "latest",
            "architecture": "x64"
          },
          "Win2012Datacenter": {
            "publisher": "MicrosoftWindowsServer",
            "offer": "WindowsServer",
            "sku": "2012-Datacenter",
            "version": "latest",
            "architecture": "x64"
          }
        }
      }
    }
  }
})json";
  return doc;
}

http::Reply get_vm_image_aliases(http::Request&) {
  // Observed: raw.githubusercontent.com serves .json files as text/plain; az parses the body regardless.
  return http::Reply::text(200, vm_image_aliases_json() + "\n", "text/plain; charset=utf-8");
}

}  // namespace azemu::arm::compute
