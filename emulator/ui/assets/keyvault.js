// Key Vault page: vaults (settings, access policies, RBAC assignments), keys and secrets (metadata
// only), soft-deleted items with their purge dates, and the audit log as a live, filterable table.
import { h, pill, time, table, kv, getJson } from './dom.js';

export const sections = ['keyvault', 'audit', 'identity'];
let filter = '';
let vaultFilter = '';

function principalName(ctx, oid) {
  const id = ctx.state.identity;
  const u = id.users.find((x) => x.objectId === oid); if (u) return u.userPrincipalName;
  const s = id.servicePrincipals.find((x) => x.objectId === oid); if (s) return `SP ${s.displayName} (${s.appId})`;
  return oid;
}

function perms(p) { return (p || []).join(', ') || '—'; }

function objectsTable(items, kind) {
  const rows = [];
  for (const o of items) {
    const v = o.versions[0] || {};
    rows.push(h('tr', { 'data-testid': `${kind}-row`, 'data-name': o.name },
      h('td', {}, o.vault), h('td', {}, h('code', {}, o.name)), h('td', {}, `${o.versions.length}`),
      h('td', {}, kind === 'key' ? `${v.kty || ''} ${(v.keyOps || []).join(',')}` : h('code', {}, v.contentType || '—')),
      h('td', {}, pill(v.enabled ? 'Enabled' : 'disabled')), h('td', {}, time(v.created)),
      h('td', { class: 'mono' }, v.tags ? Object.entries(v.tags).map(([a, b]) => `${a}=${b}`).join(' ') : '')));
  }
  return table(['vault', 'name', 'versions', kind === 'key' ? 'type / ops' : 'content type', 'state', 'created', 'tags'], rows);
}

export async function render(_args, ctx) {
  const k = ctx.state.keyvault;
  const audit = await getJson(`/ui/api/audit?top=400${vaultFilter ? `&vault=${encodeURIComponent(vaultFilter)}` : ''}`);
  const vaults = k.vaults.map((v) => {
    const p = v.properties || {};
    return h('div', { class: 'card', 'data-testid': 'vault', 'data-name': v.name },
      h('h3', {}, `${v.name} `, h('span', { class: 'muted' }, `${v.resourceGroup} · ${v.location}`)),
      kv([['enabledForDiskEncryption', pill(String(!!p.enabledForDiskEncryption), 'vault-ade')],
        ['enabledForDeployment', String(!!p.enabledForDeployment)], ['RBAC authorization', String(!!p.enableRbacAuthorization)],
        ['soft delete', `${p.enableSoftDelete !== false} (${p.softDeleteRetentionInDays || 90} days)`],
        ['purge protection', String(!!p.enablePurgeProtection)], ['vault URI', h('code', {}, p.vaultUri || '')]]),
      h('h3', {}, 'Access policies'),
      table(['principal', 'keys', 'secrets', 'certificates'], (p.accessPolicies || []).map((a) => h('tr', { 'data-testid': 'policy' },
        h('td', {}, principalName(ctx, a.objectId)), h('td', {}, perms((a.permissions || {}).keys)),
        h('td', {}, perms((a.permissions || {}).secrets)), h('td', {}, perms((a.permissions || {}).certificates))))),
      h('h3', {}, 'Role assignments at or below the vault'),
      table(['role', 'principal', 'scope'], v.roleAssignments.map((r) => h('tr', {}, h('td', {}, r.roleName),
        h('td', {}, principalName(ctx, r.principalId)), h('td', {}, h('code', {}, r.scope))))));
  });
  const live = (x) => x.deletedDate === null;
  const deleted = [
    ...k.keys.filter((x) => !live(x)).map((x) => ['key', x]), ...k.secrets.filter((x) => !live(x)).map((x) => ['secret', x]),
  ].map(([kind, x]) => h('tr', { 'data-testid': 'deleted' }, h('td', {}, kind), h('td', {}, x.vault), h('td', {}, h('code', {}, x.name)),
    h('td', {}, time(x.deletedDate)), h('td', {}, time(x.scheduledPurgeDate))));
  for (const v of k.deletedVaults) deleted.push(h('tr', { 'data-testid': 'deleted' }, h('td', {}, 'vault'), h('td', {}, v.name),
    h('td', {}, ''), h('td', {}, time(v.deletedDate)), h('td', {}, time(v.scheduledPurgeDate))));

  const tbody = h('tbody');
  const rows = audit.value.map((e) => {
    const c = (e.identity && e.identity.claim) || {};
    const caller = c['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] || (c.appid ? `app ${c.appid}` : '—');
    const text = `${e.operationName} ${e.resultType} ${caller} ${e.resourceId} ${e.requestUri}`.toLowerCase();
    return { text, tr: h('tr', { 'data-testid': 'audit', 'data-op': e.operationName },
      h('td', {}, time(e.time)), h('td', {}, (e.resourceId || '').split('/').pop()), h('td', {}, h('strong', {}, e.operationName)),
      h('td', {}, pill(e.resultType)), h('td', {}, String(e.httpStatusCode)), h('td', {}, caller), h('td', { class: 'mono' }, e.requestUri)) };
  });
  const apply = () => tbody.replaceChildren(...rows.filter((r) => !filter || r.text.includes(filter.toLowerCase())).map((r) => r.tr));
  apply();
  const search = h('input', { type: 'search', placeholder: 'filter: operation, caller, result…', value: filter, 'data-testid': 'audit-filter' });
  search.addEventListener('input', () => { filter = search.value; apply(); });
  // A live refresh replaces the page: keep typing where the user was.
  if (document.activeElement && document.activeElement.dataset.testid === 'audit-filter') {
    requestAnimationFrame(() => { search.focus(); search.setSelectionRange(filter.length, filter.length); });
  }
  const select = h('select', {}, h('option', { value: '' }, 'all vaults'),
    k.vaults.map((v) => h('option', { value: v.name, selected: v.name === vaultFilter }, v.name)));
  select.addEventListener('change', () => { vaultFilter = select.value; window.dispatchEvent(new HashChangeEvent('hashchange')); });

  return h('div', {},
    h('h1', {}, 'Key Vault'),
    vaults.length ? vaults : h('p', { class: 'muted' }, 'No vault yet (az keyvault create ...).'),
    h('h2', {}, 'Keys (metadata only)'), h('div', { class: 'card' }, objectsTable(k.keys.filter(live), 'key')),
    h('h2', {}, 'Secrets (metadata only, never values)'), h('div', { class: 'card' }, objectsTable(k.secrets.filter(live), 'secret')),
    h('h2', {}, 'Soft-deleted'), h('div', { class: 'card' }, table(['kind', 'vault', 'name', 'deleted', 'purge after'], deleted)),
    h('h2', {}, 'Audit log (live)'),
    h('div', { class: 'toolbar' }, search, select, h('span', { class: 'muted' }, `${audit.value.length} newest rows`)),
    h('div', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, ['time', 'vault', 'operation', 'result', 'status', 'caller', 'request']
      .map((x) => h('th', {}, x)))), tbody)));
}
