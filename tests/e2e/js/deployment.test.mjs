// e2e with the Azure SDK for JavaScript: @azure/arm-resourcesdeployments (the deployments client split
// out of @azure/arm-resources in its 7.0 major) deploys an ARM template (at the SDK's own api-version) that builds a VNet with a subnet, an NSG whose rules come from a property copy
// loop, two public IPs from a resource copy loop, a conditional resource, a NIC and a Linux VM with
// a data disk; @azure/arm-compute and @azure/arm-network then read what the template made. A second
// deployment with an unknown image fails with DeploymentFailed naming the VM while the network
// resources it made before the VM stay listed. Proxy mode, guestless runtime (js_sdk_test.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';
import { NetworkManagementClient } from '@azure/arm-network';
import { ComputeManagementClient } from '@azure/arm-compute';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';

const tenant = process.env.AZEMU_TENANT_ID;
const subscription = process.env.AZEMU_SUBSCRIPTION_ID;
const credential = new ClientSecretCredential(tenant, process.env.AZEMU_CLIENT_ID, process.env.AZEMU_CLIENT_SECRET);
const resources = new ResourceManagementClient(credential, subscription);
const network = new NetworkManagementClient(credential, subscription);
const compute = new ComputeManagementClient(credential, subscription);
const deployments = new DeploymentsClient(credential, subscription);
const group = `js-deploy-${process.pid}`;
const fast = { updateIntervalInMs: 100 };

// A template in the style of Azure's quickstarts: every name comes from parameters/variables and
// every reference goes through resourceId().
const template = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    vmName: { type: 'string' },
    adminUsername: { type: 'string', defaultValue: 'azureuser' },
    sshKey: { type: 'securestring' },
    imageSku: { type: 'string', defaultValue: '7.2n' },
    imageVersion: { type: 'string', defaultValue: '7.2.20160629' },
    vmSize: { type: 'string', defaultValue: 'Standard_DS1_v2', allowedValues: ['Standard_DS1_v2', 'Standard_DS2_v2'] },
    publicIpCount: { type: 'int', defaultValue: 2, minValue: 1, maxValue: 4 },
    withDiagnosticsIp: { type: 'bool', defaultValue: false },
    prefix: { type: 'string', defaultValue: 'dep' },
  },
  variables: {
    vnetName: "[concat(parameters('prefix'), '-vnet')]",
    subnetName: 'default',
    nsgName: "[concat(parameters('prefix'), '-nsg')]",
    nicName: "[concat(parameters('vmName'), '-nic')]",
    subnetId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), variables('subnetName'))]",
    ports: [22, 443],
  },
  resources: [
    {
      type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2022-07-01', name: "[variables('nsgName')]",
      location: "[resourceGroup().location]",
      properties: {
        copy: [{
          name: 'securityRules', count: "[length(variables('ports'))]",
          input: {
            name: "[concat('allow-', variables('ports')[copyIndex('securityRules')])]",
            properties: {
              priority: "[add(1000, copyIndex('securityRules'))]", direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
              sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*',
              destinationPortRange: "[string(variables('ports')[copyIndex('securityRules')])]",
            },
          },
        }],
      },
    },
    {
      type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01', name: "[variables('vnetName')]",
      location: "[resourceGroup().location]",
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [{ name: "[variables('subnetName')]", properties: { addressPrefix: '10.20.1.0/24' } }],
      },
    },
    {
      type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2022-07-01',
      name: "[concat(parameters('vmName'), '-ip', copyIndex())]",
      location: "[resourceGroup().location]",
      copy: { name: 'ipLoop', count: "[parameters('publicIpCount')]" },
      properties: { publicIPAllocationMethod: 'Dynamic' },
    },
    {
      condition: "[parameters('withDiagnosticsIp')]",
      type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2022-07-01',
      name: "[concat(parameters('vmName'), '-diag')]",
      location: "[resourceGroup().location]",
      properties: { publicIPAllocationMethod: 'Dynamic' },
    },
    {
      type: 'Microsoft.Network/networkInterfaces', apiVersion: '2022-07-01', name: "[variables('nicName')]",
      location: "[resourceGroup().location]",
      dependsOn: [
        "[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]",
        "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]",
        'ipLoop',
      ],
      properties: {
        networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]" },
        ipConfigurations: [{
          name: 'ipconfig1',
          properties: {
            privateIPAllocationMethod: 'Dynamic',
            subnet: { id: "[variables('subnetId')]" },
            publicIPAddress: { id: "[resourceId('Microsoft.Network/publicIPAddresses', concat(parameters('vmName'), '-ip0'))]" },
          },
        }],
      },
    },
    {
      type: 'Microsoft.Compute/virtualMachines', apiVersion: '2022-11-01', name: "[parameters('vmName')]",
      location: "[resourceGroup().location]",
      dependsOn: ["[resourceId('Microsoft.Network/networkInterfaces', variables('nicName'))]"],
      properties: {
        hardwareProfile: { vmSize: "[parameters('vmSize')]" },
        storageProfile: {
          imageReference: { publisher: 'OpenLogic', offer: 'CentOS', sku: "[parameters('imageSku')]", version: "[parameters('imageVersion')]" },
          osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' } },
          dataDisks: [{ lun: 0, createOption: 'Empty', diskSizeGB: 5 }],
        },
        osProfile: {
          computerName: "[parameters('vmName')]", adminUsername: "[parameters('adminUsername')]",
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "[format('/home/{0}/.ssh/authorized_keys', parameters('adminUsername'))]", keyData: "[parameters('sshKey')]" }] },
          },
        },
        networkProfile: { networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', variables('nicName'))]" }] },
      },
    },
  ],
  outputs: {
    privateIp: { type: 'string', value: "[reference(variables('nicName')).ipConfigurations[0].properties.privateIPAddress]" },
    vmSize: { type: 'string', value: "[reference(resourceId('Microsoft.Compute/virtualMachines', parameters('vmName'))).hardwareProfile.vmSize]" },
    vmLocation: { type: 'string', value: "[reference(resourceId('Microsoft.Compute/virtualMachines', parameters('vmName')), '2022-11-01', 'Full').location]" },
    ruleCount: { type: 'int', value: "[length(reference(variables('nsgName')).securityRules)]" },
  },
};

