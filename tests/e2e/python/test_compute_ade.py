# azure-mgmt-network + azure-mgmt-compute against azemu (proxy mode, a real user-mode Linux guest): a VNet,
# subnet and NIC, a VM with an empty data disk, a file system made on it through run-command, then single-pass
# Azure Disk Encryption written the way an SDK user writes it: the AzureDiskEncryptionForLinux 1.1 extension with
# EnableEncryption, the vault and a versioned KEK (RSA-OAEP), VolumeType All (first with a vault not enabled for
# disk encryption: the LRO fails with VMExtensionProvisioningError, as Azure's). Polled through the extension's and
# the VM's instance view until the substatus says data Encrypted and OS VMRestartPending; then begin_restart and
# both Encrypted. Checked on every side: the disk resources carry encryptionSettingsCollection 1.1 pointing at
# the vault's "Wrapped BEK" secrets, the vault (azure-keyvault-*) unwraps each secret with the KEK into the
# passphrase the guest holds, and the data written before the encryption is still readable on an encrypted root.
# The steps run in order and share the VM; a failed step skips the rest.
import base64
import json
import re
import unittest

from azure.core.exceptions import HttpResponseError
from azure.keyvault.keys import KeyClient
from azure.keyvault.keys.crypto import CryptographyClient, KeyWrapAlgorithm
from azure.keyvault.secrets import SecretClient
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.compute.models import RunCommandInput, VirtualMachineExtension
from azure.mgmt.network import NetworkManagementClient
from azure.mgmt.resource import ResourceManagementClient
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

import sdk_vaults
from sdk_common import FAST, LOCATION, SUBSCRIPTION, SUFFIX, credential, wait_for

GROUP = f"py-vm-{SUFFIX}"
VM = "pyvm"
EXT = "AzureDiskEncryptionForLinux"
CANARY = f"AZEMU-PYTHON-SDK-CANARY-{SUFFIX}"


def ade_substatus(ext):
    """The handler's {"os": ..., "data": ...} from an extension instance view, or {} before it reports one."""
    view = ext.instance_view
    subs = (view.substatuses if view else None) or []
    try:
        return json.loads(subs[0].message) if subs and subs[0].message else {}
    except ValueError:
        return {"unparsed": subs[0].message}


