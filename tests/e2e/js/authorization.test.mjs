// e2e with the Azure SDK for JavaScript: @azure/arm-authorization manages role assignments for a
// service principal made through Graph (plain REST through @azure/core-rest-pipeline: the suite has no
// Graph SDK). The principal is refused a resource group read (AuthorizationFailed) until it holds Reader
// on the group, and refused again once the assignment is deleted. Proxy mode, as arm_identity.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceManagementClient } from '@azure/arm-resources';
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest,
} from '@azure/core-rest-pipeline';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const authz = new AuthorizationManagementClient(credential, subscription);
const resources = new ResourceManagementClient(credential, subscription);
const group = `js-authz-${process.pid}`;
const groupScope = `/subscriptions/${subscription}/resourceGroups/${group}`;
const readerId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';  // Reader's built-in role definition name, fixed in every tenant
let app, sp, spSecret;

// graph METHOD PATH [BODY]: one Microsoft Graph v1.0 call as the bootstrap principal; returns the parsed body.
const pipeline = createPipelineFromOptions({});  // proxy policy from HTTPS_PROXY, as the SDKs do
pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: 'https://graph.microsoft.com/.default' }));
async function graph(method, path, body) {
  const res = await pipeline.sendRequest(createDefaultHttpClient(), createPipelineRequest({
    url: `https://graph.microsoft.com/v1.0${path}`, method,
    headers: createHttpHeaders({ 'content-type': 'application/json' }), body: body && JSON.stringify(body),
  }));
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.bodyAsText}`);
  return res.bodyAsText ? JSON.parse(res.bodyAsText) : undefined;
}

before(async () => {
  app = await graph('POST', '/applications', { displayName: `js-authz-${process.pid}` });
  sp = await graph('POST', '/servicePrincipals', { appId: app.appId });
  spSecret = (await graph('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'js' } })).secretText;
  await resources.resourceGroups.createOrUpdate(group, { location: 'westus' });
});

after(async () => {
  await resources.resourceGroups.beginDeleteAndWait(group, { updateIntervalInMs: 100 });
  await graph('DELETE', `/applications/${app.id}`);
});

test('role definitions: the built-in roles are listed at the subscription and found by roleName', async () => {
  const names = [];
  for await (const d of authz.roleDefinitions.list(`/subscriptions/${subscription}`)) names.push(d.roleName);
  for (const role of ['Owner', 'Contributor', 'Reader', 'Key Vault Administrator']) assert.ok(names.includes(role), role);
  const reader = [];
  for await (const d of authz.roleDefinitions.list(groupScope, { filter: "roleName eq 'Reader'" })) reader.push(d);
  assert.equal(reader.length, 1);
  assert.equal(reader[0].name, readerId);
  assert.equal(reader[0].roleType, 'BuiltInRole');
  assert.ok(reader[0].permissions[0].actions.includes('*/read'));
  const got = await authz.roleDefinitions.get(groupScope, readerId);
  assert.equal(got.roleName, 'Reader');
});

test('role assignment for a service principal: create, get, list, delete; it grants and then revokes access', async () => {
  const asSp = new ResourceManagementClient(new ClientSecretCredential(tenant, app.appId, spSecret), subscription);
  const refused = (e) => e.statusCode === 403 && e.code === 'AuthorizationFailed';
  await assert.rejects(asSp.resourceGroups.get(group), refused);

  const name = crypto.randomUUID();
  const roleDefinitionId = `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${readerId}`;
  const created = await authz.roleAssignments.create(groupScope, name,
    { roleDefinitionId, principalId: sp.id, principalType: 'ServicePrincipal' });
  assert.equal(created.name, name);
  assert.equal(created.principalId, sp.id);
  assert.equal(created.principalType, 'ServicePrincipal');
  assert.equal(created.scope.toLowerCase(), groupScope.toLowerCase());
  assert.equal(created.roleDefinitionId.toLowerCase(), roleDefinitionId.toLowerCase());
  assert.equal(created.type, 'Microsoft.Authorization/roleAssignments');

  const got = await authz.roleAssignments.get(groupScope, name);
  assert.equal(got.id, created.id);
  assert.equal((await authz.roleAssignments.getById(created.id)).name, name);
  const atScope = [];
  for await (const a of authz.roleAssignments.listForScope(groupScope, { filter: `principalId eq '${sp.id}'` })) atScope.push(a.name);
  assert.deepEqual(atScope, [name]);
  const inGroup = [];
  for await (const a of authz.roleAssignments.listForResourceGroup(group)) inGroup.push(a.name);
  assert.ok(inGroup.includes(name));

  // A second assignment of the same role to the same principal at the same scope is refused, as Azure does.
  await assert.rejects(authz.roleAssignments.create(groupScope, crypto.randomUUID(),
    { roleDefinitionId, principalId: sp.id, principalType: 'ServicePrincipal' }), (e) => e.statusCode === 409 && e.code === 'RoleAssignmentExists');

  assert.equal((await asSp.resourceGroups.get(group)).name, group);

  const deleted = await authz.roleAssignments.delete(groupScope, name);
  assert.equal(deleted.name, name);
  await assert.rejects(authz.roleAssignments.get(groupScope, name), (e) => e.statusCode === 404 && e.code === 'RoleAssignmentNotFound');
  await assert.rejects(asSp.resourceGroups.get(group), refused);
});
