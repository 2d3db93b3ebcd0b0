// e2e with the Azure SDK for JavaScript: @azure/identity's ClientSecretCredential gets a token from
// azemu's Entra endpoint and @azure/arm-resources manages resource groups with it (proxy mode: the
// runner exports HTTPS_PROXY and NODE_EXTRA_CA_CERTS from `azemu env`). The service principal is
// JS_CLIENT_ID/JS_CLIENT_SECRET when set (a principal created through Graph), else the bootstrap SP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const clientId = process.env.JS_CLIENT_ID || process.env.AZEMU_CLIENT_ID;
const secret = process.env.JS_CLIENT_SECRET || process.env.AZEMU_CLIENT_SECRET;
const group = `js-group-${process.pid}`;

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

test('ClientSecretCredential gets an ARM token for the service principal', async () => {
  const credential = new ClientSecretCredential(tenant, clientId, secret);
  const token = await credential.getToken('https://management.azure.com/.default');
  const c = claims(token.token);
  assert.equal(c.appid, clientId);
  assert.equal(c.tid, tenant);
  assert.ok(token.expiresOnTimestamp > Date.now());
});

test('a wrong secret is refused with AADSTS7000215', async () => {
  const credential = new ClientSecretCredential(tenant, clientId, 'wrong-secret');
  await assert.rejects(credential.getToken('https://management.azure.com/.default'), /AADSTS7000215/);
});

test('ARM accepts the token: resource group create, get, list, delete (LRO)', async () => {
  const client = new ResourceManagementClient(new ClientSecretCredential(tenant, clientId, secret), subscription);
  const created = await client.resourceGroups.createOrUpdate(group, { location: 'West US', tags: { sdk: 'js' } });
  assert.equal(created.location, 'westus');
  assert.equal(created.properties.provisioningState, 'Succeeded');
  const got = await client.resourceGroups.get(group);
  assert.equal(got.tags.sdk, 'js');
  const names = [];
  for await (const g of client.resourceGroups.list()) names.push(g.name);
  assert.ok(names.includes(group));
  assert.equal((await client.resourceGroups.checkExistence(group)).body, true);
  await client.resourceGroups.beginDeleteAndWait(group, { updateIntervalInMs: 100 });
  assert.equal((await client.resourceGroups.checkExistence(group)).body, false);
});

test('ARM errors surface as RestError with ARM codes', async () => {
  const client = new ResourceManagementClient(new ClientSecretCredential(tenant, clientId, secret), subscription);
  await assert.rejects(client.resourceGroups.get('no-such-group-js'), (e) => e.code === 'ResourceGroupNotFound' && e.statusCode === 404);
});