const sshKey = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDdeploy js@deployment';

function ipv4ToInt(ip) {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}
function inPrefix(ip, prefix) {
  const [base, bits] = prefix.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4ToInt(base) / size) * size;
  return ipv4ToInt(ip) >= start && ipv4ToInt(ip) < start + size;
}

test('a template deployment builds a network and a VM; outputs, list and operations', async () => {
  await resources.resourceGroups.createOrUpdate(group, { location: 'westus' });
  const result = await deployments.deployments.createOrUpdate(group, 'vmDeploy', {
    properties: {
      mode: 'Incremental', template,
      parameters: { vmName: { value: 'depvm' }, sshKey: { value: sshKey } },
    },
  }, fast);
  assert.equal(result.properties.provisioningState, 'Succeeded');
  // securestring parameters are never echoed back.
  assert.equal(result.properties.parameters.sshKey.value, undefined);
  assert.equal(result.properties.parameters.sshKey.type, 'SecureString');

  const vm = await compute.virtualMachines.get(group, 'depvm');
  assert.equal(vm.provisioningState, 'Succeeded');
  assert.equal(vm.hardwareProfile.vmSize, 'Standard_DS1_v2');
  assert.equal(vm.storageProfile.imageReference.sku, '7.2n');
  assert.equal(vm.storageProfile.dataDisks.length, 1);
  assert.equal(vm.storageProfile.dataDisks[0].diskSizeGB, 5);
  assert.equal(vm.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData, sshKey);
  const nicId = vm.networkProfile.networkInterfaces[0].id;
  assert.match(nicId, /\/providers\/Microsoft\.Network\/networkInterfaces\/depvm-nic$/i);

  const nic = await network.networkInterfaces.get(group, 'depvm-nic');
  const subnet = await network.subnets.get(group, 'dep-vnet', 'default');
  const privateIp = nic.ipConfigurations[0].privateIPAddress;
  assert.ok(inPrefix(privateIp, subnet.addressPrefix), `${privateIp} inside ${subnet.addressPrefix}`);
  assert.equal(nic.ipConfigurations[0].subnet.id.toLowerCase(), subnet.id.toLowerCase());
  assert.equal(nic.virtualMachine.id.toLowerCase(), vm.id.toLowerCase());

  // The resource copy loop made two public IPs, the condition kept the third out.
  const ips = [];
  for await (const ip of network.publicIPAddresses.list(group)) ips.push(ip.name);
  assert.deepEqual(ips.sort(), ['depvm-ip0', 'depvm-ip1']);
  // The property copy loop made two NSG rules.
  const nsg = await network.networkSecurityGroups.get(group, 'dep-nsg');
  assert.deepEqual(nsg.securityRules.map((r) => `${r.name}:${r.priority}:${r.destinationPortRange}`).sort(),
    ['allow-22:1000:22', 'allow-443:1001:443']);

  const outputs = result.properties.outputs;
  assert.equal(outputs.privateIp.value, privateIp);
  assert.equal(outputs.vmSize.value, 'Standard_DS1_v2');
  assert.equal(outputs.vmLocation.value, 'westus');
  assert.equal(outputs.ruleCount.value, 2);

  const listed = [];
  for await (const d of deployments.deployments.listByResourceGroup(group)) listed.push(d.name);
  assert.ok(listed.includes('vmDeploy'));

  const ops = [];
  for await (const op of deployments.deploymentOperations.list(group, 'vmDeploy')) ops.push(op);
  const targets = ops.filter((op) => op.properties.targetResource).map((op) => op.properties.targetResource);
  // NSG, VNet, two public IPs, NIC, VM (the condition's resource is not deployed).
  assert.deepEqual(targets.map((t) => t.resourceName).sort(), ['dep-nsg', 'dep-vnet', 'depvm', 'depvm-ip0', 'depvm-ip1', 'depvm-nic']);
  for (const op of ops.filter((o) => o.properties.targetResource)) {
    assert.equal(op.properties.provisioningState, 'Succeeded', op.properties.targetResource.resourceName);
  }
  assert.ok(targets.some((t) => t.resourceType === 'Microsoft.Compute/virtualMachines'));
});

