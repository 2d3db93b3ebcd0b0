// The SDK side of the example: runs with the environment startAzemu() returns (HTTPS_PROXY, NODE_EXTRA_CA_CERTS,
// AZEMU_* identities) and talks to Azure's public host names, which the proxy answers from azemu.
import { ClientSecretCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { KeyClient } from '@azure/keyvault-keys';

const { AZEMU_TENANT_ID: tenant, AZEMU_SUBSCRIPTION_ID: subscription } = process.env;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const group = await new ResourceManagementClient(credential, subscription).resourceGroups
  .createOrUpdate('tc-rg', { location: 'westeurope' });
console.log(`group ${group.name} ${group.properties.provisioningState}`);
const token = await credential.getToken('https://management.azure.com/.default');
const objectId = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString()).oid;
const vault = await new KeyVaultManagementClient(credential, subscription).vaults.beginCreateOrUpdateAndWait('tc-rg', 'tckv', {
  location: 'westeurope',
  properties: {
    tenantId: tenant, sku: { family: 'A', name: 'standard' },
    accessPolicies: [{ tenantId: tenant, objectId, permissions: { keys: ['all'] } }],
  },
});
console.log(`vault ${vault.properties.vaultUri}`);
const key = await new KeyClient(vault.properties.vaultUri, credential).createRsaKey('tc-key', { keySize: 2048 });
console.log(`key ${key.id}`);
