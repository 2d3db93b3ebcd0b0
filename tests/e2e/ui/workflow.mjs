// The doc's workflow (WORKFLOW.md) with the real az, watched in the teaching UI (/ui/) in Debian's
// chromium through puppeteer-core: every state is asserted in the live page as it happens (no
// reloads: the page follows the server-sent events). Run by ../ui_browser_test.sh, which starts
// azemu (UML guests) and exports `azemu env`. Prints TAP-like "ok - " / "not ok - " lines and writes
// a screenshot of each page to $UI_SHOTS.
import puppeteer from 'puppeteer-core';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const PORT = process.env.AZEMU_PORT;
const SHOTS = process.env.UI_SHOTS;
const KV = process.env.UI_VAULT;
const SSH_PUB = process.env.UI_SSH_PUB;
const BASE = `http://127.0.0.1:${PORT}/ui/`;
const TIMEOUT = { short: 30000, vm: 300000 };
let pass = 0;
let fail = 0;
const timings = {};

function ok(m) { pass++; console.log(`ok - ${m}`); }
function notOk(m, detail) {
  fail++;
  console.log(`not ok - ${m}`);
  if (detail) for (const l of String(detail).split('\n').slice(-20)) console.log(`#   ${l}`);
}

function az(args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    execFile('az', args, { encoding: 'utf8', maxBuffer: 16 << 20, env: process.env }, (err, stdout, stderr) => {
      const r = { code: err ? (err.code ?? 1) : 0, out: (stdout || '').trim(), err: (stderr || '').trim() };
      if (!quiet) console.log(`# az ${args.slice(0, 4).join(' ')} … → ${r.code}`);
      resolve(r);
    });
  });
}
async function azOk(desc, args) {
  const r = await az(args);
  if (r.code === 0) ok(desc); else notOk(desc, r.err || r.out);
  return r;
}

let page;
async function shot(name) {
  const file = `${SHOTS}/${name}.png`;
  await page.screenshot({ path: file, fullPage: true }).catch((e) => console.log(`# screenshot ${name} failed: ${e.message}`));
  console.log(`# screenshot ${file}`);
}

