#include "fake-arm/deployments/template/template_engine.hpp"

#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {

// The template `az vm create -g myResourceGroup -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629
// --admin-username azureuser --ssh-key-value ... --data-disk-sizes-gb 5` sends
// (shared/research/az-wire.md §4.7), with the subscription filled in.
json az_vm_create_template() {
  return json::parse(R"({"$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0", "parameters": {}, "variables": {}, "outputs": {},
  "resources": [
   {"name": "myVMVNET", "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2015-06-15", "location": "westus",
    "dependsOn": [], "tags": {},
    "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                   "subnets": [{"name": "myVMSubnet", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
   {"name": "myVMNSG", "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2015-06-15", "location": "westus",
    "dependsOn": [], "tags": {},
    "properties": {"securityRules": [{"name": "default-allow-ssh", "properties": {"protocol": "Tcp", "sourcePortRange": "*",
        "destinationPortRange": "22", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*", "access": "Allow",
        "priority": 1000, "direction": "Inbound"}}]}},
   {"name": "myVMPublicIP", "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-01-01",
    "location": "westus", "dependsOn": [], "tags": {}, "properties": {"publicIPAllocationMethod": null}},
   {"name": "myVMVMNic", "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2015-06-15", "location": "westus", "tags": {},
    "dependsOn": ["Microsoft.Network/virtualNetworks/myVMVNET", "Microsoft.Network/networkSecurityGroups/myVMNSG",
                  "Microsoft.Network/publicIpAddresses/myVMPublicIP"],
    "properties": {"ipConfigurations": [{"name": "ipconfigmyVM", "properties": {"privateIPAllocationMethod": "Dynamic",
        "subnet": {"id": "RG/Microsoft.Network/virtualNetworks/myVMVNET/subnets/myVMSubnet"},
        "publicIPAddress": {"id": "RG/Microsoft.Network/publicIPAddresses/myVMPublicIP"}}}],
      "networkSecurityGroup": {"id": "RG/Microsoft.Network/networkSecurityGroups/myVMNSG"}}},
   {"name": "myVM", "type": "Microsoft.Compute/virtualMachines", "apiVersion": "2022-11-01",
    "location": "westus", "tags": {}, "dependsOn": ["Microsoft.Network/networkInterfaces/myVMVMNic"],
    "properties": {
      "hardwareProfile": {"vmSize": "Standard_DS1_v2"},
      "networkProfile": {"networkInterfaces": [{"id": "RG/Microsoft.Network/networkInterfaces/myVMVMNic",
                                                "properties": {"deleteOption": null}}]},
      "storageProfile": {
        "osDisk": {"createOption": "fromImage", "name": null, "caching": "ReadWrite", "managedDisk": {"storageAccountType": null}},
        "imageReference": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7.2n", "version": "7.2.20160629"},
        "dataDisks": [{"lun": 0, "managedDisk": {"storageAccountType": null}, "createOption": "empty", "diskSizeGB": 5}]},
      "osProfile": {"computerName": "myVM", "adminUsername": "azureuser",
        "linuxConfiguration": {"disablePasswordAuthentication": true,
          "ssh": {"publicKeys": [{"keyData": "ssh-rsa AAAA user@host\n", "path": "/home/azureuser/.ssh/authorized_keys"}]}}}}}
  ]})");
}

json replace_rg(json v, const std::string& rg) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.rfind("RG/", 0) == 0) return rg + s.substr(3);
    return v;
  }
  if (v.is_array() || v.is_object())
    for (auto& e : v) e = replace_rg(e, rg);
  return v;
}

DeploymentScope my_rg_scope() {
  DeploymentScope s = test_scope();
  s.resource_group = "myResourceGroup";
  s.resource_group_object = {{"name", "myResourceGroup"}, {"location", "westus"}};
  s.deployment_name = "vm_deploy_abc";
  return s;
}

}  // namespace

