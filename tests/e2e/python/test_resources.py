# azure-mgmt-resource against azemu's ARM (proxy mode): resource group create/get/list/update/exists and
# delete through its LRO poller (202 + Location polling); an unknown group is ResourceGroupNotFound.
import unittest

from azure.core.exceptions import ResourceNotFoundError
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

    def test_unknown_group_is_resource_group_not_found(self):
        with self.assertRaises(ResourceNotFoundError) as caught:
            self.client.resource_groups.get(f"py-no-such-group-{SUFFIX}")
        self.assertEqual(caught.exception.status_code, 404)
        self.assertEqual(caught.exception.error.code, "ResourceGroupNotFound")


if __name__ == "__main__":
    unittest.main()
