// e2e: azemu serves the api-versions the pinned SDKs send. Each management client gets a pipeline
// policy that records the api-version of its requests; after one read per resource type, GET
// /providers/{namespace} (through @azure/arm-resources) must list that version for the type, as the
// public cloud's catalog does. A new SDK major that moves to a newer api-version fails here until
// fake-arm/resources/providers/providers_catalog.cpp lists it (README.md "Keeping the SDKs current").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const group = `js-apiv-${process.pid}`;

// client(Class): the client with a policy that remembers the api-version of its last request.
let lastVersion;
const capture = { name: 'captureApiVersion', sendRequest: (req, next) => {
  lastVersion = new URL(req.url).searchParams.get('api-version');
  return next(req);
} };
const client = (Class) => new Class(credential, subscription, { additionalPolicies: [{ policy: capture, position: 'perCall' }] });

async function drain(iterable) {
  for await (const _ of iterable);  // eslint-disable-line no-unused-vars
}

test('every api-version the SDKs send is listed for its resource type by GET /providers/{namespace}', async () => {
  const resources = client(ResourceManagementClient);
  await resources.resourceGroups.createOrUpdate(group, { location: 'westus' });
  const compute = client(ComputeManagementClient);
  const network = client(NetworkManagementClient);
  const keyvault = client(KeyVaultManagementClient);
  const authz = client(AuthorizationManagementClient);
  const deployments = client(DeploymentsClient);
  const reads = [
    ['Microsoft.Resources', 'resourceGroups', () => drain(resources.resourceGroups.list())],
    ['Microsoft.Resources', 'deployments', () => drain(deployments.deployments.listByResourceGroup(group))],
    ['Microsoft.Compute', 'virtualMachines', () => drain(compute.virtualMachines.listAll())],
    ['Microsoft.Compute', 'disks', () => drain(compute.disks.list())],
    ['Microsoft.Network', 'virtualNetworks', () => drain(network.virtualNetworks.listAll())],
    ['Microsoft.Network', 'publicIPAddresses', () => drain(network.publicIPAddresses.listAll())],
    ['Microsoft.KeyVault', 'vaults', () => drain(keyvault.vaults.listBySubscription())],
    ['Microsoft.Authorization', 'roleDefinitions', () => drain(authz.roleDefinitions.list(`/subscriptions/${subscription}`))],
    ['Microsoft.Authorization', 'roleAssignments', () => drain(authz.roleAssignments.listForSubscription())],
  ];
  const sent = [];
  for (const [ns, type, read] of reads) {
    lastVersion = undefined;
    await read();
    assert.ok(lastVersion, `${ns}/${type}: no api-version sent`);
    sent.push([ns, type, lastVersion]);
  }
  const plain = new ResourceManagementClient(credential, subscription);
  for (const [ns, type, version] of sent) {
    const provider = await plain.providers.get(ns);
    const listed = provider.resourceTypes.find((t) => t.resourceType.toLowerCase() === type.toLowerCase());
    assert.ok(listed, `${ns}/${type} is not in the provider's resourceTypes`);
    assert.ok(listed.apiVersions.includes(version), `${ns}/${type}: the SDK sends ${version}, the catalog lists ${listed.apiVersions.join(', ')}`);
  }
  await resources.resourceGroups.beginDeleteAndWait(group, { updateIntervalInMs: 100 });
});