TEST_SUITE("template_engine") {
  TEST_CASE("the az vm create template plans 5 resources: NIC after VNet/NSG/PIP, VM after NIC") {
    std::string rg = std::string("/subscriptions/") + kSub + "/resourceGroups/myResourceGroup/providers/";
    json t = replace_rg(az_vm_create_template(), rg);
    Plan p = prepare(t, json::object(), my_rg_scope());
    REQUIRE(p.resources().size() == 5);
    CHECK(p.resources()[3].resource_id == rg + "Microsoft.Network/networkInterfaces/myVMVMNic");
    CHECK(p.resources()[3].depends_on == std::vector<std::size_t>{0, 1, 2});
    CHECK(p.resources()[4].depends_on == std::vector<std::size_t>{3});
    CHECK(p.resources()[4].api_version == "2022-11-01");
    CHECK(p.waves() == std::vector<std::vector<std::size_t>>{{0, 1, 2}, {3}, {4}});
    CHECK(p.parameters() == json::object());

    StubResolver stub;
    json vm = evaluate_resource(p, 4, stub.resolver());
    CHECK(vm["location"] == "westus");
    CHECK(vm["tags"] == json::object());
    CHECK(vm["properties"]["storageProfile"]["osDisk"]["name"].is_null());  // nulls survive: "use the default"
    CHECK(vm["properties"]["networkProfile"]["networkInterfaces"][0]["id"] == rg + "Microsoft.Network/networkInterfaces/myVMVMNic");
    for (const char* k : {"name", "type", "apiVersion", "dependsOn"}) CHECK_FALSE(vm.contains(k));
    json pip = evaluate_resource(p, 2, stub.resolver());
    CHECK(pip == json{{"location", "westus"}, {"tags", json::object()}, {"properties", {{"publicIPAllocationMethod", nullptr}}}});
    CHECK(evaluate_outputs(p, stub.resolver()) == json::object());
    CHECK(stub.calls.empty());
  }

  TEST_CASE("a quickstart-style template with variables, resourceId(), uniqueString and outputs") {
    json t = json::parse(R"({
      "parameters": {
        "storagePrefix": {"type": "string", "minLength": 3, "maxLength": 11},
        "storageSKU": {"type": "string", "defaultValue": "Standard_LRS", "allowedValues": ["Standard_LRS", "Premium_LRS"]},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "vmCount": {"type": "int", "defaultValue": 2}
      },
      "variables": {
        "storageName": "[concat(parameters('storagePrefix'), uniqueString(resourceGroup().id))]",
        "vnetName": "vnet-main",
        "subnetRef": "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'default')]"
      },
      "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2021-04-01", "name": "[variables('storageName')]",
         "location": "[parameters('location')]", "sku": {"name": "[parameters('storageSKU')]"}, "kind": "StorageV2",
         "properties": {"supportsHttpsTrafficOnly": true}},
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2021-02-01", "name": "[variables('vnetName')]",
         "location": "[parameters('location')]",
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
         "resources": [{"type": "subnets", "apiVersion": "2021-02-01", "name": "default",
                        "dependsOn": ["[variables('vnetName')]"], "properties": {"addressPrefix": "10.0.0.0/24"}}]},
        {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2021-02-01",
         "name": "[concat('nic', copyIndex())]", "location": "[parameters('location')]",
         "copy": {"name": "nicLoop", "count": "[parameters('vmCount')]"},
         "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'default')]"],
         "properties": {"ipConfigurations": [{"name": "ipconfig1",
            "properties": {"subnet": {"id": "[variables('subnetRef')]"}, "privateIPAllocationMethod": "Dynamic"}}]}}
      ],
      "outputs": {
        "storageEndpoint": {"type": "object", "value": "[reference(variables('storageName')).primaryEndpoints]"},
        "nicIds": {"type": "array", "copy": {"count": "[parameters('vmCount')]",
                   "input": "[resourceId('Microsoft.Network/networkInterfaces', concat('nic', copyIndex()))]"}}
      }})");
    Plan p = prepare(t, {{"storagePrefix", {{"value", "store"}}}}, test_scope());
    REQUIRE(p.resources().size() == 5);
    std::string storage = p.resources()[0].name;
    CHECK(storage.rfind("store", 0) == 0);
    CHECK(storage.size() == 5 + 13);
    CHECK(p.resources()[2].resource_id == rg_prefix() + "/providers/Microsoft.Network/virtualNetworks/vnet-main/subnets/default");
    CHECK(p.resources()[3].name == "nic0");
    CHECK(p.resources()[4].depends_on == std::vector<std::size_t>{2});
    CHECK(p.waves() == std::vector<std::vector<std::size_t>>{{0, 1}, {2}, {3, 4}});
    CHECK(p.parameters()["location"]["value"] == "westus");

    StubResolver stub;
    json sa = evaluate_resource(p, 0, stub.resolver());
    CHECK(sa == json{{"location", "westus"}, {"sku", {{"name", "Standard_LRS"}}}, {"kind", "StorageV2"},
                     {"properties", {{"supportsHttpsTrafficOnly", true}}}});
    json nic = evaluate_resource(p, 4, stub.resolver());
    CHECK(nic["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"] == p.resources()[2].resource_id);

    stub.resources[p.resources()[0].resource_id] = {{"properties", {{"primaryEndpoints", {{"blob", "https://x.blob/"}}}}}};
    json out = evaluate_outputs(p, stub.resolver());
    CHECK(out["storageEndpoint"]["value"]["blob"] == "https://x.blob/");
    CHECK(out["nicIds"]["value"][1] == p.resources()[4].resource_id);
    CHECK(stub.calls.at(0) == p.resources()[0].resource_id + "|2021-04-01|props");

    auto short_prefix = error_of([&] { prepare(t, {{"storagePrefix", {{"value", "st"}}}}, test_scope()); });
    CHECK(short_prefix.code() == "InvalidTemplate");
  }

  TEST_CASE("runtime failures in a resource body name the resource id") {
    json t = {{"resources", json::array({{{"type", "A.B/c"}, {"name", "x"}, {"apiVersion", "1"},
                                           {"properties", {{"v", "[reference('/subscriptions/s/resourceGroups/g/providers/A.B/c/gone').x]"}}}}})}};
    Plan p = prepare(t, json::object(), test_scope());
    StubResolver stub;
    stub.resources["/subscriptions/s/resourceGroups/g/providers/A.B/c/gone"] = {{"properties", {{"y", 1}}}};
    auto e = error_of([&] { evaluate_resource(p, 0, stub.resolver()); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("Unable to process template language expressions for resource '" + rg_prefix() + "/providers/A.B/c/x'") !=
          std::string::npos);
    CHECK(std::string(e.what()).find("resources[0].properties.v") != std::string::npos);
  }

  TEST_CASE("unsupported template shapes are rejected clearly") {
    CHECK(error_of([] { prepare(json::array(), json::object(), test_scope()); }).code() == "InvalidTemplate");
    CHECK(error_of([] { prepare({{"resources", json::object()}}, json::object(), test_scope()); }).code() == "InvalidTemplate");
    CHECK(error_of([] { prepare({{"functions", json::array({json::object()})}}, json::object(), test_scope()); }).code() ==
          "InvalidTemplate");
  }
}