class ComputeAdeTest(unittest.TestCase):
    failed = None  # the first step that failed: later steps skip

    @classmethod
    def setUpClass(cls):
        cred = cls.cred = credential()
        cls.resources = ResourceManagementClient(cred, SUBSCRIPTION)
        cls.network = NetworkManagementClient(cred, SUBSCRIPTION)
        cls.compute = ComputeManagementClient(cred, SUBSCRIPTION)
        cls.vault = sdk_vaults.vault("ade")

    def setUp(self):
        if ComputeAdeTest.failed:
            self.skipTest(f"step {ComputeAdeTest.failed} failed")

    def run(self, result=None):
        failures = len(result.failures) + len(result.errors) if result else 0
        outcome = super().run(result)
        if result and len(result.failures) + len(result.errors) > failures and not ComputeAdeTest.failed:
            ComputeAdeTest.failed = self._testMethodName
        return outcome

    def guest(self, script):
        """Runs a shell script in the guest (RunShellScript) and returns its output."""
        result = self.compute.virtual_machines.begin_run_command(
            GROUP, VM, RunCommandInput(command_id="RunShellScript", script=[script]), **FAST).result()
        return result.value[0].message

    def extension(self):
        return self.compute.virtual_machine_extensions.get(GROUP, VM, EXT, expand="instanceView")

    def test_1_network_and_vm_with_data_disk(self):
        self.resources.resource_groups.create_or_update(GROUP, {"location": LOCATION})
        vnet = self.network.virtual_networks.begin_create_or_update(GROUP, "pyvnet", {
            "location": LOCATION,
            "address_space": {"address_prefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "default", "address_prefix": "10.0.0.0/24"}],
        }, **FAST).result()
        self.assertEqual(vnet.provisioning_state, "Succeeded")
        subnet = self.network.subnets.get(GROUP, "pyvnet", "default")
        self.assertEqual(subnet.address_prefix, "10.0.0.0/24")
        nic = self.network.network_interfaces.begin_create_or_update(GROUP, "pynic", {
            "location": LOCATION,
            "ip_configurations": [{"name": "ipconfig1", "subnet": {"id": subnet.id},
                                   "private_ip_allocation_method": "Dynamic"}],
        }, **FAST).result()
        self.assertTrue(nic.ip_configurations[0].private_ip_address.startswith("10.0.0."))

        ssh_key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
        vm = self.compute.virtual_machines.begin_create_or_update(GROUP, VM, {
            "location": LOCATION,
            "hardware_profile": {"vm_size": "Standard_DS1_v2"},
            "storage_profile": {
                # An image ADE supports (the single-pass az suite's).
                "image_reference": {"publisher": "OpenLogic", "offer": "CentOS", "sku": "7.2n",
                                    "version": "7.2.20160629"},
                "os_disk": {"create_option": "FromImage", "delete_option": "Delete"},
                "data_disks": [{"lun": 0, "create_option": "Empty", "disk_size_gb": 1}],
            },
            "os_profile": {
                "computer_name": VM, "admin_username": "azureuser",
                "linux_configuration": {"disable_password_authentication": True, "ssh": {"public_keys": [
                    {"path": "/home/azureuser/.ssh/authorized_keys", "key_data": ssh_key}]}},
            },
            "network_profile": {"network_interfaces": [{"id": nic.id}]},
        }, **FAST).result()
        self.assertEqual(vm.provisioning_state, "Succeeded")
        self.assertEqual(vm.storage_profile.os_disk.os_type, "Linux")
        self.assertRegex(vm.storage_profile.data_disks[0].name, rf"^{VM}_disk2_[0-9a-f]{{32}}$")
        self.assertEqual(self.network.network_interfaces.get(GROUP, "pynic").virtual_machine.id.lower(), vm.id.lower())
        view = self.compute.virtual_machines.instance_view(GROUP, VM)
        self.assertIn("PowerState/running", [s.code for s in view.statuses])
        self.assertNotEqual(view.vm_agent.vm_agent_version, "guestless", "this suite needs a guest runtime")

    def test_2_file_system_on_the_data_disk(self):
        out = self.guest(f"mkfs.ext4 -q /dev/sdc && mkdir -p /datadisk && mount /dev/sdc /datadisk && "
                         f"echo {CANARY} > /datadisk/hello.txt && "
                         f"echo '/dev/sdc /datadisk ext4 defaults,nofail 0 2' >> /etc/fstab && sync && "
                         f"cat /datadisk/hello.txt")
        self.assertIn(CANARY, out)

    def ade_extension(self, vault, kek_id):
        """The single-pass extension as an SDK user writes it (settings of az vm encryption enable --volume-type all)."""
        return VirtualMachineExtension(
            location=LOCATION, publisher="Microsoft.Azure.Security", type_properties_type=EXT,
            type_handler_version="1.1", auto_upgrade_minor_version=True, settings={
                "EncryptionOperation": "EnableEncryption",
                "KeyVaultURL": vault.properties.vault_uri,
                "KeyVaultResourceId": vault.id,
                "KeyEncryptionKeyURL": kek_id,
                "KekVaultResourceId": vault.id,
                "KeyEncryptionAlgorithm": "RSA-OAEP",
                "VolumeType": "All",
            })

    def test_3_vault_not_enabled_for_disk_encryption_fails_the_lro(self):
        plain = sdk_vaults.vault("plain")
        kek = KeyClient(plain.properties.vault_uri, self.cred).create_rsa_key("kek")
        poller = self.compute.virtual_machine_extensions.begin_create_or_update(
            GROUP, VM, EXT, self.ade_extension(plain, kek.id), **FAST)
        with self.assertRaises(HttpResponseError) as caught:
            poller.result()
        self.assertEqual(caught.exception.error.code, "VMExtensionProvisioningError")
        self.assertIn("not been enabled for Volume Encryption", caught.exception.message)
        self.assertEqual(poller.status(), "Failed")

    def test_4_single_pass_extension(self):
        kek = KeyClient(self.vault.properties.vault_uri, self.cred).create_rsa_key("kek", size=2048)
        ComputeAdeTest.kek = kek
        self.assertRegex(kek.id, r"/keys/kek/[0-9a-f]{32}$")  # versioned, as ADE requires
        ext = self.compute.virtual_machine_extensions.begin_create_or_update(
            GROUP, VM, EXT, self.ade_extension(self.vault, kek.id), **FAST).result()
        self.assertEqual(ext.provisioning_state, "Succeeded")
        self.assertEqual(ext.type_handler_version, "1.1")
        self.assertEqual(ext.publisher, "Microsoft.Azure.Security")
        self.assertEqual(ext.settings["KeyEncryptionKeyURL"], kek.id)
        # A plain GET has no instance view (Azure's neither: only $expand=instanceView adds it).
        plain = self.compute.virtual_machine_extensions.get(GROUP, VM, EXT)
        self.assertIsNone(plain.instance_view)
        self.assertEqual(plain.type_properties_type, EXT)
        listed = self.compute.virtual_machine_extensions.list(GROUP, VM).value
        self.assertEqual([e.name for e in listed], [EXT])

    def test_5_data_encrypted_os_restart_pending(self):
        # ~10 s on an idle machine; the deadlines leave room for CI running other guests on its two cores.
        ext = wait_for("data Encrypted, OS VMRestartPending", self.extension,
                       lambda e: ade_substatus(e).get("data") == "Encrypted", timeout=420, interval=2)
        sub = ade_substatus(ext)
        self.assertEqual(sub["os"], "VMRestartPending")
        self.assertIn("ProvisioningState/succeeded", [s.code for s in ext.instance_view.statuses])
        # The VM's own instance view carries the same extension view, and every disk's encryption state.
        vm = self.compute.virtual_machines.get(GROUP, VM, expand="instanceView")
        views = {e.name: e for e in vm.instance_view.extensions}
        self.assertEqual(json.loads(views[EXT].substatuses[0].message), sub)
        for disk in vm.instance_view.disks:
            self.assertIn("EncryptionState/encrypted", [s.code for s in disk.statuses], disk.name)
            setting = disk.encryption_settings[0]  # the disk's stamped settings (research/ade.md §1.4 step 4)
            self.assertEqual(setting.key_encryption_key.key_url, self.kek.id)
            self.assertEqual(setting.disk_encryption_key.source_vault.id.lower(), self.vault.id.lower())

    def test_6_disks_stamped_with_wrapped_bek_secrets(self):
        vm = self.compute.virtual_machines.get(GROUP, VM)
        names = [vm.storage_profile.os_disk.name] + [d.name for d in vm.storage_profile.data_disks]
        crypto = CryptographyClient(self.kek, self.cred)
        secrets = SecretClient(self.vault.properties.vault_uri, self.cred)
        passphrases = []
        for name in names:
            disk = self.compute.disks.get(GROUP, name)
            esc = disk.encryption_settings_collection
            self.assertTrue(esc.enabled, name)
            self.assertEqual(esc.encryption_settings_version, "1.1")
            setting = esc.encryption_settings[0]
            self.assertEqual(setting.disk_encryption_key.source_vault.id.lower(), self.vault.id.lower())
            self.assertEqual(setting.key_encryption_key.key_url, self.kek.id)
            url = setting.disk_encryption_key.secret_url
            self.assertRegex(url, rf"^{re.escape(self.vault.properties.vault_uri)}secrets/[0-9a-f-]{{36}}/[0-9a-f]{{32}}$")
            secret_name, version = url.rsplit("/", 2)[-2:]
            secret = secrets.get_secret(secret_name, version)
            self.assertEqual(secret.properties.content_type, "Wrapped BEK")
            self.assertEqual(secret.properties.tags["MachineName"], VM)
            # The secret is the passphrase wrapped with the KEK, as the wrapkey reply's base64url "value" (the ADE
            # extension stores that string as it is): the vault unwraps it.
            wrapped = base64.urlsafe_b64decode(secret.value + "=" * (-len(secret.value) % 4))
            passphrase = crypto.unwrap_key(KeyWrapAlgorithm.rsa_oaep, wrapped).key
            self.assertGreaterEqual(len(passphrase), 32)
            passphrases.append(passphrase)
        # The guest's BEK volume holds the same passphrases (one file per disk).
        out = self.guest("cd /mnt/azure_bek_disk && for f in LinuxPassPhraseFileName*; do "
                         "printf '%s ' \"$f\"; base64 -w0 \"$f\"; echo; done")
        held = {line.split()[1] for line in out.splitlines() if line.startswith("LinuxPassPhraseFileName")}
        self.assertTrue({base64.b64encode(p).decode() for p in passphrases} <= held, out)

    def test_7_restart_then_both_encrypted(self):
        poller = self.compute.virtual_machines.begin_restart(GROUP, VM, **FAST)
        poller.result()
        self.assertEqual(poller.status(), "Succeeded")
        ext = wait_for("OS and data Encrypted", self.extension,
                       lambda e: ade_substatus(e) == {"os": "Encrypted", "data": "Encrypted"}, timeout=300, interval=2)
        self.assertEqual(ade_substatus(ext), {"os": "Encrypted", "data": "Encrypted"})
        self.assertEqual(ext.instance_view.statuses[0].code, "ProvisioningState/succeeded")
        self.assertEqual(ext.instance_view.statuses[0].message, "Encryption succeeded for all volumes")
        view = self.compute.virtual_machines.instance_view(GROUP, VM)
        self.assertIn("PowerState/running", [s.code for s in view.statuses])

    def test_8_data_readable_on_an_encrypted_root(self):
        out = self.guest("cat /datadisk/hello.txt; grep ' / ' /proc/mounts; grep ' /datadisk ' /proc/mounts")
        self.assertIn(CANARY, out)
        self.assertIn("/dev/mapper/osencrypt / ", out)
        self.assertRegex(out, r"/dev/mapper/\S+ /datadisk ")

    def test_9_delete_vm_and_group(self):
        vm = self.compute.virtual_machines.get(GROUP, VM)
        os_disk, data_disk = vm.storage_profile.os_disk.name, vm.storage_profile.data_disks[0].name
        self.assertTrue(self.resources.resources.check_existence_by_id(vm.id, "2024-11-01"))
        self.compute.virtual_machines.begin_delete(GROUP, VM, **FAST).result()
        self.assertFalse(self.resources.resources.check_existence_by_id(vm.id, "2024-11-01"))
        self.assertNotIn(VM, [v.name for v in self.compute.virtual_machines.list(GROUP)])
        disks = {d.name: d for d in self.compute.disks.list_by_resource_group(GROUP)}
        self.assertNotIn(os_disk, disks)  # deleteOption Delete
        self.assertEqual(disks[data_disk].disk_state, "Unattached")  # deleteOption Detach (the default)
        self.resources.resource_groups.begin_delete(GROUP, **FAST).result()
        self.assertFalse(self.resources.resource_groups.check_existence(GROUP))


if __name__ == "__main__":
    unittest.main()
