#!/usr/bin/env python3
"""Writes the committed seed corpus of every fuzz target into tests/fuzz/corpus/<target>/.

Seeds are real traffic shapes: the requests az and the SDKs send (shared/research/az-wire.md),
the templates az vm create and the quickstarts use, JWKs and LUKS headers made by real tools
(python cryptography, cryptsetup luksFormat / reencrypt --init-only). Run it again after changing
a target's input format; the corpus is committed, so CI needs neither tool.
    python3 tests/fuzz/make_seeds.py
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
SUB = "00000000-0000-4000-8000-00000000aaaa"  # tests/support test_seed()
TENANT = "72f988bf-0000-4000-8000-000000000001"
CLIENT = "11111111-0000-4000-8000-000000000001"
RG = f"/subscriptions/{SUB}/resourceGroups/rg/providers"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def j(v):
    return json.dumps(v, separators=(",", ":"))


def http(method, host, target, token=None, body="", ctype="application/json", extra=""):
    head = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: AZURECLI/2.45.0\r\n"
    if token:
        head += f"Authorization: Bearer @{token}@\r\n"
    if body:
        head += f"Content-Type: {ctype}\r\nContent-Length: {len(body.encode())}\r\n"
    return head + extra + "\r\n" + body


VM_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0", "parameters": {}, "variables": {}, "outputs": {},
    "resources": [
        {"name": "myVMVNET", "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2015-06-15",
         "location": "westus", "dependsOn": [], "tags": {},
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                        "subnets": [{"name": "myVMSubnet", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
        {"name": "myVMNSG", "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2015-06-15",
         "location": "westus", "dependsOn": [], "tags": {},
         "properties": {"securityRules": [{"name": "default-allow-ssh", "properties": {
             "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "22", "sourceAddressPrefix": "*",
             "destinationAddressPrefix": "*", "access": "Allow", "priority": 1000, "direction": "Inbound"}}]}},
        {"name": "myVMPublicIP", "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-01-01",
         "location": "westus", "dependsOn": [], "tags": {}, "properties": {"publicIPAllocationMethod": None}},
        {"name": "myVMVMNic", "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2015-06-15",
         "location": "westus", "tags": {},
         "dependsOn": ["Microsoft.Network/virtualNetworks/myVMVNET", "Microsoft.Network/networkSecurityGroups/myVMNSG",
                       "Microsoft.Network/publicIpAddresses/myVMPublicIP"],
         "properties": {"ipConfigurations": [{"name": "ipconfigmyVM", "properties": {
             "privateIPAllocationMethod": "Dynamic",
             "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'myVMVNET', 'myVMSubnet')]"},
             "publicIPAddress": {"id": "[resourceId('Microsoft.Network/publicIPAddresses', 'myVMPublicIP')]"}}}],
             "networkSecurityGroup": {"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'myVMNSG')]"}}},
        {"name": "myVM", "type": "Microsoft.Compute/virtualMachines", "apiVersion": "2022-11-01", "location": "westus",
         "tags": {}, "dependsOn": ["Microsoft.Network/networkInterfaces/myVMVMNic"],
         "properties": {
             "hardwareProfile": {"vmSize": "Standard_DS1_v2"},
             "networkProfile": {"networkInterfaces": [{"id": "[resourceId('Microsoft.Network/networkInterfaces', 'myVMVMNic')]",
                                                       "properties": {"deleteOption": None}}]},
             "storageProfile": {
                 "osDisk": {"createOption": "fromImage", "name": None, "caching": "ReadWrite",
                            "managedDisk": {"storageAccountType": None}},
                 "imageReference": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7.2n", "version": "7.2.20160629"},
                 "dataDisks": [{"lun": 0, "managedDisk": {"storageAccountType": None}, "createOption": "empty",
                                "diskSizeGB": 5}]},
             "osProfile": {"computerName": "myVM", "adminUsername": "azureuser",
                           "linuxConfiguration": {"disablePasswordAuthentication": True, "ssh": {"publicKeys": [
                               {"keyData": "ssh-rsa AAAAB3Nza user@host\n",
                                "path": "/home/azureuser/.ssh/authorized_keys"}]}}}}}]}

QUICKSTART = {
    "parameters": {
        "storagePrefix": {"type": "string", "minLength": 3, "maxLength": 11, "defaultValue": "store"},
        "storageSKU": {"type": "string", "defaultValue": "Standard_LRS", "allowedValues": ["Standard_LRS", "Premium_LRS"]},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "vmCount": {"type": "int", "defaultValue": 2, "minValue": 1, "maxValue": 5}},
    "variables": {
        "storageName": "[concat(parameters('storagePrefix'), uniqueString(resourceGroup().id))]",
        "vnetName": "vnet-main",
        "subnetRef": "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'default')]",
        "copy": [{"name": "diskNames", "count": 3, "input": "[concat('disk', copyIndex('diskNames'))]"}]},
    "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2021-04-01", "name": "[variables('storageName')]",
         "location": "[parameters('location')]", "sku": {"name": "[parameters('storageSKU')]"}, "kind": "StorageV2",
         "properties": {"supportsHttpsTrafficOnly": True}},
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2021-02-01", "name": "[variables('vnetName')]",
         "location": "[parameters('location')]",
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                        "copy": [{"name": "subnets", "count": 2, "input": {
                            "name": "[concat('sub', copyIndex('subnets'))]",
                            "properties": {"addressPrefix": "[format('10.0.{0}.0/24', copyIndex('subnets'))]"}}}]}},
        {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-01-01",
         "name": "[concat('pip', copyIndex())]", "location": "[parameters('location')]",
         "copy": {"name": "pipLoop", "count": "[parameters('vmCount')]", "mode": "serial", "batchSize": 1},
         "condition": "[greater(parameters('vmCount'), 0)]",
         "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"],
         "properties": {"publicIPAllocationMethod": "Static"}}],
    "outputs": {
        "storageEndpoint": {"type": "string", "value": "[reference(variables('storageName')).primaryEndpoints.blob]"},
        "names": {"type": "array", "value": "[variables('diskNames')]"},
        "pipIds": {"type": "array", "copy": {"count": "[parameters('vmCount')]",
                                             "input": "[resourceId('Microsoft.Network/publicIPAddresses', concat('pip', copyIndex()))]"}},
        "when": {"type": "string", "value": "[dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H')]"}}}

NESTED = {
    "resources": [
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "inner",
         "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                        "parameters": {"n": {"value": "[concat('x', 'y')]"}},
                        "template": {"parameters": {"n": {"type": "string"}},
                                     "resources": [{"type": "Microsoft.Network/networkSecurityGroups",
                                                    "apiVersion": "2022-07-01", "name": "[parameters('n')]",
                                                    "location": "westus"}],
                                     "outputs": {"o": {"type": "string", "value": "[parameters('n')]"}}}}},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "outer",
         "properties": {"mode": "Incremental",
                        "template": {"resources": [], "outputs": {"rg": {"type": "object", "value": "[resourceGroup()]"}}}}}],
    "outputs": {"inner": {"type": "string", "value": "[reference('inner').outputs.o.value]"}}}

FUNCTIONS = {
    "variables": {
        "a": "[createArray(1, 2, 3)]", "o": "[createObject('k', 'v', 'n', json('{\"x\":[1,{\"y\":null}]}'))]",
        "s": "[format('{0}-{1:D3}', 'vm', 7)]", "u": "[union(variables('a'), createArray(4))]",
        "chain1": "[variables('chain2')]", "chain2": "[variables('chain3')]", "chain3": "[toUpper('end')]",
        "g": "[guid(subscription().id, 'x')]", "b64": "[base64ToString(base64('héllo'))]",
        "len": "[length(string(variables('o')))]", "sel": "[if(contains(variables('a'), 2), 'yes', 'no')]",
        "pad": "[padLeft(string(variables('len')), 5, '0')]", "split": "[split('a,b,c', ',')[1]]",
        "rng": "[range(0, 5)]", "items": "[items(variables('o'))]", "cv": "[coalesce(null(), 'c')]"},
    "resources": [],
    "outputs": {k: {"type": "object" if k in ("o",) else "array" if k in ("a", "u", "rng", "items") else
                    "int" if k == "len" else "string", "value": f"[variables('{k}')]"}
                for k in ("a", "o", "s", "u", "chain1", "g", "b64", "len", "sel", "pad", "split", "rng", "items", "cv")}}


def arm_bodies():
    t = "fuzz_arm_bodies"
    nic = RG + "/Microsoft.Network/networkInterfaces/nic1"
    vm = {"location": "westus", "tags": {"env": "dev"}, "properties": {
        "hardwareProfile": {"vmSize": "Standard_DS1_v2"},
        "networkProfile": {"networkInterfaces": [{"id": nic, "properties": {"deleteOption": None}}]},
        "storageProfile": {"osDisk": {"createOption": "fromImage", "caching": "ReadWrite",
                                      "managedDisk": {"storageAccountType": "Premium_LRS"}},
                           "imageReference": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7.2n",
                                              "version": "7.2.20160629"},
                           "dataDisks": [{"lun": 0, "createOption": "empty", "diskSizeGB": 5,
                                          "managedDisk": {"storageAccountType": None}}]},
        "osProfile": {"computerName": "vm2", "adminUsername": "azureuser",
                      "linuxConfiguration": {"disablePasswordAuthentication": True, "ssh": {"publicKeys": [
                          {"keyData": "ssh-rsa AAAAB3Nza user@host", "path": "/home/azureuser/.ssh/authorized_keys"}]}}}}}
    vault = {"location": "westus", "properties": {
        "tenantId": TENANT, "sku": {"family": "A", "name": "standard"},
        "accessPolicies": [{"tenantId": TENANT, "objectId": "11111111-0000-4000-8000-000000000002",
                            "permissions": {"keys": ["all"], "secrets": ["get", "list", "set"]}}],
        "enabledForDiskEncryption": True, "enableSoftDelete": True, "softDeleteRetentionInDays": 90,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Allow"}}}
    ade = {"location": "westus", "properties": {
        "publisher": "Microsoft.Azure.Security", "type": "AzureDiskEncryptionForLinux", "typeHandlerVersion": "0.1",
        "autoUpgradeMinorVersion": True,
        "settings": {"VolumeType": "ALL", "EncryptionOperation": "EnableEncryption", "SequenceVersion": "s1",
                     "KeyVaultURL": "https://fuzzkv.vault.azure.net/", "KeyEncryptionAlgorithm": "RSA-OAEP"},
        "protectedSettings": {"AADClientSecret": "secret"}}}
    seeds = {
        "A_group": ("A", {"location": "westus", "tags": {"owner": "lab1"}}),
        "B_group_tags": ("B", {"tags": {"a": "b", "c": ""}}),
        "C_vault": ("C", vault),
        "D_vault_patch": ("D", {"properties": {"enabledForDeployment": True, "enablePurgeProtection": True}}),
        "E_access_policy": ("E", {"properties": {"accessPolicies": [{"tenantId": TENANT,
                                                                     "objectId": "22222222-0000-4000-8000-000000000001",
                                                                     "permissions": {"secrets": ["get"]}}]}}),
        "F_check_name": ("F", {"name": "kv-fuzz-name", "type": "Microsoft.KeyVault/vaults"}),
        "G_vm": ("G", vm),
        "H_vm_patch": ("H", {"tags": {"x": "y"}, "properties": {"hardwareProfile": {"vmSize": "Standard_DS2_v2"}}}),
        "I_run_command": ("I", {"commandId": "RunShellScript", "script": ["echo hello", "uname -a"],
                                "parameters": [{"name": "arg1", "value": "v"}]}),
        "J_ade_extension": ("J", ade),
        "K_disk": ("K", {"location": "westus", "sku": {"name": "Premium_LRS"},
                         "properties": {"creationData": {"createOption": "Empty"}, "diskSizeGB": 4}}),
        "L_disk_patch": ("L", {"properties": {"encryptionSettingsCollection": {"enabled": True, "encryptionSettings": [
            {"diskEncryptionKey": {"secretUrl": "https://fuzzkv.vault.azure.net/secrets/bek/0123",
                                   "sourceVault": {"id": RG + "/Microsoft.KeyVault/vaults/fuzzkv"}}}]}}}),
        "M_deployment_vm": ("M", {"properties": {"mode": "Incremental", "template": VM_TEMPLATE, "parameters": {}}}),
        "M_deployment_quickstart": ("M", {"properties": {"mode": "Incremental", "template": QUICKSTART,
                                                        "parameters": {"vmCount": {"value": 2}}}}),
        "N_validate_nested": ("N", {"properties": {"mode": "Incremental", "template": NESTED}}),
        "O_sub_deployment": ("O", {"location": "westus", "properties": {"mode": "Incremental", "template": {
            "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            "resources": [{"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2021-04-01",
                           "name": "rg-sub", "location": "westus"}]}}}),
        "P_vnet": ("P", {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
                                                             "subnets": [{"name": "a", "properties": {"addressPrefix": "10.1.0.0/24"}}]}}),
        "Q_subnet": ("Q", {"properties": {"addressPrefix": "10.0.1.0/24"}}),
        "R_nsg": ("R", {"location": "westus", "properties": {"securityRules": []}}),
        "S_rule": ("S", {"properties": {"protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "22",
                                        "sourceAddressPrefix": "*", "destinationAddressPrefix": "*", "access": "Allow",
                                        "priority": 1000, "direction": "Inbound"}}),
        "T_public_ip": ("T", {"location": "westus", "sku": {"name": "Standard"},
                              "properties": {"publicIPAllocationMethod": "Static"}}),
        "U_nic": ("U", {"location": "westus", "properties": {"ipConfigurations": [{"name": "ip1", "properties": {
            "subnet": {"id": RG + "/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1"},
            "privateIPAllocationMethod": "Static", "privateIPAddress": "10.0.0.9"}}]}}),
        "V_role_assignment": ("V", {"properties": {
            "roleDefinitionId": f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/"
                                "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "principalId": "22222222-0000-4000-8000-000000000001", "principalType": "User"}}),
        "W_role_definition": ("W", {"properties": {"roleName": "fuzz reader", "description": "d", "type": "CustomRole",
                                                   "permissions": [{"actions": ["*/read"], "notActions": []}],
                                                   "assignableScopes": [f"/subscriptions/{SUB}"]}}),
        "X_generic": ("X", {"location": "westus", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "properties": {}}),
        "Y_nsg_patch": ("Y", {"tags": {"t": "1"}}),
        "Z_ext_patch": ("Z", {"properties": {"settings": {"SequenceVersion": "s2"}}}),
    }
    for name, (sel, body) in seeds.items():
        write(t, name, sel + j(body))
    write(t, "M_deployment_jsonc", "M" + '{\n  // az sends JSONC from files\n  properties: {mode: "Incremental", '
          '/* c */ template: {"resources": []}}}')


def aad_bodies():
    t = "fuzz_aad_bodies"
    form = "grant_type=client_credentials&client_id=" + CLIENT + "&client_secret=bootstrap-secret~value&scope=" \
           "https%3A%2F%2Fmanagement.core.windows.net%2F%2F.default"
    write(t, "A_client_credentials", "A" + form)
    write(t, "B_v1_resource", "B" + "grant_type=client_credentials&client_id=" + CLIENT +
          "&client_secret=bootstrap-secret~value&resource=https%3A%2F%2Fvault.azure.net")
    write(t, "C_adfs_password", "C" + "grant_type=password&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&username="
          "admin%40azemu.onmicrosoft.com&password=Admin-Passw0rd%21&scope=openid+offline_access")
    write(t, "A_refresh", "A" + "grant_type=refresh_token&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&"
          "refresh_token=abc.def&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")
    write(t, "D_devicecode", "D" + "client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&scope=openid+profile+offline_access")
    write(t, "E_devicelogin", "E" + "otc=ABCD1234&username=admin%40azemu.onmicrosoft.com&password=x")
    write(t, "F_application", "F" + j({"displayName": "app1", "signInAudience": "AzureADMyOrg",
                                       "web": {"redirectUris": ["https://localhost/cb"]},
                                       "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
                                                                   "resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
                                                                                       "type": "Scope"}]}]}))
    write(t, "G_application_patch", "G" + j({"displayName": "renamed", "identifierUris": ["api://fuzz"]}))
    write(t, "H_add_password", "H" + j({"passwordCredential": {"displayName": "rbac",
                                                               "endDateTime": "2030-01-01T00:00:00Z"}}))
    write(t, "I_remove_password", "I" + j({"keyId": "33333333-0000-4000-8000-000000000001"}))
    write(t, "J_get_by_ids", "J" + j({"ids": [CLIENT, "22222222-0000-4000-8000-000000000001"],
                                      "types": ["user", "servicePrincipal"]}))
    write(t, "K_service_principal", "K" + j({"appId": CLIENT, "accountEnabled": True, "tags": ["x"]}))
    write(t, "L_sp_patch", "L" + j({"appRoleAssignmentRequired": False, "notes": "n"}))
    write(t, "M_sp_password", "M" + j({"passwordCredential": {"displayName": "p"}}))
    write(t, "N_user", "N" + j({"accountEnabled": True, "displayName": "Bob", "mailNickname": "bob",
                                "userPrincipalName": "bob@azemu.onmicrosoft.com",
                                "passwordProfile": {"forceChangePasswordNextSignIn": False, "password": "P@ssw0rd-123"}}))
    write(t, "O_user_patch", "O" + j({"jobTitle": "admin", "otherMails": ["a@b.c"]}))
    write(t, "P_token_json_body", "P" + j({"grant_type": "client_credentials"}))


def kv_bodies():
    t = "fuzz_kv_bodies"
    rsa, ec = jwks()
    write(t, "A_create_rsa", "A" + j({"kty": "RSA", "key_size": 2048, "key_ops": ["wrapKey", "unwrapKey"],
                                       "attributes": {"enabled": True, "exp": 1900000000}, "tags": {"purpose": "kek"}}))
    write(t, "A_create_ec", "A" + j({"kty": "EC-HSM", "crv": "P-384"}))
    write(t, "B_import_rsa", "B" + j({"key": rsa, "hsm": False, "attributes": {"enabled": True}}))
    write(t, "B_import_ec", "B" + j({"key": ec}))
    write(t, "C_update", "C" + j({"key_ops": ["encrypt", "decrypt"], "attributes": {"enabled": False, "nbf": 1},
                                  "tags": {"a": "b"}}))
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    write(t, "D_encrypt", "D" + j({"alg": "RSA-OAEP-256", "value": b64(b"passphrase")}))
    write(t, "E_decrypt", "E" + j({"alg": "RSA-OAEP", "value": b64(bytes(256))}))
    write(t, "F_sign", "F" + j({"alg": "RS256", "value": b64(bytes(range(32)))}))
    write(t, "G_verify", "G" + j({"alg": "PS256", "digest": b64(bytes(range(32))), "value": b64(bytes(256))}))
    write(t, "H_wrap", "H" + j({"alg": "RSA-OAEP", "value": b64(os.urandom(32))}))
    write(t, "I_unwrap", "I" + j({"alg": "RSA1_5", "value": b64(bytes(256))}))
    write(t, "J_restore_key", "J" + j({"value": b64(b"not-a-backup")}))
    write(t, "K_rotation_policy", "K" + j({"lifetimeActions": [{"trigger": {"timeBeforeExpiry": "P30D"},
                                                                 "action": {"type": "Rotate"}}],
                                           "attributes": {"expiryTime": "P90D"}}))
    write(t, "L_set_secret", "L" + j({"value": "BEK-passphrase", "contentType": "BEK",
                                      "tags": {"DiskEncryptionKeyFileName": "LinuxPassPhraseFileName",
                                               "MachineName": "vm1"}, "attributes": {"enabled": True}}))
    write(t, "M_update_secret", "M" + j({"contentType": "text/plain", "attributes": {"enabled": False}}))
    write(t, "N_restore_secret", "N" + j({"value": b64(b"x" * 40)}))
    write(t, "O_sign_ec", "O" + j({"alg": "ES256", "value": b64(bytes(range(32)))}))
    write(t, "P_verify_ec", "P" + j({"alg": "ES256", "digest": b64(bytes(range(32))), "value": b64(bytes(64))}))


def jwks():
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    b64 = lambda n, size=None: base64.urlsafe_b64encode(
        n.to_bytes(size or (n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    p, pub = k.private_numbers(), k.private_numbers().public_numbers
    r = {"kty": "RSA", "n": b64(pub.n), "e": b64(pub.e), "d": b64(p.d), "p": b64(p.p), "q": b64(p.q),
         "dp": b64(p.dmp1), "dq": b64(p.dmq1), "qi": b64(p.iqmp), "key_ops": ["sign", "verify"]}
    e = ec.generate_private_key(ec.SECP256R1())
    en = e.private_numbers()
    c = {"kty": "EC", "crv": "P-256", "x": b64(en.public_numbers.x, 32), "y": b64(en.public_numbers.y, 32),
         "d": b64(en.private_value, 32)}
    return r, c


def jwk_import():
    t = "fuzz_jwk_import"
    r, c = jwks()
    write(t, "rsa_full", j(r))
    write(t, "rsa_no_crt", j({k: r[k] for k in ("kty", "n", "e", "d")}))
    write(t, "rsa_hsm", j(dict(r, kty="RSA-HSM")))
    write(t, "ec_p256", j(c))
    from cryptography.hazmat.primitives.asymmetric import ec
    for crv, curve, size in (("P-384", ec.SECP384R1(), 48), ("P-521", ec.SECP521R1(), 66), ("P-256K", ec.SECP256K1(), 32)):
        n = ec.generate_private_key(curve).private_numbers()
        b = lambda v: base64.urlsafe_b64encode(v.to_bytes(size, "big")).rstrip(b"=").decode()
        write(t, "ec_" + crv, j({"kty": "EC", "crv": crv, "x": b(n.public_numbers.x), "y": b(n.public_numbers.y),
                                 "d": b(n.private_value)}))
    write(t, "oct_unsupported", j({"kty": "oct", "k": "AAAA"}))


def request_path():
    t = "fuzz_request_path"
    arm = "management.azure.com"
    write(t, "get_subscriptions", http("GET", arm, "/subscriptions?api-version=2022-12-01", "ARM"))
    write(t, "put_group", http("PUT", arm, f"/subscriptions/{SUB}/resourcegroups/rg1?api-version=2021-04-01", "ARM",
                               j({"location": "westus", "tags": {"a": "b"}})))
    write(t, "get_group_keepalive_pipelined",
          http("GET", arm, f"/subscriptions/{SUB}/resourcegroups/rg?api-version=2021-04-01", "ARM") +
          http("DELETE", arm, f"/subscriptions/{SUB}/resourcegroups/nope?api-version=2021-04-01", "ARM"))
    write(t, "absolute_form", http("GET", arm, f"https://{arm}/subscriptions/{SUB}/providers?api-version=2021-04-01", "ARM"))
    write(t, "no_token_challenge", http("GET", "fuzzkv.vault.azure.net", "/secrets?api-version=7.4"))
    write(t, "kv_set_secret_chunked",
          "PUT /secrets/s1?api-version=7.4 HTTP/1.1\r\nHost: fuzzkv.vault.azure.net\r\nAuthorization: Bearer @VAULT@\r\n"
          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"val\r\n9\r\nue\":\"x\"}\r\n0\r\n\r\n")
    write(t, "kv_get_secret", http("GET", "fuzzkv.vault.azure.net", "/secrets/s1/?api-version=7.4", "VAULT"))
    write(t, "graph_filter", http("GET", "graph.microsoft.com",
                                  "/v1.0/applications?$filter=startswith(displayName,'az')%20and%20"
                                  "identifierUris/any(x:x%20eq%20'api://a')&$select=id,appId&$top=5", "GRAPH"))
    write(t, "graph_create_app", http("POST", "graph.microsoft.com", "/v1.0/applications", "GRAPH",
                                      j({"displayName": "fuzz"})))
    write(t, "token_form", http("POST", "login.microsoftonline.com", f"/{TENANT}/oauth2/v2.0/token", None,
                                "grant_type=client_credentials&client_id=" + CLIENT +
                                "&client_secret=bootstrap-secret~value&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
                                "application/x-www-form-urlencoded"))
    write(t, "oidc", http("GET", "login.microsoftonline.com", "//organizations/v2.0/.well-known/openid-configuration"))
    write(t, "metadata_endpoints", http("GET", "localhost:8443", "//metadata/endpoints?api-version=2019-05-01"))
    write(t, "deployment_put", http("PUT", arm, f"/subscriptions/{SUB}/resourcegroups/rg/providers/Microsoft.Resources/"
                                    "deployments/d1?api-version=2021-04-01", "ARM",
                                    j({"properties": {"mode": "Incremental", "template": QUICKSTART}})))
    write(t, "head_http10", "HEAD /subscriptions?api-version=2022-12-01 HTTP/1.0\r\nHost: management.azure.com\r\n"
          "Authorization: Bearer @ARM@\r\n\r\n")
    write(t, "expect_continue", http("POST", arm, f"/subscriptions/{SUB}/providers/Microsoft.Compute/register"
                                     "?api-version=2021-04-01", "ARM", "{}", extra="Expect: 100-continue\r\n"))


def jwt():
    t = "fuzz_jwt_verify"
    header = j({"typ": "JWT", "alg": "RS256", "kid": "k", "x5t": "k"})
    claims = {"aud": "https://management.core.windows.net/", "iss": f"https://sts.windows.net/{TENANT}/",
              "iat": 1800000000, "nbf": 1800000000, "exp": 1800003600, "appid": CLIENT, "oid": CLIENT, "tid": TENANT,
              "idtyp": "app", "ver": "1.0", "roles": ["a", "b"], "scp": "user_impersonation"}
    write(t, "signed_valid", "\x01" + header + "\n" + j(claims))
    write(t, "signed_exp_string", "\x01" + header + "\n" + j(dict(claims, exp="1800003600")))
    write(t, "signed_user", "\x01" + header + "\n" + j(dict(claims, idtyp="user", upn="a@b", aud="https://management.azure.com")))
    write(t, "signed_array_claims", "\x01" + header + "\n" + j([claims]))
    b = lambda s: base64.urlsafe_b64encode(s.encode()).rstrip(b"=").decode()
    write(t, "raw_alg_none", "\x00Bearer " + b(j({"alg": "none"})) + "." + b(j(claims)) + ".")
    write(t, "raw_garbage", "\x00Bearer a.b.c")
    write(t, "raw_spaces", "\x00bearer    " + b(header) + "." + b(j(claims)) + ".AAAA")


def odata():
    t = "fuzz_odata_filter"
    for i, f in enumerate(["displayName eq 'Ada'", "startswith(userPrincipalName,'ad')",
                           "otherMails/any(m:m eq 'a@x.io')", "not (accountEnabled eq false) or mail eq null",
                           "identities/any(c:startswith(c,'az'))", "(displayName eq 'O''Brien') and id eq '2'",
                           "displayName ne 'x'", "endswith(mail,'io')", "id eq 12 and accountEnabled eq true",
                           "displayName eq 'a'\nid,displayName\n5\n10", "\nid\n999\n"]):
        write(t, f"filter_{i:02d}", f)


def template_expression():
    t = "fuzz_template_expression"
    exprs = ["concat(parameters('name'), '-', string(parameters('count')))",
             "parameters('tags').list[2].deep", "variables('obj').b['env']",
             "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'default')",
             "reference('vnet1', '2022-07-01', 'Full').properties",
             "if(equals(parameters('count'), 3), createArray(1, 2), json('{\"a\":1}'))",
             "format('{0:D4}-{1}', 7, toLower('AB'))", "uniqueString(resourceGroup().id, deployment().name)",
             "guid(subscription().subscriptionId)", "dateTimeAdd(utcNow(), 'P1D')",
             "substring('hello', 1, 3)", "split('a/b/c', '/')[1]", "union(createObject('a', 1), createObject('b', 2))",
             "range(1, 3)", "take(parameters('zones'), 1)", "base64ToString(base64('x'))", "padLeft('7', 3, '0')",
             "last(split(resourceGroup().id, '/'))", "int('42')", "add(mul(2, 3), div(9, 2))", "empty('')",
             "coalesce(null(), 'x')", "items(parameters('tags'))", "listKeys('sa1', '2021-04-01').keys[0].value",
             "concat(concat(concat('a')))", "createArray()[0][0]", "parameters('secret')"]
    for i, e in enumerate(exprs):
        write(t, f"expr_{i:02d}", e)


def template_engine():
    t = "fuzz_template_engine"
    write(t, "az_vm_create", j(VM_TEMPLATE))
    write(t, "quickstart", j(QUICKSTART))
    write(t, "nested", j(NESTED))
    write(t, "functions", j(FUNCTIONS))
    write(t, "cycle", j({"resources": [
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "a",
         "dependsOn": ["Microsoft.Network/virtualNetworks/b"]},
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "b",
         "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'a')]"]}]}))
    write(t, "children", j({"resources": [
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "v", "location": "westus",
         "resources": [{"type": "subnets", "apiVersion": "2022-07-01", "name": "s",
                        "dependsOn": ["v"], "properties": {"addressPrefix": "10.0.0.0/24"}}]}]}))


def agent_dispatch():
    t = "fuzz_agent_dispatch"
    lines = [{"id": 1, "op": "ping"},
             {"id": 2, "op": "provision", "hostname": "vm1", "user": "azureuser", "ssh_keys": ["ssh-ed25519 AAAA x"],
              "password": "P@ss", "ca_pem": "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n",
              "http_proxy": {"host": "10.0.2.2", "port": 443}},
             {"id": 3, "op": "run", "script_b64": base64.b64encode(b"echo hi").decode(), "timeout_s": 600},
             {"id": 4, "op": "disks", "luns": {"ubdd": 2, "ubde": 0}},
             {"id": 5, "op": "ext_settings", "name": "AzureDiskEncryptionForLinux", "publisher": "Microsoft.Azure.Security",
              "type": "AzureDiskEncryptionForLinux", "version": "1.1", "seq": 0,
              "settings": {"VolumeType": "Data"}, "protected_settings": {"AADClientSecret": "s"}},
             {"id": 6, "op": "ext_status", "name": "AzureDiskEncryptionForLinux"},
             {"id": 7, "op": "ext_remove", "name": "AzureDiskEncryptionForLinux"},
             {"id": 8, "op": "shutdown"}, {"id": 9, "op": "reboot"}]
    for l in lines:
        write(t, f"op_{l['id']}_{l['op']}", j(l))
    write(t, "session", "\n".join(j(l) for l in lines[:4]) + "\n")
    write(t, "noise", "\x1b[0m login: \r\n{\"id\":\"x\",\"op\":\"ping\"}\n")


def control_channel():
    t = "fuzz_control_channel"
    ready = j({"event": "ready", "version": "2.2.53-azemu", "boot_id": "3f6a0f3e-0000-4000-8000-000000000001"})
    hb = j({"event": "heartbeat", "t": 1800000000})
    ok = j({"id": 1, "ok": True, "t": 1800000000})
    run = j({"id": 1, "ok": True, "exit_code": 0, "stdout_b64": base64.b64encode(b"hi\n").decode(), "stderr_b64": ""})
    status = j({"id": 1, "ok": True, "seq": 0, "status": [{"version": 1.0, "timestampUTC": "2024-01-01T00:00:00Z",
                "status": {"name": "AzureDiskEncryptionForLinux", "operation": "Enable", "status": "success", "code": 0,
                           "formattedMessage": {"lang": "en-US", "message": "Encryption succeeded for data volumes"},
                           "substatus": [{"name": "enable", "status": "success", "code": 0,
                                          "formattedMessage": {"lang": "en-US", "message": "{\"os\": \"NotEncrypted\"}"}}]}}]})
    # byte 0: call = b % 5 (drain, wait_ready, request, run-command, ext_status); closed = (b // 5) % 2
    write(t, "drain_heartbeats", "\x00" + hb + "\n" + hb + "\n")
    write(t, "wait_ready", "\x01" + "login: \r\n" + ready + "\n")
    write(t, "request_answered", "\x02" + hb + "\n" + ok + "\n")
    write(t, "request_after_restart", "\x02" + ready + "\n" + j({"id": 1, "ok": False, "error": "boom"}) + "\n")
    write(t, "run_command", "\x03" + run + "\n")
    write(t, "ext_status", "\x04" + status + "\n")
    write(t, "ext_status_no_file", "\x04" + j({"id": 1, "ok": True, "seq": None}) + "\n")
    write(t, "closed_mid_line", "\x07" + hb + "\n{\"id\":1,")
    write(t, "regress_event_number", "\x00" + j({"event": 1800000000}) + "\n")


def luks():
    t = "fuzz_luks_header"
    work = tempfile.mkdtemp()
    try:
        key = os.path.join(work, "key")
        with open(key, "w") as f:
            f.write("passphrase")
        fast = ["--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--batch-mode", "-q", "--key-file", key]
        img = os.path.join(work, "l2.img")
        subprocess.run(["truncate", "-s", "32M", img], check=True)
        subprocess.run(["cryptsetup", "luksFormat", "--type", "luks2", "--label", "azemu", *fast, img], check=True)
        raw = open(img, "rb").read(36864)
        write(t, "raw_luks2", b"\x00" + raw)
        write(t, "json_luks2", b"\x01" + raw[4096:16384].rstrip(b"\0"))
        img1 = os.path.join(work, "l1.img")
        subprocess.run(["truncate", "-s", "8M", img1], check=True)
        subprocess.run(["cryptsetup", "luksFormat", "--type", "luks1", *fast, img1], check=True)
        write(t, "raw_luks1", b"\x00" + open(img1, "rb").read(4096))
        enc = os.path.join(work, "enc.img")
        subprocess.run(["truncate", "-s", "64M", enc], check=True)
        subprocess.run(["mkfs.ext4", "-q", enc], check=True)
        write(t, "raw_ext4_not_luks", b"\x00" + open(enc, "rb").read(4096))
        subprocess.run(["cryptsetup", "reencrypt", "--encrypt", "--type", "luks2", "--reduce-device-size", "8M",
                        "--init-only", *fast, enc], check=True)
        meta = open(enc, "rb").read(16384)[4096:].rstrip(b"\0")
        write(t, "json_reencrypt_init", b"\x01" + meta)
        # The state libcryptsetup 2.6.1 cannot resume (crypto_datashift_finish.hpp): one dynamic crypt
        # segment left and the moved segment still parked in the tail.
        m = json.loads(meta)
        m["segments"] = {"0": {"type": "crypt", "offset": "4194304", "size": "dynamic", "iv_tweak": "0",
                               "encryption": "aes-xts-plain64", "sector_size": 512},
                         "1": {"type": "linear", "offset": "62914560", "size": "4194304", "flags": ["backup-moved-segment"]},
                         "2": {"type": "crypt", "offset": "4194304", "size": "dynamic", "iv_tweak": "0",
                               "encryption": "aes-xts-plain64", "sector_size": 512, "flags": ["backup-final"]}}
        write(t, "json_stuck_datashift", b"\x01" + j(m).encode())
    finally:
        shutil.rmtree(work)


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    for f in (arm_bodies, aad_bodies, kv_bodies, jwk_import, request_path, jwt, odata, template_expression,
              template_engine, agent_dispatch, control_channel, luks):
        f()


if __name__ == "__main__":
    main()
