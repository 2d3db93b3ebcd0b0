# azure-mgmt-resource against azemu's ARM (proxy mode): resource group create/get/list/update/exists and
# delete through its LRO poller (202 + Location polling); an unknown group is ResourceGroupNotFound; the tags
# wrapper resource ({scope}/providers/Microsoft.Resources/tags/default) on a group and on a VNet.
import unittest

from azure.core.exceptions import ResourceNotFoundError
from azure.mgmt.network import NetworkManagementClient
from azure.mgmt.resource import ResourceManagementClient

from sdk_common import FAST, LOCATION, SUBSCRIPTION, SUFFIX, credential


class ResourceGroupTest(unittest.TestCase):
    def setUp(self):
        self.client = ResourceManagementClient(credential(), SUBSCRIPTION)

    def test_group_lifecycle(self):
        rgs = self.client.resource_groups
        name = f"py-group-{SUFFIX}"
        created = rgs.create_or_update(name, {"location": "West US", "tags": {"sdk": "python"}})
        self.assertEqual(created.name, name)
        self.assertEqual(created.location, LOCATION)
        self.assertEqual(created.properties.provisioning_state, "Succeeded")
        self.assertEqual(created.id.lower(), f"/subscriptions/{SUBSCRIPTION}/resourcegroups/{name}".lower())

        got = rgs.get(name)
        self.assertEqual(got.tags, {"sdk": "python"})
        self.assertIn(name, [g.name for g in rgs.list()])
        self.assertTrue(rgs.check_existence(name))

        patched = rgs.update(name, {"tags": {"sdk": "python", "step": "update"}})
        self.assertEqual(patched.tags["step"], "update")

        poller = rgs.begin_delete(name, **FAST)
        poller.result()
        self.assertEqual(poller.status(), "Succeeded")
        self.assertFalse(rgs.check_existence(name))
        self.assertNotIn(name, [g.name for g in rgs.list()])

    def test_tags_at_scope(self):
        name = f"py-tags-{SUFFIX}"
        group = self.client.resource_groups.create_or_update(name, {"location": LOCATION, "tags": {"a": "1"}})
        vnet = NetworkManagementClient(credential(), SUBSCRIPTION).virtual_networks.begin_create_or_update(
            name, "tagged", {"location": LOCATION, "address_space": {"address_prefixes": ["10.1.0.0/16"]}},
            **FAST).result()
        tags = self.client.tags
        merged = tags.begin_update_at_scope(group.id, {"operation": "Merge", "properties": {"tags": {"b": "2"}}},
                                            **FAST).result()
        self.assertEqual(merged.properties.tags, {"a": "1", "b": "2"})
        self.assertEqual(self.client.resource_groups.get(name).tags, {"a": "1", "b": "2"})

        put = tags.begin_create_or_update_at_scope(vnet.id, {"properties": {"tags": {"env": "test", "x": "y"}}},
                                                   **FAST).result()
        self.assertEqual(put.id.lower(), (vnet.id + "/providers/Microsoft.Resources/tags/default").lower())
        self.assertEqual(put.name, "default")
        self.assertEqual(self.client.resources.get_by_id(vnet.id, "2024-05-01").tags, {"env": "test", "x": "y"})
        tags.begin_update_at_scope(vnet.id, {"operation": "Delete", "properties": {"tags": {"x": ""}}}, **FAST).result()
        self.assertEqual(tags.get_at_scope(vnet.id).properties.tags, {"env": "test"})
        found = [r.name for r in self.client.resources.list_by_resource_group(name, filter="tagName eq 'env'")]
        self.assertEqual(found, ["tagged"])
        tags.begin_delete_at_scope(vnet.id, **FAST).result()
        self.assertEqual(tags.get_at_scope(vnet.id).properties.tags, {})
        self.client.resource_groups.begin_delete(name, **FAST).result()

    def test_unknown_group_is_resource_group_not_found(self):
        with self.assertRaises(ResourceNotFoundError) as caught:
            self.client.resource_groups.get(f"py-no-such-group-{SUFFIX}")
        self.assertEqual(caught.exception.status_code, 404)
        self.assertEqual(caught.exception.error.code, "ResourceGroupNotFound")


if __name__ == "__main__":
    unittest.main()
