// The alias document; see aliases_doc.hpp. Text copied from az 2.74's bundled copy
// (azure/cli/command_modules/vm/_alias.py), which is the document
// https://github.com/Azure/azure-rest-api-specs/blob/main/arm-compute/quickstart-templates/aliases.json held at
// that release: the newest one at hand, served to every client as GitHub serves one document to all (it
// replaced az 2.45's copy, whose aliases — UbuntuLTS, CentOS, ... — today's az rejects). Tests check every
// image it names resolves in the catalog.
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
          "CentOS85Gen2":  {
            "publisher":  "OpenLogic",
            "offer":  "CentOS",
            "sku":  "8_5-gen2",
            "version":  "latest",
            "architecture": "x64"
          },
          "Debian11":  {
            "publisher":  "Debian",
            "offer":  "debian-11",
            "sku":  "11-backports-gen2",
            "version":  "latest",
            "architecture": "x64"
          },
          "FlatcarLinuxFreeGen2":  {
            "publisher":  "kinvolk",
            "offer":  "flatcar-container-linux-free",
            "sku":  "stable-gen2",
            "version":  "latest",
            "architecture": "x64"
          },
          "OpenSuseLeap154Gen2":  {
            "publisher":  "SUSE",
            "offer":  "openSUSE-leap-15-4",
            "sku":  "gen2",
            "version":  "latest",
            "architecture": "x64"
          },
          "RHELRaw8LVMGen2":  {
            "publisher":  "RedHat",
            "offer":  "RHEL",
            "sku":  "8-lvm-gen2",
            "version":  "latest",
            "architecture": "x64"
          },
          "SuseSles15SP3": {
            "publisher": "SUSE",
            "offer": "sles-15-sp3",
            "sku": "gen2",
            "version": "latest",
            "architecture": "x64"
          },
          "Ubuntu2204":  {
            "publisher":  "Canonical",
            "offer":  "0001-com-ubuntu-server-jammy",
            "sku":  "22_04-lts-gen2",
            "version":  "latest",
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
