// Identity page: users, applications with their credentials' metadata (hint and dates, never the
// secret), service principals, and Azure role assignments.
import { h, pill, time, table } from './dom.js';

export const sections = ['identity'];

function nameOf(id, oid) {
  const u = id.users.find((x) => x.objectId === oid); if (u) return u.userPrincipalName;
  const s = id.servicePrincipals.find((x) => x.objectId === oid); if (s) return `SP ${s.displayName}`;
  return oid;
}

export async function render(_args, ctx) {
  const id = ctx.state.identity;
  return h('div', {},
    h('h1', {}, 'Identity'),
    h('p', { class: 'muted' }, id.tenants.map((t) => `Tenant ${t.displayName} (${t.defaultDomain}) ${t.id}`).join(' · ')),
    h('h2', {}, 'Users'),
    h('div', { class: 'card' }, table(['user principal name', 'display name', 'object id', 'enabled', 'created'],
      id.users.map((u) => h('tr', { 'data-testid': 'user' }, h('td', {}, u.userPrincipalName), h('td', {}, u.displayName),
        h('td', {}, h('code', {}, u.objectId)), h('td', {}, pill(String(u.accountEnabled))), h('td', {}, time(u.created)))))),
    h('h2', {}, 'Applications and their credentials'),
    h('div', { class: 'card' }, table(['display name', 'app id', 'password credentials (hint, validity)', 'created'],
      id.applications.map((a) => h('tr', { 'data-testid': 'application' }, h('td', {}, a.displayName), h('td', {}, h('code', {}, a.appId)),
        h('td', {}, a.passwordCredentials.length ? a.passwordCredentials.map((c) => h('div', {},
          h('code', {}, `${c.hint}…`), ` ${c.displayName || ''} ${time(c.startDateTime)} → ${time(c.endDateTime)}`)) : '—'),
        h('td', {}, time(a.created)))))),
    h('h2', {}, 'Service principals'),
    h('div', { class: 'card' }, table(['display name', 'app id', 'object id', 'enabled'],
      id.servicePrincipals.map((s) => h('tr', { 'data-testid': 'sp' }, h('td', {}, s.displayName), h('td', {}, h('code', {}, s.appId)),
        h('td', {}, h('code', {}, s.objectId)), h('td', {}, pill(String(s.accountEnabled))))))),
    h('h2', {}, 'Role assignments'),
    h('div', { class: 'card' }, table(['role', 'principal', 'type', 'scope', 'created'],
      id.roleAssignments.map((r) => h('tr', { 'data-testid': 'role-assignment' }, h('td', {}, h('strong', {}, r.roleName)),
        h('td', {}, nameOf(id, r.principalId)), h('td', {}, r.principalType), h('td', {}, h('code', {}, r.scope)), h('td', {}, time(r.createdOn)))))));
}