test('a deployment with an unknown image fails with DeploymentFailed naming the VM; its network stays', async () => {
  await resources.resourceGroups.createOrUpdate(group, { location: 'westus' });
  const deploy = deployments.deployments.createOrUpdate(group, 'badImage', {
    properties: {
      mode: 'Incremental', template,
      parameters: {
        vmName: { value: 'badvm' }, sshKey: { value: sshKey }, prefix: { value: 'bad' },
        imageSku: { value: 'no-such-sku' }, imageVersion: { value: 'latest' },
      },
    },
  }, fast);
  // @azure/core-lro reports a failed operation as a plain Error whose message carries ARM's code
  // and message; the details are read back from the deployment below.
  await assert.rejects(deploy, /DeploymentFailed\. At least one resource deployment operation failed/);

  const shown = await deployments.deployments.get(group, 'badImage');
  assert.equal(shown.properties.provisioningState, 'Failed');
  assert.equal(shown.properties.error.code, 'DeploymentFailed');
  const detail = JSON.stringify(shown.properties.error.details);
  assert.match(detail, /PlatformImageNotFound/);
  assert.match(detail, /badvm/);

  // The network the template built before the VM failed is there, and its operations say so.
  await network.virtualNetworks.get(group, 'bad-vnet');
  await network.networkInterfaces.get(group, 'badvm-nic');
  await network.networkSecurityGroups.get(group, 'bad-nsg');
  await assert.rejects(compute.virtualMachines.get(group, 'badvm'), (e) => e.statusCode === 404);
  const states = {};
  for await (const op of deployments.deploymentOperations.list(group, 'badImage')) {
    if (op.properties.targetResource) states[op.properties.targetResource.resourceName] = op.properties.provisioningState;
  }
  assert.equal(states['badvm'], 'Failed');
  for (const name of ['bad-vnet', 'bad-nsg', 'badvm-ip0', 'badvm-ip1', 'badvm-nic']) assert.equal(states[name], 'Succeeded', name);

  await resources.resourceGroups.beginDeleteAndWait(group, fast);
});
