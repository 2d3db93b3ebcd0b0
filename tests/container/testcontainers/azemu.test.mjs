// Testcontainers example (README "Run it in a container"): azemu started as a container by the test suite itself,
// the Azure SDK for JavaScript against it through the proxy. Against docker, or podman's Docker API socket:
//   podman system service --time=0 unix:///run/podman-azemu.sock &
//   DOCKER_HOST=unix:///run/podman-azemu.sock TESTCONTAINERS_RYUK_DISABLED=true node --test
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startAzemu } from './azemu-container.mjs';

let azemu;
before(async () => { azemu = await startAzemu(); });
after(async () => { await azemu?.stop(); });

test('GET /health through the mapped port', async () => {
  const res = await fetch(`${azemu.base}/health`);
  assert.equal(res.status, 200);
});

test('the JS SDK creates a group, a vault and a key through the proxy', () => {
  // NODE_EXTRA_CA_CERTS is read when node starts: the SDK code runs in a process started with it.
  const out = execFileSync(process.execPath, [new URL('./sdk-workload.mjs', import.meta.url).pathname], {
    env: { ...process.env, ...azemu.env }, encoding: 'utf8',
  });
  assert.match(out, /^group tc-rg Succeeded$/m);
  assert.match(out, /^vault https:\/\/tckv\.vault\.azure\.net\/$/m);
  assert.match(out, /^key https:\/\/tckv\.vault\.azure\.net\/keys\/tc-key\/\w+$/m);
});
