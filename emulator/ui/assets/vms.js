// VMs: the list, and one VM's page — power state and instance view, disks (image, allocated vs
// size, LUKS header), what the guest says (crypttab, fstab, dm-crypt mounts), encryption progress
// and ADE substatus, and the serial console live (read-only unless azemu runs with --ui-console).
import { h, pill, time, table, kv, getJson, adeStatus } from './dom.js';

export const sections = ['vms', 'cloud', 'console'];

let consoleState = { vm: '', offset: 0, text: '' };
// The interactive console survives live re-renders: what is being typed and the last answer.
let typing = { value: '', focused: false, answer: '' };
export function dispose() { consoleState = { vm: '', offset: 0, text: '' }; typing = { value: '', focused: false, answer: '' }; }

function bytes(n) {
  if (n === null || n === undefined) return '—';
  const u = ['B', 'KiB', 'MiB', 'GiB']; let i = 0; let v = n;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i ? 1 : 0)} ${u[i]}`;
}

function list(ctx) {
  const rows = ctx.state.vms.vms.map((vm) => {
    const ade = adeStatus(vm);
    return h('tr', { 'data-testid': 'vm-row' },
      h('td', {}, h('a', { href: `#/vm/${encodeURIComponent(vm.name)}` }, vm.name)), h('td', {}, vm.resourceGroup),
      h('td', {}, pill(vm.powerState)), h('td', {}, pill(vm.provisioningState)),
      h('td', {}, ade.present ? [pill(ade.os || '—'), ' / ', pill(ade.data || '—')] : 'not encrypted'),
      h('td', {}, h('a', { href: `#/keychain/${encodeURIComponent(vm.name)}` }, 'key chain')));
  });
  return h('div', {}, h('h1', {}, 'Virtual machines'),
    h('div', { class: 'card' }, table(['name', 'group', 'power', 'provisioning', 'ADE os / data', ''], rows)));
}

function progressOf(message) {
  const m = /(\d+)\/(\d+):\s*(\d+)%/.exec(message || '') || /(\d+)%/.exec(message || '');
  if (!m) return null;
  return Number(m[m.length - 1]);
}

async function updateConsole(vm) {
  if (consoleState.vm !== vm.name) consoleState = { vm: vm.name, offset: 0, text: '' };
  try {
    const c = await getJson(`/ui/api/vms/${encodeURIComponent(vm.name)}/console?resourceGroup=${encodeURIComponent(vm.resourceGroup)}&offset=${consoleState.offset}`);
    if (c.next < consoleState.offset) consoleState.text = '';
    consoleState.text = (consoleState.text + c.text).slice(-200000);
    consoleState.offset = c.next;
  } catch (_) { /* VM gone */ }
}

