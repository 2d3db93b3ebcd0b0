// azemu as a Testcontainers module: a GenericContainer from the image (docker/Dockerfile) that waits on /health,
// with what a test suite needs afterwards: the proxy URL, the CA file, and the environment for a process
// that runs the Azure SDKs against it (HTTPS_PROXY + NODE_EXTRA_CA_CERTS, read by node at start-up).
import { GenericContainer, Wait } from 'testcontainers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startAzemu({
  image = process.env.AZEMU_IMAGE ?? 'localhost/azemu:latest',
  identities = {
    AZEMU_TENANT_ID: '9d3b5f7a-1c2e-4a6b-8d0f-2e4a6c8e0a1b',
    AZEMU_SUBSCRIPTION_ID: '4f6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e',
    AZEMU_CLIENT_ID: '1b3d5f7a-9c2e-4b6d-8f0a-3c5e7a9b1d3f',
    AZEMU_CLIENT_SECRET: 'testcontainers-secret-1',
  },
} = {}) {
  const container = await new GenericContainer(image)
    .withExposedPorts(8443)
    .withEnvironment(identities)
    // Guest RAM for VMs on an exec tmpfs (a container's /dev/shm is noexec); no added privileges.
    .withTmpFs({ '/dev/shm': 'rw,exec,size=2g,mode=1777' })
    .withWaitStrategy(Wait.forHttp('/health', 8443).forStatusCode(200))
    .withStartupTimeout(120_000)
    .start();
  const base = `http://${container.getHost()}:${container.getMappedPort(8443)}`;
  const ca = await (await fetch(`${base}/_azemu/ca.pem`)).text();
  const dir = mkdtempSync(join(tmpdir(), 'azemu-tc-'));
  const caFile = join(dir, 'azemu-ca.pem');
  writeFileSync(caFile, ca);
  return {
    container,
    base,
    caFile,
    identities,
    // For a child process (or a test runner's workers started after this, e.g. a globalSetup).
    env: { ...identities, HTTPS_PROXY: base, https_proxy: base, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '', no_proxy: '' },
    stop: () => container.stop(),
  };
}
