// e2e with the Azure SDK for JavaScript: @azure/arm-network builds a VNet/subnet/NIC and
// @azure/arm-compute drives a Trusted Launch VM (Gen2 image) through its life. On the guestless
// runtime (`azemu start --vm-runtime guestless`: a VM without a guest) extensions report success
// without a handler and runCommand answers that no guest exists; on a real guest runtime (uml) the
// same calls reach the guest — the test reads vmAgentVersion to know which one it talks to. Proxy
// mode, as arm_identity.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';
import { NetworkManagementClient } from '@azure/arm-network';
import { ComputeManagementClient } from '@azure/arm-compute';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const resources = new ResourceManagementClient(credential, subscription);
const network = new NetworkManagementClient(credential, subscription);
const compute = new ComputeManagementClient(credential, subscription);
const group = `js-compute-${process.pid}`;
const fast = { updateIntervalInMs: 100 };

const powerState = (view) => view.statuses.find((s) => s.code.startsWith('PowerState/')).code;

test('a VM with a data disk: create, instance view, power, disks, extensions, runCommand, delete', async () => {
  await resources.resourceGroups.createOrUpdate(group, { location: 'westus' });
  await network.virtualNetworks.beginCreateOrUpdateAndWait(group, 'vnet1', {
    location: 'westus',
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
    subnets: [{ name: 'default', addressPrefix: '10.0.0.0/24' }],
  }, fast);
  const subnet = await network.subnets.get(group, 'vnet1', 'default');
  const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(group, 'nic1', {
    location: 'westus',
    ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnet.id }, privateIPAllocationMethod: 'Dynamic' }],
  }, fast);

  const vm = await compute.virtualMachines.beginCreateOrUpdateAndWait(group, 'vm1', {
    location: 'westus',
    hardwareProfile: { vmSize: 'Standard_DS1_v2' },
    storageProfile: {
      imageReference: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' },
      osDisk: { createOption: 'FromImage', deleteOption: 'Delete' },
      dataDisks: [{ lun: 0, createOption: 'Empty', diskSizeGB: 5 }],
    },
    osProfile: {
      computerName: 'vm1', adminUsername: 'azureuser',
      linuxConfiguration: { disablePasswordAuthentication: true,
        ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-rsa AAAAB3NzaC1yc2E js@test' }] } },
    },
    networkProfile: { networkInterfaces: [{ id: nic.id }] },
    // Trusted Launch, as today's clients ask for it on a Gen2 image whose features say TrustedLaunchSupported.
    securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
  }, fast);
  assert.equal(vm.provisioningState, 'Succeeded');
  assert.equal(vm.securityProfile.securityType, 'TrustedLaunch');
  assert.deepEqual({ ...vm.securityProfile.uefiSettings }, { secureBootEnabled: true, vTpmEnabled: true });
  const osDisk = await compute.disks.get(group, vm.storageProfile.osDisk.name);
  assert.equal(osDisk.hyperVGeneration, 'V2');
  assert.equal(osDisk.securityProfile.securityType, 'TrustedLaunch');
  assert.equal(vm.storageProfile.osDisk.osType, 'Linux');
  assert.match(vm.storageProfile.osDisk.name, /^vm1_OsDisk_1_[0-9a-f]{32}$/);
  assert.match(vm.storageProfile.dataDisks[0].name, /^vm1_disk2_[0-9a-f]{32}$/);
  assert.equal((await network.networkInterfaces.get(group, 'nic1')).virtualMachine.id.toLowerCase(), vm.id.toLowerCase());

  let view = await compute.virtualMachines.instanceView(group, 'vm1');
  assert.equal(powerState(view), 'PowerState/running');
  assert.equal(view.hyperVGeneration, 'V2');
  const guestless = view.vmAgent.vmAgentVersion === 'guestless';
  assert.ok(view.vmAgent.vmAgentVersion);
  const expanded = await compute.virtualMachines.get(group, 'vm1', { expand: 'instanceView' });
  assert.ok(expanded.instanceView.statuses.every((s) => s.code));

  await compute.virtualMachines.beginPowerOffAndWait(group, 'vm1', fast);
  assert.equal(powerState(await compute.virtualMachines.instanceView(group, 'vm1')), 'PowerState/stopped');
  await compute.virtualMachines.beginDeallocateAndWait(group, 'vm1', fast);
  assert.equal(powerState(await compute.virtualMachines.instanceView(group, 'vm1')), 'PowerState/deallocated');
  await compute.virtualMachines.beginStartAndWait(group, 'vm1', fast);
  await compute.virtualMachines.beginRestartAndWait(group, 'vm1', fast);
  assert.equal(powerState(await compute.virtualMachines.instanceView(group, 'vm1')), 'PowerState/running');

  // Attach a new disk through an update of the model, then detach it.
  const disk = await compute.disks.beginCreateOrUpdateAndWait(group, 'd2', {
    location: 'westus', sku: { name: 'Standard_LRS' }, creationData: { createOption: 'Empty' }, diskSizeGB: 4,
  }, fast);
  assert.equal(disk.diskState, 'Unattached');
  const current = await compute.virtualMachines.get(group, 'vm1');
  current.storageProfile.dataDisks.push({ lun: 1, createOption: 'Attach', managedDisk: { id: disk.id } });
  await compute.virtualMachines.beginCreateOrUpdateAndWait(group, 'vm1', current, fast);
  assert.equal((await compute.disks.get(group, 'd2')).diskState, 'Attached');
  await assert.rejects(compute.disks.beginDeleteAndWait(group, 'd2', fast), (e) => e.code === 'OperationNotAllowed');
  const attached = await compute.virtualMachines.get(group, 'vm1');
  attached.storageProfile.dataDisks = attached.storageProfile.dataDisks.filter((d) => d.lun !== 1);
  await compute.virtualMachines.beginCreateOrUpdateAndWait(group, 'vm1', attached, fast);
  assert.equal((await compute.disks.get(group, 'd2')).diskState, 'Unattached');
  await compute.disks.beginDeleteAndWait(group, 'd2', fast);

  // Extensions: CRUD; the guestless runtime reports success without running a handler.
  const ext = await compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(group, 'vm1', 'CustomScript', {
    location: 'westus', publisher: 'Microsoft.Azure.Extensions', typePropertiesType: 'CustomScript', typeHandlerVersion: '2.1',
    settings: { commandToExecute: 'echo hi' }, protectedSettings: { secret: 'never-shown' },
  }, fast);
  assert.equal(ext.provisioningState, 'Succeeded');
  const shown = await compute.virtualMachineExtensions.get(group, 'vm1', 'CustomScript', { expand: 'instanceView' });
  assert.equal(shown.protectedSettings, undefined);
  if (guestless) assert.equal(shown.instanceView.statuses[0].message, 'guestless runtime: no handler ran');
  else assert.equal(shown.instanceView.statuses[0].code, 'ProvisioningState/succeeded');
  const listed = await compute.virtualMachineExtensions.list(group, 'vm1');
  assert.deepEqual(listed.value.map((e) => e.name), ['CustomScript']);
  await compute.virtualMachineExtensions.beginDeleteAndWait(group, 'vm1', 'CustomScript', fast);
  assert.equal((await compute.virtualMachineExtensions.list(group, 'vm1')).value.length, 0);

  const run = await compute.virtualMachines.beginRunCommandAndWait(group, 'vm1', { commandId: 'RunShellScript', script: ['uname -a'] }, fast);
  if (guestless) assert.match(run.value[0].message, /no guest: azemu runs this VM without a guest \(guestless runtime\)/);
  else assert.match(run.value[0].message, /^Enable succeeded: \n\[stdout\]\nLinux /);

  const names = [];
  for await (const v of compute.virtualMachines.listAll()) names.push(v.name);
  assert.ok(names.includes('vm1'));

  const dataDisk = vm.storageProfile.dataDisks[0].name;
  await compute.virtualMachines.beginDeleteAndWait(group, 'vm1', fast);
  await assert.rejects(compute.virtualMachines.get(group, 'vm1'), (e) => e.statusCode === 404);
  await assert.rejects(compute.disks.get(group, vm.storageProfile.osDisk.name), (e) => e.statusCode === 404);
  assert.equal((await compute.disks.get(group, dataDisk)).diskState, 'Unattached');
  await resources.resourceGroups.beginDeleteAndWait(group, fast);
});
