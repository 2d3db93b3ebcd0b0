// The key chain, drawn: KEK (vault, key, version) → wrapped BEK secret (metadata, never the value)
// → the LUKS keyslots of each disk image → the dm-crypt mapping in the guest. Every edge lists the
// audit rows that made or used it (who, when, result); a broken edge is red with the reason.
import { h, pill, time, getJson } from './dom.js';

export const sections = ['vms', 'keyvault', 'audit', 'cloud'];

function who(c) {
  if (!c) return '?';
  if (c.platform) return 'platform';
  return c.upn || (c.appId ? `SP ${c.appId}` : c.objectId || '?');
}

function auditRows(rows) {
  return h('div', { class: 'audit' }, rows.slice(-6).map((a) => h('span', {
    class: `audit-row${a.resultType === 'Success' ? '' : ' fail'}`, 'data-testid': 'audit-row', 'data-op': a.operation,
    'data-platform': a.caller && a.caller.platform ? 'true' : 'false', 'data-result': a.resultType,
  }, h('strong', {}, a.operation), ` ${who(a.caller)} · ${time(a.time)} · ${a.httpStatusCode} ${a.resultType}`)),
  rows.length > 6 ? h('span', { class: 'muted' }, `(${rows.length - 6} earlier)`) : null);
}

function edge(e) {
  if (!e) return h('div', { class: 'edge pending' }, h('span', { class: 'arrow' }, '⟶'));
  const cls = e.ok ? 'edge ok' : e.pending ? 'edge pending' : 'edge broken';
  return h('div', { class: cls, 'data-testid': `edge-${e.from}-${e.to}`, 'data-ok': String(e.ok) },
    h('span', { class: 'label' }, e.label), h('span', { class: 'arrow' }, e.ok ? '⟶' : e.pending ? '⇢' : '✗⟶'),
    e.reason ? h('span', { class: 'reason', title: e.reason, 'data-testid': e.ok || e.pending ? 'edge-note' : 'broken-reason' },
      e.reason.length > 160 ? `${e.reason.slice(0, 157)}…` : e.reason) : null,
    auditRows(e.audit || []));
}

function tags(t) {
  if (!t || typeof t !== 'object') return '—';
  return h('div', {}, Object.entries(t).map(([k, v]) => h('div', { class: 'mono' }, `${k}=${v}`)));
}

function chainRow(c) {
  const byPair = (a, b) => (c.edges || []).find((e) => e.from === a && e.to === b);
  const kek = c.kek
    ? h('div', { class: `node kek${c.kek.exists ? '' : ' missing'}`, 'data-testid': 'node-kek' }, h('h4', {}, 'KEK (key encryption key)'),
      h('div', {}, 'vault ', h('strong', {}, c.kek.vault)), h('div', {}, 'key ', h('strong', {}, c.kek.name)),
      h('div', { class: 'mono' }, c.kek.version), h('div', {}, c.kek.kty || '', ' ', pill(c.kek.deleted ? 'deleted' : c.kek.enabled ? 'Enabled' : 'disabled')))
    : h('div', { class: 'node kek missing' }, h('h4', {}, 'KEK (key encryption key)'), h('span', { class: 'muted' }, 'none'));
  const bek = c.bek
    ? h('div', { class: `node bek${c.bek.exists ? '' : ' missing'}`, 'data-testid': 'node-bek' }, h('h4', {}, 'BEK secret (wrapped)'),
      h('div', {}, 'vault ', h('strong', {}, c.bek.vault)), h('div', { class: 'mono' }, c.bek.name), h('div', { class: 'mono muted' }, c.bek.version),
      h('div', {}, 'content type ', h('code', {}, c.bek.contentType || '—')), tags(c.bek.tags),
      h('div', {}, pill(c.bek.deleted ? 'deleted' : c.bek.enabled ? 'Enabled' : 'disabled', 'bek-state')), h('div', { class: 'muted' }, 'value never shown'))
    : h('div', { class: 'node bek missing' }, h('h4', {}, 'BEK secret'), h('span', { class: 'muted' }, 'none yet'));
  const l = c.disk.luks;
  const luks = h('div', { class: `node luks${l ? '' : ' missing'}`, 'data-testid': 'node-luks' },
    h('h4', {}, `${c.disk.role === 'os' ? 'OS disk' : `data disk LUN ${c.disk.lun}`}`), h('div', { class: 'mono' }, c.disk.name),
    l ? [h('div', {}, `LUKS${l.version} ${l.cipher} ${l.keySizeBits} bit`),
      h('div', {}, 'keyslots: ', l.keyslots.map((k) => h('span', { class: 'keyslot', 'data-testid': 'keyslot' }, `#${k.slot} ${k.kdf}`))),
      l.reencryptionInProgress ? pill('encrypting') : null] : h('div', { class: 'muted' }, 'no LUKS header'));
  const m = c.mapping;
  const mapping = h('div', { class: `node mapping${m ? '' : ' missing'}`, 'data-testid': 'node-mapping' }, h('h4', {}, 'dm-crypt in the guest'),
    m ? [h('div', { class: 'mono' }, m.device), h('div', {}, 'mounted on ', h('strong', {}, m.mountpoint), ` (${m.fstype})`)]
      : h('span', { class: 'muted' }, 'not seen'));
  return h('div', { class: 'chain', 'data-testid': 'chain', 'data-disk': c.disk.role },
    kek, edge(byPair('kek', 'bek')), bek, edge(byPair('bek', 'luks')), luks, edge(byPair('luks', 'mapping')), mapping);
}

export async function render(args, ctx) {
  const vms = ctx.state.vms.vms;
  const name = args[0] || (vms[0] && vms[0].name);
  if (!name) return h('div', {}, h('h1', {}, 'Key chain'), h('p', { class: 'muted' }, 'No VM yet.'));
  const vm = vms.find((v) => v.name.toLowerCase() === name.toLowerCase());
  if (!vm) return h('div', {}, h('h1', {}, `Key chain: ${name}`), h('p', { class: 'muted' }, 'No such VM.'));
  const k = await getJson(`/ui/api/vms/${encodeURIComponent(vm.name)}/keychain?resourceGroup=${encodeURIComponent(vm.resourceGroup)}`);
  const picker = vms.length > 1 ? h('div', { class: 'toolbar' }, 'VM: ', vms.map((v) => h('a', { href: `#/keychain/${encodeURIComponent(v.name)}` }, v.name, ' '))) : null;
  return h('div', {},
    h('h1', {}, `Key chain: ${vm.name} `, pill(vm.powerState), ' ',
      k.broken ? h('span', { class: 'state bad', 'data-testid': 'broken-count' }, `${k.broken} broken link${k.broken > 1 ? 's' : ''}`)
        : h('span', { class: 'state ok', 'data-testid': 'broken-count' }, 'chain intact')),
    picker,
    k.vm.problem ? h('p', { class: 'state bad', 'data-testid': 'vm-problem' }, k.vm.problem) : null,
    h('p', { class: 'muted' }, 'The key encryption key (KEK) in the vault wraps the BEK; the wrapped BEK is stored as a secret. ',
      'At every boot the platform reads the secret (SecretGet) and unwraps it (KeyUnwrap); the BEK opens a LUKS keyslot of each image, ',
      'and dm-crypt maps the volume in the guest.'),
    (k.chains || []).map(chainRow));
}
