// Cloud page: subscriptions → resource groups → resources with their provisioning state, the
// long-running operations (in flight first), and deployments with their operations.
import { h, pill, time, table } from './dom.js';

export const sections = ['cloud', 'vms'];

function resourceLink(r) {
  if (/^Microsoft\.Compute\/virtualMachines$/i.test(r.type)) return h('a', { href: `#/vm/${encodeURIComponent(r.name)}` }, r.name);
  if (/^Microsoft\.KeyVault\/vaults$/i.test(r.type)) return h('a', { href: '#/keyvault' }, r.name);
  return r.name;
}

export async function render(_args, ctx) {
  const c = ctx.state.cloud;
  const subs = c.subscriptions.map((s) => h('li', {},
    h('strong', {}, `Subscription ${s.name}`), ' ', h('code', {}, s.id), ' ', pill(s.state),
    h('div', { class: 'muted' }, 'Providers registered: ',
      s.providers.length ? s.providers.map((p) => [h('code', {}, p.namespace), ' ', pill(p.state), ' ']) : 'defaults only'),
    h('ul', { class: 'tree' }, s.groups.map((g) => h('li', { 'data-testid': 'group', 'data-name': g.name },
      h('strong', {}, g.name), ` (${g.location}) `, pill(g.provisioningState),
      h('ul', { class: 'tree' }, g.resources.map((r) => h('li', { 'data-testid': 'resource', 'data-type': r.type, 'data-name': r.name },
        h('span', { class: 'muted' }, r.type.replace(/^Microsoft\./, ''), ' '), resourceLink(r), ' ',
        pill(r.provisioningState, `ps-${r.name}`)))))))));
  const ops = c.operations.map((o) => h('tr', { 'data-testid': 'operation', 'data-status': o.status },
    h('td', {}, pill(o.status)), h('td', {}, o.kind), h('td', {}, h('code', {}, (o.resourceId || '').split('/').slice(-2).join('/'))),
    h('td', {}, o.status === 'InProgress' ? `${Math.round(o.percentComplete || 0)}%` : ''),
    h('td', {}, time(o.startTime)), h('td', {}, time(o.endTime)),
    h('td', {}, o.error ? `${o.error.code || ''}: ${o.error.message || ''}` : '')));
  const deps = c.deployments.map((d) => h('div', { class: 'card' },
    h('strong', {}, d.name), ' ', pill(d.provisioningState), ' ', h('span', { class: 'muted' }, `${time(d.startTime)} → ${time(d.endTime)}`),
    d.error ? h('div', { class: 'state bad' }, `${d.error.code || ''}: ${d.error.message || ''}`) : null,
    table(['operation', 'state', 'type', 'target'], d.operations.map((o) => h('tr', { 'data-testid': 'deployment-operation' },
      h('td', {}, o.provisioningOperation), h('td', {}, pill(o.provisioningState)), h('td', {}, o.resourceType),
      h('td', {}, h('code', {}, (o.targetResource || '').split('/').slice(-2).join('/'))))))));
  const inflight = c.operations.filter((o) => o.status === 'InProgress').length;
  return h('div', {},
    h('h1', {}, 'Cloud'),
    h('div', { class: 'card' }, h('ul', { class: 'tree root' }, subs)),
    h('h2', {}, `Long-running operations (${inflight} in flight)`),
    h('div', { class: 'card' }, table(['status', 'kind', 'resource', 'progress', 'started', 'ended', 'error'], ops)),
    h('h2', {}, 'Deployments'),
    deps.length ? deps : h('p', { class: 'muted' }, 'No deployments yet (az vm create makes one).'));
}
