# azure-keyvault-secrets against azemu's Key Vault (proxy mode): set (new versions, content type, tags,
# expiry), get latest and by version, list properties and versions (values never listed), update properties,
# delete through begin_delete_secret's poller, the deleted secret and its listing, recover through its poller,
# backup/restore, purge; a disabled version refuses get, a missing secret is 404 SecretNotFound.
import datetime
import unittest

from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.keyvault.secrets import SecretClient

import sdk_vaults
from sdk_common import KV_FAST, credential


class SecretsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = sdk_vaults.vault("main").properties.vault_uri
        cls.secrets = SecretClient(cls.url, credential())

    def test_set_get_list_update(self):
        s = self.secrets
        expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        first = s.set_secret("s1", "first", content_type="text/plain", tags={"n": "1"}, expires_on=expires)
        self.assertEqual(first.value, "first")
        self.assertEqual(first.properties.content_type, "text/plain")
        self.assertEqual(first.properties.expires_on, expires)
        self.assertEqual(first.id, f"{self.url}secrets/s1/{first.properties.version}")
        self.assertRegex(first.properties.version, r"^[0-9a-f]{32}$")
        second = s.set_secret("s1", "second")
        self.assertNotEqual(first.properties.version, second.properties.version)

        self.assertEqual(s.get_secret("s1").value, "second")
        self.assertEqual(s.get_secret("s1", first.properties.version).value, "first")
        self.assertEqual(s.get_secret("s1", first.properties.version).properties.tags, {"n": "1"})
        listed = {p.name: p for p in s.list_properties_of_secrets()}
        self.assertIn("s1", listed)
        self.assertTrue(listed["s1"].enabled)
        self.assertFalse(hasattr(listed["s1"], "value"))
        versions = {p.version for p in s.list_properties_of_secret_versions("s1")}
        self.assertEqual(versions, {first.properties.version, second.properties.version})

        updated = s.update_secret_properties("s1", first.properties.version, enabled=False, tags={"n": "old"})
        self.assertFalse(updated.enabled)
        self.assertEqual(updated.tags, {"n": "old"})
        self.assertEqual(updated.content_type, "text/plain")  # unchanged fields stay
        with self.assertRaises(HttpResponseError) as caught:
            s.get_secret("s1", first.properties.version)
        self.assertEqual(caught.exception.status_code, 403)
        self.assertEqual(s.get_secret("s1").value, "second")  # the latest version is untouched

    def test_delete_recover_backup_purge(self):
        s = self.secrets
        kept = s.set_secret("lifecycle", "keep me")
        deleted = s.begin_delete_secret("lifecycle", **KV_FAST).result()
        self.assertEqual(deleted.name, "lifecycle")
        self.assertEqual(deleted.recovery_id, f"{self.url}deletedsecrets/lifecycle")
        self.assertIsNotNone(deleted.deleted_date)
        self.assertGreater(deleted.scheduled_purge_date, deleted.deleted_date)
        with self.assertRaises(ResourceNotFoundError) as caught:
            s.get_secret("lifecycle")
        self.assertEqual(caught.exception.error.code, "SecretNotFound")
        self.assertEqual(s.get_deleted_secret("lifecycle").properties.version, kept.properties.version)
        self.assertIn("lifecycle", [d.name for d in s.list_deleted_secrets()])
        with self.assertRaises(ResourceExistsError):  # a deleted name is taken until purged or recovered
            s.set_secret("lifecycle", "new")

        recovered = s.begin_recover_deleted_secret("lifecycle", **KV_FAST).result()
        self.assertEqual(recovered.version, kept.properties.version)
        self.assertEqual(s.get_secret("lifecycle").value, "keep me")

        backup = s.backup_secret("lifecycle")
        s.begin_delete_secret("lifecycle", **KV_FAST).wait()
        s.purge_deleted_secret("lifecycle")
        with self.assertRaises(ResourceNotFoundError):
            s.get_deleted_secret("lifecycle")
        restored = s.restore_secret_backup(backup)
        self.assertEqual(restored.version, kept.properties.version)
        self.assertEqual(s.get_secret("lifecycle").value, "keep me")


if __name__ == "__main__":
    unittest.main()
