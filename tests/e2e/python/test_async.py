# The asynchronous clients (azure.identity.aio, azure.mgmt.resource.aio, azure.keyvault.*.aio) over azure-core's
# aiohttp transport, which reads the proxy from HTTPS_PROXY (trust_env) and the CA from SSL_CERT_FILE
# (python_sdk_test.sh points it at `azemu env`'s bundle), not from REQUESTS_CA_BUNDLE as the synchronous ones.
# Several requests run at once on one event loop: a group lifecycle, secrets and signatures verified locally.
import asyncio
import hashlib
import unittest

from azure.identity.aio import ClientSecretCredential
from azure.keyvault.keys.aio import KeyClient
from azure.keyvault.keys.crypto import SignatureAlgorithm
from azure.keyvault.keys.crypto.aio import CryptographyClient
from azure.keyvault.secrets.aio import SecretClient
from azure.mgmt.resource.resources.aio import ResourceManagementClient
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

import sdk_vaults
from sdk_common import CLIENT_ID, CLIENT_SECRET, FAST, KV_FAST, LOCATION, SUBSCRIPTION, SUFFIX, TENANT, public_key


class AsyncClientsTest(unittest.IsolatedAsyncioTestCase):
    @classmethod
    def setUpClass(cls):
        cls.vault_url = sdk_vaults.vault("main").properties.vault_uri  # made with the synchronous client

    async def asyncSetUp(self):
        # unittest runs the loop in debug mode, which reports every step over 0.1 s (a token request is one).
        asyncio.get_running_loop().slow_callback_duration = 10
        self.cred = ClientSecretCredential(TENANT, CLIENT_ID, CLIENT_SECRET)

    async def asyncTearDown(self):
        await self.cred.close()

    async def test_groups_concurrently(self):
        async with ResourceManagementClient(self.cred, SUBSCRIPTION) as client:
            names = [f"py-async-{SUFFIX}-{i}" for i in range(4)]
            created = await asyncio.gather(*(client.resource_groups.create_or_update(n, {"location": LOCATION})
                                             for n in names))
            self.assertEqual([g.name for g in created], names)
            listed = [g.name async for g in client.resource_groups.list()]
            self.assertTrue(set(names) <= set(listed))
            pollers = await asyncio.gather(*(client.resource_groups.begin_delete(n, **FAST) for n in names))
            await asyncio.gather(*(p.result() for p in pollers))
            exists = await asyncio.gather(*(client.resource_groups.check_existence(n) for n in names))
            self.assertEqual(exists, [False] * 4)

    async def test_secrets_concurrently(self):
        async with SecretClient(self.vault_url, self.cred) as secrets:
            # One request first: Key Vault's challenge (401, then the token) is learnt once per vault. The packaged
            # SDK (secrets 4.10.0b2) keeps the body-stripped first request on the policy instance
            # (self._request_copy), so concurrent first requests would all replay the last one's body — a client
            # bug that Azure sees too, fixed upstream after 4.10 (azure-sdk-for-python PR #48537).
            await secrets.set_secret("async-first", "learns the challenge")
            values = {f"async{i}": f"value {i}" for i in range(5)}
            await asyncio.gather(*(secrets.set_secret(n, v) for n, v in values.items()))
            got = await asyncio.gather(*(secrets.get_secret(n) for n in values))
            self.assertEqual({s.name: s.value for s in got}, values)
            poller = await secrets.delete_secret("async0", **KV_FAST)  # the aio client's delete waits itself
            self.assertEqual(poller.name, "async0")
            names = [p.name async for p in secrets.list_properties_of_secrets()]
            self.assertNotIn("async0", names)
            self.assertIn("async1", names)

    async def test_sign_concurrently_verify_locally(self):
        async with KeyClient(self.vault_url, self.cred) as keys:
            key = await keys.create_rsa_key("asyncsign", size=2048)  # alone: the challenge, as above
        pub = public_key(key.key)
        async with CryptographyClient(key, self.cred) as cc:
            digests = [hashlib.sha256(f"message {i}".encode()).digest() for i in range(6)]
            signed = await asyncio.gather(*(cc.sign(SignatureAlgorithm.rs256, d) for d in digests))
        for digest, result in zip(digests, signed):
            pub.verify(result.signature, digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))


if __name__ == "__main__":
    unittest.main()
