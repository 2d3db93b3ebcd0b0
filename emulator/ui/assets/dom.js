// Tiny DOM helpers for the teaching view (no framework, no build step).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export async function getJson(path) {
  const r = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body.error && body.error.message) || `${r.status} ${path}`);
  return body;
}

/// A provisioning or power state as a coloured pill.
export function pill(text, testid) {
  const t = String(text ?? '');
  const last = t.split('/').pop();  // "PowerState/running" is judged by "running"
  let cls = 'state';
  if (/^(Succeeded|Registered|running|Encrypted|Success|Enabled|true|Ready)$/i.test(last)) cls += ' ok';
  else if (/(Fail|Error|Forbidden|deallocated|stopped|Unauthorized|NotFound|false|disabled|deleted)/i.test(last)) cls += ' bad';
  else if (/(Progress|Pending|Creating|Updating|Deleting|starting|stopping|Running|Accepted|transitioning)/i.test(last)) cls += ' busy';
  return h('span', { class: cls, 'data-testid': testid }, t || '—');
}

export function time(v) {
  if (v === null || v === undefined || v === '') return '—';
  const d = typeof v === 'number' ? new Date(v * 1000) : new Date(v);
  return isNaN(d) ? String(v) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'none'))));
}

export function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/// "{"os": "...", "data": "..."}" of the VM's ADE extension, the status message and the handler state.
export function adeStatus(vm) {
  const exts = (vm.instanceView && vm.instanceView.extensions) || [];
  for (const e of exts) {
    if (!/azurediskencryption/i.test(`${e.type} ${e.name}`)) continue;
    const st = (e.statuses || [])[0] || {};
    let os = '', data = '';
    for (const ss of e.substatuses || []) {
      try { const m = JSON.parse(ss.message || (ss.formattedMessage || {}).message || ''); os = m.os || ''; data = m.data || ''; } catch (_) { /* not JSON */ }
    }
    return { name: e.name, code: st.code || '', message: st.message || '', os, data, present: true };
  }
  return { present: false, os: '', data: '', message: '', code: '' };
}
