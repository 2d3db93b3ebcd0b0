// See ui_latency.sh. Prints one line per measure and a JSON summary.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import https from 'node:https';

const require = createRequire(`${process.env.UI_NODE_MODULES}/package.json`);
const puppeteer = require('puppeteer-core');
const PORT = process.env.AZEMU_PORT;
const ca = readFileSync(process.env.AZEMU_CA);
const LOADS = Number(process.env.UI_BENCH_LOADS || 10);
const EVENTS = Number(process.env.UI_BENCH_EVENTS || 20);

function request(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', servername: 'localhost', port: PORT, method, path, ca,
      headers: { host: `localhost:${PORT}`, ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, min: s[0], median: q(0.5), p90: q(0.9), max: s[s.length - 1] };
};

const tok = await request('POST', `/${process.env.AZEMU_TENANT_ID}/oauth2/v2.0/token`,
  new URLSearchParams({ grant_type: 'client_credentials', client_id: process.env.AZEMU_CLIENT_ID,
    client_secret: process.env.AZEMU_CLIENT_SECRET, scope: 'https://management.azure.com/.default' }).toString(),
  { 'content-type': 'application/x-www-form-urlencoded' });
const token = JSON.parse(tok.body).access_token;

const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

// Page load: a fresh context each time (no cache), navigation start → first render.
const loads = [];
for (let i = 0; i < LOADS; i++) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${PORT}/ui/#/cloud`);
  await page.waitForFunction(() => window.__azemu && window.__azemu.renders > 0, { polling: 'mutation', timeout: 30000 });
  loads.push(await page.evaluate(() => window.__azemu.lastRender - performance.timeOrigin));
  await ctx.close();
}
const load = stats(loads.map((x) => Math.round(x)));
console.log(`page load (navigation → first render, ms): median ${load.median}, p90 ${load.p90}, min ${load.min}, max ${load.max} (n=${load.n})`);

// Event latency: ARM PUT answered → the group visible in the live page.
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 800 });
await page.goto(`http://127.0.0.1:${PORT}/ui/#/cloud`);
await page.waitForFunction(() => document.getElementById('live').textContent === 'live', { timeout: 30000 });
await page.evaluate(() => {
  window.__seenAt = {};
  new MutationObserver(() => {
    for (const g of document.querySelectorAll('[data-testid=group]')) if (!window.__seenAt[g.dataset.name]) window.__seenAt[g.dataset.name] = Date.now();
  }).observe(document, { subtree: true, childList: true });
});
const fromAnswer = [];
const fromRequest = [];
const sub = process.env.AZEMU_SUBSCRIPTION_ID;
for (let i = 0; i < EVENTS; i++) {
  const name = `uilat${i}`;
  const t0 = Date.now();
  const r = await request('PUT', `/subscriptions/${sub}/resourcegroups/${name}?api-version=2022-09-01`, '{"location":"westus"}',
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const t1 = Date.now();
  if (r.status !== 200 && r.status !== 201) throw new Error(`PUT ${name}: ${r.status} ${r.body}`);
  await page.waitForFunction((n) => window.__seenAt[n], { polling: 'mutation', timeout: 30000 }, name);
  const seen = await page.evaluate((n) => window.__seenAt[n], name);
  fromAnswer.push(seen - t1);
  fromRequest.push(seen - t0);
  await new Promise((res) => setTimeout(res, 250 + Math.random() * 250));  // spread the changes over the feed's ticks
}
const ev = stats(fromAnswer);
const ev0 = stats(fromRequest);
console.log(`event latency (ARM PUT answered → visible in the page, ms): median ${ev.median}, p90 ${ev.p90}, min ${ev.min}, max ${ev.max} (n=${ev.n})`);
console.log(`event latency (ARM PUT sent → visible in the page, ms): median ${ev0.median}, p90 ${ev0.p90}, max ${ev0.max}`);
console.log(JSON.stringify({ pageLoadMs: load, eventLatencyMs: ev, eventLatencyFromRequestMs: ev0 }));
await browser.close();