/// Waits until `fn(arg)` is true in the page (checked on every DOM mutation), then passes.
async function see(desc, fn, arg, timeout = TIMEOUT.short) {
  const t0 = Date.now();
  try {
    await page.waitForFunction(fn, { timeout, polling: 'mutation' }, arg);
    ok(`${desc} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    notOk(desc, `${e.message}\n${await page.evaluate(() => document.querySelector('main').innerText.slice(0, 1500)).catch(() => '')}`);
    await shot(`FAILED-${desc.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    return false;
  }
}

async function go(hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => window.__azemu.page === h.split('/')[1], { timeout: TIMEOUT.short, polling: 100 }, hash);
}

const text = (sel) => `(document.querySelector('${sel}')||{}).textContent`;

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1280,800'],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (e) => notOk(`no script error in the page: ${e.message}`));
  // Every (os, data) ADE state the VM page ever showed, in order (the states pass quickly).
  await page.evaluateOnNewDocument(() => {
    window.__adeSeen = [];
    new MutationObserver(() => {
      const os = document.querySelector('[data-testid=ade-os]');
      const data = document.querySelector('[data-testid=ade-data]');
      if (!os || !data) return;
      const s = `${os.textContent},${data.textContent}`;
      if (window.__adeSeen[window.__adeSeen.length - 1] !== s) window.__adeSeen.push(s);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });

  // --- page load --------------------------------------------------------------------------------
  const t0 = Date.now();
  await page.goto(`${BASE}#/cloud`, { waitUntil: 'load' });
  await see('the cloud page renders', () => window.__azemu && window.__azemu.renders > 0);
  timings.pageLoadMs = Date.now() - t0;
  await see('the live feed is connected', () => document.getElementById('live').textContent === 'live');
  console.log(`# page load (navigation → first render): ${timings.pageLoadMs} ms`);

  // --- the doc's setup, the lab page ticking live ---------------------------------------------------
  await go('#/lab');
  await see('lab: the doc\'s checklist, nothing done yet', () => document.querySelectorAll('[data-testid=lab-step][data-done=true]').length === 0 &&
    document.querySelectorAll('[data-testid=lab-step]').length === 8);
  await azOk('az login', ['login', '-u', process.env.AZEMU_ADMIN_USER, '-p', process.env.AZEMU_ADMIN_PASSWORD]);
  await azOk('provider register Microsoft.KeyVault', ['provider', 'register', '-n', 'Microsoft.KeyVault']);
  await see('lab: provider step green', () => !!document.querySelector('[data-testid=lab-step][data-id=provider][data-done=true]'));
  await azOk('group create', ['group', 'create', '--name', 'myResourceGroup', '--location', 'WestUS']);
  // The step done wrong first: a vault without disk encryption gets a red hint.
  await azOk('keyvault create (not yet enabled for disk encryption)', ['keyvault', 'create', '--name', KV, '--resource-group', 'myResourceGroup', '--location', 'WestUS']);
  await see('lab: the vault step is wrong, with the hint to enable disk encryption',
    () => { const s = document.querySelector('[data-testid=lab-step][data-id=vault]'); return s && s.classList.contains('wrong') && /enabled-for-disk-encryption/.test(s.textContent); });
  await shot('lab-wrong-step');
  await azOk('keyvault update --enabled-for-disk-encryption true', ['keyvault', 'update', '--name', KV, '--enabled-for-disk-encryption', 'true']);
  await see('lab: vault step green', () => !!document.querySelector('[data-testid=lab-step][data-id=vault][data-done=true]'));
  await azOk('keyvault key create', ['keyvault', 'key', 'create', '--vault-name', KV, '--name', 'myKey', '--protection', 'software']);
  const sp = await az(['ad', 'sp', 'create-for-rbac', '--query', '[appId,password]', '-o', 'tsv']);
  const [spId, spPw] = sp.out.split('\n').map((s) => s.trim());
  if (spId && spPw) ok(`service principal ${spId}`); else notOk('create-for-rbac', sp.err);
  await azOk('set-policy --spn', ['keyvault', 'set-policy', '--name', KV, '--spn', spId, '--key-permissions', 'all', '--secret-permissions', 'all']);
  await see('lab: key and SP steps green', () => !!document.querySelector('[data-testid=lab-step][data-id=key][data-done=true]') &&
    !!document.querySelector('[data-testid=lab-step][data-id=sp][data-done=true]'));
  await go('#/keyvault');
  await see('key vault page: the vault, enabled for disk encryption, with the SP\'s policy',
    (kv) => !!document.querySelector(`[data-testid=vault][data-name=${kv}]`) && document.querySelector('[data-testid=vault-ade]').textContent === 'true' &&
      document.querySelectorAll('[data-testid=policy]').length >= 2, KV);

  // --- the VM ---------------------------------------------------------------------------------------
  await go('#/cloud');
  const create = az(['vm', 'create', '-g', 'myResourceGroup', '-n', 'myVM', '--image', 'OpenLogic:CentOS:7.2n:7.2.20160629',
    '--admin-username', 'azureuser', '--ssh-key-value', SSH_PUB, '--data-disk-sizes-gb', '1']);
  await see('cloud tree: the VM appears under its group while az vm create runs',
    () => !!document.querySelector('[data-testid=resource][data-name=myVM]'), null, TIMEOUT.vm);
  await shot('cloud-vm-creating');
  const created = await create;
  if (created.code === 0) ok('vm create with a data disk (UML guest)'); else notOk('vm create', created.err);
  await go('#/vm/myVM');
  await see('VM page: running', () => (document.querySelector('[data-testid=vm-power]') || {}).textContent === 'running', null, TIMEOUT.vm);
  // --ui-console: the page types into the guest's serial console (a root shell) and shows its answer.
  await page.click('[data-testid=console-input]');
  await page.keyboard.press('Enter');  // a getty may want an Enter before the shell prompt
  await page.waitForFunction(() => (document.querySelector('[data-testid=console-answer]')?.textContent || '') !== '', { timeout: 10000 }).catch(() => {});
  // A person whose command got no answer (a guest still busy after boot) types it again: up to 4 tries.
  const answered = () => /42AZ/.test(document.querySelector('[data-testid=console-answer]')?.textContent || '');
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.click('[data-testid=console-input]');
    await page.keyboard.type('echo $((6*7))AZ');
    await page.keyboard.press('Enter');
    if (await page.waitForFunction(answered, { timeout: 10000, polling: 'mutation' }).then(() => true, () => false)) {
      if (attempt > 1) console.log(`# the console answered on try ${attempt}`);
      break;
    }
  }
  await see('interactive console (--ui-console): the guest shell answers', answered, null, 1000);
  const canary = `AZEMU-UI-CANARY-${process.pid}`;
  await azOk('file written to the data disk through run-command', ['vm', 'run-command', 'invoke', '-g', 'myResourceGroup', '-n', 'myVM',
    '--command-id', 'RunShellScript', '--scripts',
    `mkfs.ext4 -q /dev/sdc && mkdir -p /datadisk && mount /dev/sdc /datadisk && echo ${canary} > /datadisk/hello.txt && echo '/dev/sdc /datadisk ext4 defaults,nofail 0 2' >> /etc/fstab && sync`]);
  await see('VM page: the guest\'s fstab shows the data disk', () => /\/datadisk/.test((document.querySelector('[data-testid=fstab]') || {}).textContent || ''), null, TIMEOUT.short);
  await shot('vm-running');

  // --- encryption, dual pass: every state in the live page ----------------------------------------
  const kek = (await az(['keyvault', 'key', 'show', '--vault-name', KV, '--name', 'myKey', '--query', 'key.kid', '-o', 'tsv'])).out;
  const tEnable = Date.now();
  const enable = az(['vm', 'encryption', 'enable', '--resource-group', 'myResourceGroup', '--name', 'myVM', '--aad-client-id', spId,
    '--aad-client-secret', spPw, '--disk-encryption-keyvault', KV, '--key-encryption-key', kek, '--volume-type', 'all']);
  await see('VM page: EncryptionInProgress', () => (window.__adeSeen || []).some((s) => s.includes('EncryptionInProgress')), null, TIMEOUT.vm);
  await shot('vm-encryption-in-progress');
  await see('VM page: OS VMRestartPending, data Encrypted',
    () => document.querySelector('[data-testid=ade-os]')?.textContent === 'VMRestartPending' &&
      document.querySelector('[data-testid=ade-data]')?.textContent === 'Encrypted', null, TIMEOUT.vm);
  timings.enableToPendingMs = Date.now() - tEnable;
  await shot('vm-restart-pending');
  const enabled = await enable;
  if (enabled.code === 0) ok('vm encryption enable --volume-type all'); else notOk('vm encryption enable', enabled.err);
  console.log(`# ADE states the page showed: ${(await page.evaluate(() => window.__adeSeen)).join(' → ')}`);
  await go('#/lab');
  await see('lab: restart step waits with the restart hint', () => { const s = document.querySelector('[data-testid=lab-step][data-id=restart]'); return s && s.dataset.done === 'false' && /az vm restart/.test(s.textContent); });
  await go('#/vm/myVM');
  const tRestart = Date.now();
  await azOk('vm restart', ['vm', 'restart', '--resource-group', 'myResourceGroup', '--name', 'myVM']);
  await see('VM page: Encrypted after the restart (OS and data)',
    () => document.querySelector('[data-testid=ade-os]')?.textContent === 'Encrypted' &&
      document.querySelector('[data-testid=ade-data]')?.textContent === 'Encrypted', null, TIMEOUT.vm);
  timings.restartToEncryptedMs = Date.now() - tRestart;
  await see('VM page: running, root and data on dm-crypt in the guest',
    () => document.querySelector('[data-testid=vm-power]')?.textContent === 'running' &&
      [...document.querySelectorAll('[data-testid=mapping]')].length >= 2, null, TIMEOUT.short);
  await shot('vm-encrypted');

  // --- the key chain ------------------------------------------------------------------------------
  await go('#/keychain/myVM');
  await see('key chain: KEK → BEK → two LUKS keyslots, the platform\'s KeyUnwrap row, chain intact', () => {
    const q = (s) => document.querySelectorAll(s);
    return q('[data-testid=node-kek]').length >= 1 && q('[data-testid=node-bek]').length >= 1 && q('[data-testid=keyslot]').length >= 2 &&
      q('[data-testid=edge-kek-bek][data-ok=true]').length >= 1 && q('[data-testid=edge-bek-luks][data-ok=true]').length >= 2 &&
      q('[data-testid=audit-row][data-op=KeyUnwrap][data-platform=true]').length >= 1 &&
      q('[data-testid=audit-row][data-op=KeyWrap][data-platform=false]').length >= 1 &&
      document.querySelector('[data-testid=broken-count]')?.textContent === 'chain intact';
  }, null, TIMEOUT.short);
  await shot('keychain');
  const html = await page.content();
  const secretUrl = (await az(['vm', 'show', '-g', 'myResourceGroup', '-n', 'myVM', '--query',
    'storageProfile.osDisk.encryptionSettings.diskEncryptionKey.secretUrl', '-o', 'tsv'])).out;
  if (secretUrl && !html.includes(spPw)) ok('the page never shows the SP secret'); else notOk('no secret in the page');

  await go('#/lab');
  await see('lab: every step green', () => document.querySelector('[data-testid=lab-summary]')?.dataset.allDone === 'true');
  await shot('lab');
  const grader = await (await fetch(`http://127.0.0.1:${PORT}/_azemu/lab`)).json();
  if (grader.allDone && grader.done === 8) ok('GET /_azemu/lab: 8 of 8 for the grader'); else notOk('GET /_azemu/lab', JSON.stringify(grader));
  await go('#/keyvault');
  await see('key vault page: the audit log shows the platform\'s KeyUnwrap', () => !!document.querySelector('[data-testid=audit][data-op=KeyUnwrap]'));
  await page.type('[data-testid=audit-filter]', 'keyunwrap');
  await see('key vault page: the audit filter keeps only KeyUnwrap rows', () => {
    const rows = [...document.querySelectorAll('[data-testid=audit]')];
    return rows.length > 0 && rows.every((r) => r.dataset.op === 'KeyUnwrap');
  });
  await shot('keyvault');
  await go('#/identity');
  await see('identity page: the SP and its credential hint', (id) => [...document.querySelectorAll('[data-testid=application]')].some((r) => r.textContent.includes(id)), spId);
  await shot('identity');
  await go('#/cloud');
  await see('cloud page: the deployment of az vm create with its operations, and the LROs', () =>
    [...document.querySelectorAll('[data-testid=deployment-operation]')].some((r) => /virtualMachines\/myVM/.test(r.textContent)) &&
    document.querySelectorAll('[data-testid=operation][data-status=Succeeded]').length > 0);
  await shot('cloud');

  // --- a broken link: the BEK secret disabled, the VM restarted ------------------------------------
  await go('#/keychain/myVM');
  // Through the vault API as the signed-in user (its policy from keyvault create): Debian's az 2.45 cannot run
  // `keyvault secret set-attributes` (az-shim/README.md).
  await azOk('disable the BEK secret (az rest PATCH on the vault API)', ['rest', '--method', 'patch', '--url', `${secretUrl}?api-version=7.4`,
    '--resource', 'https://vault.azure.net', '--headers', 'Content-Type=application/json', '--body', '{"attributes":{"enabled":false}}']);
  await see('key chain: the BEK shown disabled', () => [...document.querySelectorAll('[data-testid=bek-state]')].some((e) => e.textContent === 'disabled'));
  const restart = await az(['vm', 'restart', '--resource-group', 'myResourceGroup', '--name', 'myVM']);
  if (restart.code !== 0 && /ADE-BOOT-FAILURE|disabled/i.test(restart.err)) ok('vm restart fails: the platform cannot read the secret');
  else notOk('vm restart with the secret disabled fails', restart.err || restart.out);
  await see('key chain: the unlock link broken in red with the reason', () => {
    const r = [...document.querySelectorAll('[data-testid=edge-bek-luks][data-ok=false] [data-testid=broken-reason]')];
    return r.length >= 1 && r.some((e) => /disabled/i.test(e.textContent)) &&
      getComputedStyle(r[0]).color === 'rgb(197, 34, 31)' &&
      !!document.querySelector('[data-testid=audit-row][data-op=SecretGet][data-platform=true]:not([data-result=Success])');
  }, null, TIMEOUT.vm);
  await shot('keychain-broken');
  await browser.close();
  writeFileSync(`${SHOTS}/timings.json`, JSON.stringify(timings, null, 2));
  console.log(`# timings: ${JSON.stringify(timings)}`);
}

main().catch((e) => notOk('the browser workflow ran to its end', e.stack || e.message)).finally(() => {
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(fail === 0 && pass > 0 ? 0 : 1);
});
