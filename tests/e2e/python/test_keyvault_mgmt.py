# azure-mgmt-keyvault against azemu's ARM (proxy mode): a vault with an access policy and
# enabledForDiskEncryption through begin_create_or_update (the LRO poller), then get, the three list
# operations (by group, by subscription, and vaults.list, which is the generic /resources list filtered by
# type at api-version 2015-11-01), name availability, an access policy update, and ARM's generic reads of the
# vault by id (GET and the HEAD existence check).
import unittest

from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.keyvault.models import AccessPolicyEntry, Permissions, VaultAccessPolicyParameters, VaultAccessPolicyProperties
from azure.mgmt.resource import ResourceManagementClient

import sdk_vaults
from sdk_common import LOCATION, SUBSCRIPTION, TENANT, credential, object_id


class VaultManagementTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.created = sdk_vaults.vault("main")
        cls.name = sdk_vaults.vault_name("main")
        cls.client = KeyVaultManagementClient(credential(), SUBSCRIPTION)

    def test_created_vault(self):
        v = self.created
        self.assertEqual(v.name, self.name)
        self.assertEqual(v.location, LOCATION)
        self.assertEqual(v.type, "Microsoft.KeyVault/vaults")
        self.assertEqual(v.properties.vault_uri, f"https://{self.name}.vault.azure.net/")
        self.assertEqual(v.properties.provisioning_state, "Succeeded")
        self.assertTrue(v.properties.enabled_for_disk_encryption)
        self.assertFalse(v.properties.enable_rbac_authorization)
        self.assertEqual(v.properties.tenant_id, TENANT)
        self.assertEqual(v.properties.sku.name, "standard")
        policy = v.properties.access_policies[0]
        self.assertEqual(policy.object_id, object_id(credential()))
        self.assertEqual(policy.permissions.keys, ["all"])

    def test_get(self):
        got = self.client.vaults.get(sdk_vaults.GROUP, self.name)
        self.assertEqual(got.id.lower(), self.created.id.lower())
        self.assertTrue(got.properties.enabled_for_disk_encryption)
        self.assertEqual(got.tags, {"sdk": "python"})

    def test_lists(self):
        by_group = [v.name for v in self.client.vaults.list_by_resource_group(sdk_vaults.GROUP)]
        self.assertIn(self.name, by_group)
        by_sub = {v.name: v for v in self.client.vaults.list_by_subscription()}
        self.assertIn(self.name, by_sub)
        self.assertEqual(by_sub[self.name].properties.vault_uri, self.created.properties.vault_uri)
        generic = [r for r in self.client.vaults.list() if r.name == self.name]
        self.assertEqual(len(generic), 1)
        self.assertEqual(generic[0].type, "Microsoft.KeyVault/vaults")
        self.assertEqual(generic[0].id.lower(), self.created.id.lower())

    def test_generic_resource_reads(self):
        # ARM's own operations on any resource id: GET and HEAD (Resources_CheckExistenceById: 204 or 404).
        resources = ResourceManagementClient(credential(), SUBSCRIPTION).resources
        got = resources.get_by_id(self.created.id, "2023-07-01")
        self.assertEqual(got.name, self.name)
        self.assertEqual(got.properties["vaultUri"], self.created.properties.vault_uri)
        self.assertTrue(resources.check_existence_by_id(self.created.id, "2023-07-01"))
        self.assertFalse(resources.check_existence_by_id(self.created.id + "x", "2023-07-01"))
        self.assertTrue(resources.check_existence(sdk_vaults.GROUP, "Microsoft.KeyVault", "", "vaults", self.name,
                                                  "2023-07-01"))
        names = [r.name for r in resources.list_by_resource_group(sdk_vaults.GROUP)]
        self.assertIn(self.name, names)

    def test_name_availability(self):
        taken = self.client.vaults.check_name_availability({"name": self.name, "type": "Microsoft.KeyVault/vaults"})
        self.assertFalse(taken.name_available)
        self.assertEqual(taken.reason, "AlreadyExists")
        free = self.client.vaults.check_name_availability({"name": self.name + "x", "type": "Microsoft.KeyVault/vaults"})
        self.assertTrue(free.name_available)

    def test_access_policy_add(self):
        extra = "11111111-2222-3333-4444-555555555555"
        params = VaultAccessPolicyParameters(properties=VaultAccessPolicyProperties(access_policies=[
            AccessPolicyEntry(tenant_id=TENANT, object_id=extra, permissions=Permissions(secrets=["get"]))]))
        result = self.client.vaults.update_access_policy(sdk_vaults.GROUP, self.name, "add", params)
        self.assertIn(extra, [p.object_id for p in result.properties.access_policies])
        got = self.client.vaults.get(sdk_vaults.GROUP, self.name)
        self.assertEqual({p.object_id for p in got.properties.access_policies}, {extra, object_id(credential())})
        self.client.vaults.update_access_policy(sdk_vaults.GROUP, self.name, "remove", params)
        got = self.client.vaults.get(sdk_vaults.GROUP, self.name)
        self.assertNotIn(extra, [p.object_id for p in got.properties.access_policies])


if __name__ == "__main__":
    unittest.main()
