// The teaching view's shell: hash routing between pages, the live feed (server-sent events from
// /ui/events), and re-rendering of the page on screen when a section it shows changed.
import { getJson } from './dom.js';
import * as cloud from './cloud.js';
import * as vms from './vms.js';
import * as keychain from './keychain.js';
import * as keyvault from './keyvault.js';
import * as identity from './identity.js';
import * as lab from './lab.js';

const pages = { cloud, vms, vm: vms, keychain, keyvault, identity, lab };
const view = document.getElementById('view');
const live = document.getElementById('live');
// What tests and bench/ui_latency.mjs read: the feed version last rendered and when.
window.__azemu = { version: 0, renders: 0, lastRender: 0, lastEvent: 0, page: '' };

const ctx = { config: { consoleInput: false }, state: null };
let current = null;  // { name, args, page }
let rendering = Promise.resolve();
let pendingSections = null;

function route() {
  const parts = (location.hash.replace(/^#\/?/, '') || 'cloud').split('/').map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : 'cloud';
  return { name, args: parts.slice(1), page: pages[name] };
}

async function render(sections, version) {
  const r = current;
  try {
    if (!ctx.state || !sections || sections === 'all' || sections.some((s) => ['cloud', 'vms', 'keyvault', 'identity'].includes(s)))
      ctx.state = await getJson('/ui/api/state');
    const frag = await r.page.render(r.args, ctx, sections);
    if (r !== current) return;  // the user moved on meanwhile
    if (frag) view.replaceChildren(frag);
    window.__azemu.renders++;
    window.__azemu.lastRender = Date.now();
    if (version) window.__azemu.version = version;
    window.__azemu.page = r.name;
  } catch (e) {
    view.replaceChildren(Object.assign(document.createElement('p'), { className: 'state bad', textContent: String(e.message || e) }));
  }
}

function queue(sections, version) {
  // Coalesce bursts: one render at a time, the next one covers every section seen meanwhile.
  if (pendingSections) {
    pendingSections.sections = pendingSections.sections === 'all' || sections === 'all' ? 'all' : [...new Set([...pendingSections.sections, ...sections])];
    pendingSections.version = version;
    return;
  }
  pendingSections = { sections, version };
  rendering = rendering.then(async () => {
    const p = pendingSections;
    pendingSections = null;
    await render(p.sections, p.version);
  });
}

function navigate() {
  current = route();
  if (current.page.dispose) current.page.dispose();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === current.name || (current.name === 'vm' && a.dataset.page === 'vms'));
  queue('all', 0);
}

function connect() {
  const es = new EventSource('/ui/events');
  es.onopen = () => { live.textContent = 'live'; live.className = 'live on'; };
  es.onerror = () => { live.textContent = 'reconnecting'; live.className = 'live off'; };
  es.addEventListener('change', (ev) => {
    const d = JSON.parse(ev.data);
    window.__azemu.lastEvent = Date.now();
    const wanted = current.page.sections || ['cloud', 'vms', 'keyvault', 'identity'];
    const changed = d.sections === 'all' ? 'all' : d.sections.filter((s) => wanted.includes(s));
    if (changed === 'all' || changed.length) queue(changed, d.version);
    else window.__azemu.version = d.version;
  });
}

window.addEventListener('hashchange', navigate);
getJson('/ui/api/config').then((c) => { ctx.config = c; }).catch(() => {}).finally(() => { navigate(); connect(); });