function consolePanel(vm, ctx) {
  const pre = h('pre', { class: 'console', 'data-testid': 'console' }, consoleState.text || '(no console output yet)');
  requestAnimationFrame(() => { pre.scrollTop = pre.scrollHeight; });
  let input = null;
  if (ctx.config.consoleInput) {
    const out = h('pre', { class: 'console', style: 'height:8rem', 'data-testid': 'console-answer' }, typing.answer);
    const field = h('input', { type: 'text', placeholder: 'type a command, Enter sends it', style: 'width:100%', 'data-testid': 'console-input' });
    field.value = typing.value;
    field.addEventListener('input', () => { typing.value = field.value; });
    field.addEventListener('focus', () => { typing.focused = true; });
    field.addEventListener('blur', () => { typing.focused = false; });
    if (typing.focused) requestAnimationFrame(() => field.focus());
    field.addEventListener('keydown', async (ev) => {
      if (ev.key !== 'Enter') return;
      const input = `${typing.value}\n`;
      typing.value = '';
      field.value = '';
      const r = await fetch(`/ui/api/vms/${encodeURIComponent(vm.name)}/console?resourceGroup=${encodeURIComponent(vm.resourceGroup)}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
      const b = await r.json();
      typing.answer = b.output ?? (b.error && b.error.message) ?? '';
      const shown = document.querySelector('[data-testid=console-answer]');
      if (shown) shown.textContent = typing.answer;
    });
    input = h('div', {}, h('h3', {}, 'Interactive console (ttyS0, --ui-console)'), field, out);
  }
  return h('div', { class: 'card' }, h('h3', {}, 'Serial console (kernel and boot log, live, read-only)'), pre, input);
}

export async function render(args, ctx, changed) {
  if (!args.length) return list(ctx);
  const name = args[0];
  const vm = ctx.state.vms.vms.find((v) => v.name.toLowerCase() === name.toLowerCase());
  if (!vm) return h('div', {}, h('h1', {}, name), h('p', { class: 'muted' }, 'No such VM (yet).'));
  const q = `resourceGroup=${encodeURIComponent(vm.resourceGroup)}`;
  const [chain] = await Promise.all([
    getJson(`/ui/api/vms/${encodeURIComponent(vm.name)}/keychain?${q}`).catch((e) => ({ error: e.message, chains: [], guest: {} })),
    updateConsole(vm),
  ]);
  const view = vm.instanceView || {};
  const ade = adeStatus(vm);
  const pct = progressOf(ade.message);
  const statuses = (view.statuses || []).map((s) => h('tr', {}, h('td', {}, pill(s.code)), h('td', {}, s.displayStatus || ''),
    h('td', {}, s.message || ''), h('td', {}, time(s.time))));
  const disks = (chain.chains || []).map((c) => {
    const d = c.disk; const l = d.luks;
    return h('tr', { 'data-testid': 'disk' },
      h('td', {}, d.role === 'os' ? 'OS' : `data (LUN ${d.lun})`),
      h('td', {}, h('code', {}, d.name), d.imagePath ? h('div', { class: 'mono muted' }, d.imagePath) : null),
      h('td', {}, `${d.sizeGb} GiB`), h('td', {}, `${bytes(d.allocatedBytes)} of ${bytes(d.sizeBytes)}`),
      h('td', {}, l ? [`LUKS${l.version} ${l.cipher} ${l.keySizeBits} bit, data at ${bytes(l.dataOffsetBytes)}, keyslots `,
        l.keyslots.map((k) => h('span', { class: 'keyslot' }, `${k.slot} ${k.kdf}`)),
        l.reencryptionInProgress ? [' ', pill('reencryption in progress')] : null] : h('span', { class: 'muted' }, 'plain (no LUKS header)')));
  });
  const g = chain.guest || {};
  const guest = g.available
    ? h('div', {}, h('h3', {}, '/etc/crypttab'), h('pre', { class: 'mono', 'data-testid': 'crypttab' }, (g.crypttab || []).join('\n') || '(empty)'),
      h('h3', {}, '/etc/fstab'), h('pre', { class: 'mono', 'data-testid': 'fstab' }, (g.fstab || []).join('\n') || '(empty)'),
      h('h3', {}, 'dm-crypt mounts'), table(['device', 'mount point', 'fs'], (g.mappings || []).map((m) =>
        h('tr', { 'data-testid': 'mapping' }, h('td', {}, h('code', {}, m.device)), h('td', {}, m.mountpoint), h('td', {}, m.fstype)))))
    : h('p', { class: 'muted' }, `Not read from the guest: ${g.reason || 'unknown'}`);
  return h('div', {},
    h('h1', {}, `VM ${vm.name} `, pill(vm.powerState, 'vm-power'), ' ', pill(vm.provisioningState, 'vm-provisioning')),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('h3', {}, 'Instance view'), kv([
        ['group', vm.resourceGroup], ['vmId', h('code', {}, vm.vmId)], ['size', ((vm.model.properties || {}).hardwareProfile || {}).vmSize],
        ['agent', ((view.vmAgent || {}).statuses || []).map((s) => s.displayStatus).join(', ') || '—'],
        vm.note ? ['note', h('span', { class: 'state bad' }, vm.note)] : null]),
        table(['code', 'status', 'message', 'time'], statuses)),
      h('div', { class: 'card', 'data-testid': 'ade' }, h('h3', {}, 'Azure Disk Encryption'),
        ade.present ? [kv([
          ['OS volume', pill(ade.os || '—', 'ade-os')], ['data volumes', pill(ade.data || '—', 'ade-data')],
          ['extension', [h('code', {}, ade.name), ' ', pill(ade.code)]],
          ['status', h('span', { 'data-testid': 'ade-message' }, ade.message || '—')]]),
        pct !== null ? h('div', { class: 'progress', 'data-testid': 'ade-progress' }, h('div', { style: `width:${pct}%` })) : null,
        h('p', {}, h('a', { href: `#/keychain/${encodeURIComponent(vm.name)}` }, 'Open the key chain →'))]
          : h('p', { class: 'muted', 'data-testid': 'ade-none' }, 'Encryption not enabled (az vm encryption enable ...).'))),
    h('div', { class: 'card' }, h('h3', {}, 'Disks'), table(['', 'disk', 'size', 'allocated on the host', 'image'], disks)),
    h('div', { class: 'card' }, h('h3', {}, 'Read from the guest'), guest),
    consolePanel(vm, ctx));
}
