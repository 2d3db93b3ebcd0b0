// e2e (issue 14): a fault rule makes Key Vault answer one unwrapKey with 503 ServerBusy + Retry-After,
// and @azure/keyvault-keys' own retry policy rides it out; the rule's hit count says it fired. The
// rule is added through azemu's control API on plain HTTP, as a test suite would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ResourceManagementClient } from '@azure/arm-resources';
import { KeyClient, CryptographyClient } from '@azure/keyvault-keys';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const control = `http://127.0.0.1:${process.env.AZEMU_PORT}/_azemu/faults`;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const suffix = `${process.pid}`.slice(-6);
const group = `js-faults-${suffix}`;
let vaultUrl;

before(async () => {
  const token = await credential.getToken('https://management.azure.com/.default');
  const objectId = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString()).oid;
  await new ResourceManagementClient(credential, subscription).resourceGroups.createOrUpdate(group, { location: 'westus' });
  const vault = await new KeyVaultManagementClient(credential, subscription).vaults.beginCreateOrUpdateAndWait(group,
    `jsflt${suffix}`, { location: 'westus', properties: { tenantId: tenant, sku: { family: 'A', name: 'standard' },
      accessPolicies: [{ tenantId: tenant, objectId, permissions: { keys: ['all'] } }] } }, { updateIntervalInMs: 100 });
  vaultUrl = vault.properties.vaultUri;
});

after(async () => { await fetch(control, { method: 'DELETE' }); });

test('a ServerBusy rule on unwrapKey is retried by @azure/keyvault-keys and the unwrap succeeds', async () => {
  const key = await new KeyClient(vaultUrl, credential).createRsaKey('busy', { keySize: 2048 });
  const cc = new CryptographyClient(key, credential);
  const secret = crypto.randomBytes(32);
  const wrapped = await cc.wrapKey('RSA-OAEP', secret);

  const added = await fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'keyvault', method: 'POST', path: '/keys/*/unwrapkey', status: 503, retryAfter: 1, count: 1 }) });
  assert.equal(added.status, 201);
  const rule = await added.json();
  assert.equal(rule.code, 'ServerBusy');

  const unwrapped = await cc.unwrapKey('RSA-OAEP', wrapped.result);
  assert.deepEqual(Buffer.from(unwrapped.result), secret);

  const rules = (await (await fetch(control)).json()).value;
  assert.equal(rules.find((r) => r.id === rule.id).hits, 1, 'the 503 was served once, then the retry went through');
});

test('a bad rule is refused with InvalidFaultRule and adds nothing', async () => {
  const before = (await (await fetch(control)).json()).value.length;
  const res = await fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 503, probabilty: 0.5 }) });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'InvalidFaultRule');
  assert.equal((await (await fetch(control)).json()).value.length, before);
});
