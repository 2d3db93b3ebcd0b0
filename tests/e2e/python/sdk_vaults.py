# Vaults the Key Vault tests share, made once per process through azure-mgmt-keyvault (access-policy vaults,
# enabled for disk encryption, as the ADE workflow needs): "main" grants the bootstrap principal every key and
# secret permission; "noget" grants the key operations but not keys/get, so azure-keyvault-keys'
# CryptographyClient cannot download the key and sends every operation (wrap, encrypt, verify too) to the vault;
# "ade" holds the disk encryption secrets and KEK of test_compute_ade.py; "plain" is the one vault not enabled for
# disk encryption (the platform refuses it for ADE).
import functools

from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.keyvault.models import (AccessPolicyEntry, Permissions, Sku, VaultCreateOrUpdateParameters,
                                        VaultProperties)
from azure.mgmt.resource import ResourceManagementClient

from sdk_common import FAST, LOCATION, SUBSCRIPTION, SUFFIX, TENANT, credential, object_id

GROUP = f"py-kv-{SUFFIX}"
ALL = Permissions(keys=["all"], secrets=["all"])
NO_KEY_GET = Permissions(keys=["create", "import", "list", "wrapKey", "unwrapKey", "encrypt", "decrypt", "sign", "verify"],
                         secrets=["get"])
_PERMISSIONS = {"main": ALL, "noget": NO_KEY_GET, "ade": ALL, "plain": ALL}


@functools.cache
def group():
    ResourceManagementClient(credential(), SUBSCRIPTION).resource_groups.create_or_update(GROUP, {"location": LOCATION})
    return GROUP


def vault_name(kind):
    return f"py{kind}{SUFFIX}"


@functools.cache
def vault(kind):
    """The vault (azure.mgmt.keyvault Vault model) of that kind, created on first use."""
    cred = credential()
    params = VaultCreateOrUpdateParameters(
        location=LOCATION,
        tags={"sdk": "python"},
        properties=VaultProperties(
            tenant_id=TENANT,
            sku=Sku(family="A", name="standard"),
            enabled_for_disk_encryption=kind != "plain",
            enable_rbac_authorization=False,
            access_policies=[AccessPolicyEntry(tenant_id=TENANT, object_id=object_id(cred),
                                               permissions=_PERMISSIONS[kind])]))
    client = KeyVaultManagementClient(cred, SUBSCRIPTION)
    return client.vaults.begin_create_or_update(group(), vault_name(kind), params, **FAST).result()
