# azure-identity against azemu's Entra endpoint (proxy mode): ClientSecretCredential, and DefaultAzureCredential
# reading AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (its EnvironmentCredential), both for the
# bootstrap service principal; AzureCliCredential after `az login` (the root's az 2.74, AZURE_CONFIG_DIR from
# `azemu env`), which DefaultAzureCredential falls back to without those variables; a wrong secret fails with
# Entra's AADSTS7000215. MSAL's instance discovery and the OIDC metadata come from azemu too (nothing here reaches
# the internet: HTTPS_PROXY is azemu).
import os
import subprocess
import time
import unittest
from unittest import mock

from azure.core.exceptions import ClientAuthenticationError
from azure.identity import AzureCliCredential, ClientSecretCredential, DefaultAzureCredential
from azure.mgmt.resource import ResourceManagementClient

from sdk_common import CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION, TENANT, claims, credential

ARM = "https://management.azure.com/.default"
VAULT = "https://vault.azure.net/.default"


class IdentityTest(unittest.TestCase):
    def test_client_secret_credential_gets_arm_and_vault_tokens(self):
        cred = credential()
        token = cred.get_token(ARM)
        c = claims(token.token)
        self.assertEqual(c["appid"], CLIENT_ID)
        self.assertEqual(c["tid"], TENANT)
        self.assertEqual(c["aud"].rstrip("/"), "https://management.azure.com")
        self.assertGreater(token.expires_on, time.time() + 600)
        vault = claims(cred.get_token(VAULT).token)
        self.assertEqual(vault["aud"].rstrip("/"), "https://vault.azure.net")
        self.assertEqual(vault["oid"], c["oid"])

    def test_get_token_info(self):
        # azure-identity >= 1.19's AccessTokenInfo path (what azure-core's bearer policy calls now).
        info = credential().get_token_info(ARM)
        self.assertEqual(claims(info.token)["appid"], CLIENT_ID)
        self.assertGreater(info.expires_on, time.time())
        self.assertEqual(info.token_type, "Bearer")

    def test_default_azure_credential_from_environment(self):
        env = {"AZURE_TENANT_ID": TENANT, "AZURE_CLIENT_ID": CLIENT_ID, "AZURE_CLIENT_SECRET": CLIENT_SECRET}
        with mock.patch.dict(os.environ, env):
            cred = DefaultAzureCredential()
            token = cred.get_token(ARM)
            # ... and a client authenticates with it.
            groups = list(ResourceManagementClient(cred, SUBSCRIPTION).resource_groups.list())
        self.assertIsInstance(groups, list)
        c = claims(token.token)
        self.assertEqual(c["appid"], CLIENT_ID)
        self.assertEqual(c["tid"], TENANT)
        # The chain settled on its environment credential, not a later one.
        self.assertEqual(type(cred._successful_credential).__name__, "EnvironmentCredential")

    def test_azure_cli_credential_and_the_default_chain_falling_back_to_it(self):
        login = subprocess.run(["az", "login", "--service-principal", "-u", CLIENT_ID, "-p", CLIENT_SECRET,
                                "--tenant", TENANT, "-o", "none"], capture_output=True, text=True,
                               env={**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"})
        self.assertEqual(login.returncode, 0, login.stderr)
        c = claims(AzureCliCredential().get_token(ARM).token)
        self.assertEqual(c["appid"], CLIENT_ID)
        self.assertEqual(c["tid"], TENANT)
        unset = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_CLIENT") and k != "AZURE_TENANT_ID"}
        with mock.patch.dict(os.environ, unset, clear=True):
            cred = DefaultAzureCredential()
            self.assertEqual(claims(cred.get_token(VAULT).token)["aud"].rstrip("/"), "https://vault.azure.net")
        self.assertEqual(type(cred._successful_credential).__name__, "AzureCliCredential")

    def test_wrong_secret_is_refused_with_aadsts7000215(self):
        cred = ClientSecretCredential(TENANT, CLIENT_ID, "wrong-secret")
        with self.assertRaises(ClientAuthenticationError) as caught, self.assertLogs("azure.identity", "WARNING"):
            cred.get_token(ARM)
        self.assertIn("AADSTS7000215", str(caught.exception))

    def test_unknown_client_is_refused_with_aadsts700016(self):
        cred = ClientSecretCredential(TENANT, "00000000-0000-0000-0000-00000000f00d", CLIENT_SECRET)
        with self.assertRaises(ClientAuthenticationError) as caught, self.assertLogs("azure.identity", "WARNING"):
            cred.get_token(ARM)
        self.assertIn("AADSTS700016", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
