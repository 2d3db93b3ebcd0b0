// The ADE handler (azemu-ade-handler, dual pass 0.1) inside a real user-mode Linux guest: pass 2 of
// `enable` (the same sequence number delivered again with the encryption marker present) starts the
// daemon, which mounts the BEK volume by label, encrypts the mounted ext4 data volume in place
// (data preserved), rewrites crypttab/fstab, reports DataCopy progress and, for VolumeType All,
// leaves the OS volume to the restart (os_encryption_requested, VMRestartPending). At the next start
// the runtime encrypts the OS disk, and the agent re-runs enable, which reports the result. And
// DisableEncryption decrypts a data volume back in place. Pass 1 (Key Vault) is covered by
// e2e_ade_handler; here its state files are written with run-command; the BEK volume is the
// runtime's (UmlRuntime::set_bek_volume) or one made in the guest on a spare data disk.
#include "vm-sim/uml/uml_runtime.hpp"

#include "vm-sim/machine/guest_process.hpp"
#include "uml_test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace azemu;
using namespace azemu::vm;
namespace fs = std::filesystem;

namespace {

std::string guest(UmlRuntime& rt, const std::string& vm_id, const std::string& script) {
  auto r = rt.run_command(vm_id, script);
  INFO("script: " << script << "\nstdout: " << r.stdout_text << "\nstderr: " << r.stderr_text);
  CHECK(r.exit_code == 0);
  return r.stdout_text;
}

const std::string kHandlerDir = "/var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1";
const std::string kSecretUrl = "https://kv1.vault.azure.net/secrets/6c1f6f0e-6d0e-4d5e-9d7a-0f1e2d3c4b5a/0123456789abcdef0123456789abcdef";


ports::VmSpec ade_spec(const std::string& name) {
  ports::VmSpec spec;
  spec.vm_id = test::random_vm_id();
  spec.name = spec.computer_name = name;
  spec.admin_username = "azureuser";
  spec.os_disk = {test::disk_id(name + "_OsDisk_1"), name + "_OsDisk_1", -1, 4, true};
  spec.data_disks.push_back({test::disk_id(name + "_data0"), name + "_data0", 0, 1, false});
  spec.data_disks.push_back({test::disk_id(name + "_bek"), name + "_bek", 1, 1, false});
  return spec;
}

ports::ExtensionDelivery ade_delivery(int seq, nlohmann::json settings) {
  ports::ExtensionDelivery ext;
  ext.name = ext.type = "AzureDiskEncryptionForLinux";
  ext.publisher = "Microsoft.Azure.Security";
  ext.type_handler_version = "0.1";
  ext.sequence_number = seq;
  ext.settings = std::move(settings);
  ext.protected_settings = {{"AADClientSecret", "not-used-in-pass-2"}};
  return ext;
}

nlohmann::json enable_settings(const std::string& volume_type) {
  return {{"KeyVaultURL", "https://kv1.vault.azure.net"},
          {"VolumeType", volume_type},
          {"EncryptionOperation", "EnableEncryption"},
          {"KeyEncryptionKeyURL", nullptr},
          {"KeyEncryptionAlgorithm", "RSA-OAEP"},
          {"SequenceVersion", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"},
          {"AADClientID", "11111111-2222-3333-4444-555555555555"}};
}

/// Waits in the guest (the daemon runs detached there) until status/<seq>.status contains `text`.
void wait_for_status(UmlRuntime& rt, const std::string& vm_id, int seq, const std::string& text) {
  std::string file = kHandlerDir + "/status/" + std::to_string(seq) + ".status";
  guest(rt, vm_id,
        "i=0; until grep -qF '" + text + "' " + file + " 2> /dev/null; do\n"
        "  i=$((i+1)); [ $i -gt 900 ] && { cat " + file + " " + kHandlerDir + "/log/extension.log; exit 1; }; sleep 0.2; done");
}

/// An ext4 data volume at /data (LUN 0, in fstab, `marker` lines in known.txt), a BEK volume (the
/// runtime's, or one made in the guest on LUN 1), and pass 1's state files for `volume_type`
/// (dual pass 0.1).
void prepare_guest(UmlRuntime& rt, const std::string& vm_id, const std::string& marker, const std::string& volume_type,
                   bool runtime_bek = false) {
  // A data volume with known content, mounted from fstab's device name as on an Azure VM.
  guest(rt, vm_id,
        "set -e\n"
        "mkfs.ext4 -q /dev/disk/azure/scsi1/lun0\n"
        "mkdir -p /data && echo '/dev/disk/azure/scsi1/lun0 /data ext4 defaults,nofail 0 2' >> /etc/fstab\n"
        "mount /data\n"
        "i=0; while [ $i -lt 3000 ]; do echo " + marker + "-$i; i=$((i+1)); done > /data/known.txt\n"
        "sha256sum /data/known.txt > /root/known.sha256\n"
        "sync\n");
  if (runtime_bek) {
    // The runtime's BEK volume (what Compute attaches after the CLI's VM PUT), with an ADE-shaped key.
    std::string key = guest(rt, vm_id, "head -c 127 /dev/urandom | base64 | tr -d '\\n'");
    rt.set_bek_volume(vm_id, ports::BekVolume{{{"LinuxPassPhraseFileName", key}}});
  } else {
    // One made in the guest on LUN 1: vfat labelled "BEK VOLUME" with the key file.
    guest(rt, vm_id,
          "set -e\n"
          "mkfs.vfat -n 'BEK VOLUME' /dev/disk/azure/scsi1/lun1 > /dev/null\n"
          "mkdir -p /tmp/bek && mount -t vfat /dev/disk/azure/scsi1/lun1 /tmp/bek\n"
          "head -c 127 /dev/urandom | base64 | tr -d '\\n' > /tmp/bek/LinuxPassPhraseFileName\n"
          "umount /tmp/bek\n");
  }
  // Pass 1's result (config with the secret, encryption marker), as the handler writes it.
  guest(rt, vm_id,
        "set -e\n"
        "d=/var/lib/azure_disk_encryption_config; mkdir -p $d\n"
        "printf '[azure_crypt_config]\\npassphrase_file_name = LinuxPassPhraseFileName\\nsecret_id = " + kSecretUrl +
            "\\nsecret_seq_num = 0\\nvolume_type = " + volume_type + "\\n' > $d/azure_crypt_config.ini\n"
        "printf '[azure_crypt_request_queue]\\ncommand = EnableEncryption\\nvolume_type = " + volume_type +
            "\\n' > $d/azure_crypt_request_queue.ini\n");
}

}  // namespace

TEST_CASE("uml ade: dual pass 2 encrypts the data volume in place and hands the OS volume to the restart") {
  const GuestImage* image = test::shared_image();
  if (!image) {
    WARN_MESSAGE(false, "user-mode-linux or the guest agent is missing: UML ADE test skipped");
    return;
  }
  std::string data_dir = test::temp_dir();
  auto spec = ade_spec("adevm");
  const std::string marker = "AZEMU-ADE-PASS2-PLAINTEXT-5d1e";
  {
    UmlOptions o;
    o.data_dir = data_dir;
    o.image = *image;
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    prepare_guest(rt, spec.vm_id, marker, "All", /*runtime_bek=*/true);
    auto ext = ade_delivery(0, enable_settings("All"));
    rt.deliver_extension(spec.vm_id, ext);

    // The daemon runs detached in the guest: wait there for its final status (bounded, 180 s).
    wait_for_status(rt, spec.vm_id, 0, "please reboot the VM");
    auto report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->status == "success");
    CHECK(report->code == "0");
    CHECK(report->message == "OS disk successfully encrypted, please reboot the VM");
    REQUIRE(report->substatus.is_array());
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "VMRestartPending", "data": "Encrypted"})");

    std::string log = guest(rt, spec.vm_id, "cat " + kHandlerDir + "/log/extension.log");
    CHECK(log.find("op: EnableEncryption status: success code: 0 msg: " + kSecretUrl) != std::string::npos);
    CHECK(log.find("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 0%") != std::string::npos);
    CHECK(log.find("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 100%") != std::string::npos);
    CHECK(log.find("op: EnableEncryptionOSVolume status: success code: 0 msg: Encryption succeeded for all volumes") !=
          std::string::npos);

    // The volume is mounted from its mapping, its data intact; crypttab/fstab as ADE writes them.
    CHECK(guest(rt, spec.vm_id, "sha256sum -c /root/known.sha256 > /dev/null && echo intact") == "intact\n");
    std::string source = guest(rt, spec.vm_id, "awk '$2 == \"/data\" { print $1 }' /proc/mounts");
    CHECK(source.starts_with("/dev/mapper/"));
    std::string crypttab = guest(rt, spec.vm_id, "cat /etc/crypttab");
    CHECK(std::regex_match(crypttab, std::regex("[0-9a-f-]{36} /dev/disk/azure/scsi1/lun0 "
                                                "/mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\n")));
    std::string mapper = crypttab.substr(0, crypttab.find(' '));
    CHECK(guest(rt, spec.vm_id, "cryptsetup status " + mapper + " | grep -c 'type:  *LUKS2'") == "1\n");
    CHECK(guest(rt, spec.vm_id, "grep -c '^/dev/mapper/" + mapper + " /data ext4' /etc/fstab; "
                                "grep -c 'LABEL=BEK..40VOLUME /mnt/azure_bek_disk' /etc/fstab; cat /etc/fstab.azure.backup") ==
          "1\n1\n/dev/disk/azure/scsi1/lun0 /data ext4 defaults,nofail 0 2\n");
    CHECK(guest(rt, spec.vm_id, "test -f /var/lib/azure_disk_encryption_config/os_encryption_requested && "
                                "test ! -e /var/lib/azure_disk_encryption_config/azure_crypt_request_queue.ini && echo yes") ==
          "yes\n");
    std::string count_before = guest(rt, spec.vm_id, "grep -c StatusReport " + kHandlerDir + "/log/extension.log");

    // From the host: a LUKS disk without the plaintext.
    rt.stop(spec.vm_id);
    std::string img = rt.disk_path(spec.data_disks[0].disk_id);
    CHECK(run_tool({"cryptsetup", "isLuks", img}) == 0);
    CHECK_FALSE(test::file_contains(img, marker));

    // Next boot: the agent runs enable again with the last sequence number; the handler re-reports
    // (recomputing the substatus) and encrypts nothing again.
    rt.start(spec);
    guest(rt, spec.vm_id,
          "i=0; until [ \"$(grep -c StatusReport " + kHandlerDir + "/log/extension.log)\" -gt " + count_before.substr(0, count_before.size() - 1) +
              " ]; do\n  i=$((i+1)); [ $i -gt 300 ] && exit 1; sleep 0.1; done");
    std::string after = guest(rt, spec.vm_id, "tail -n 1 " + kHandlerDir + "/log/extension.log");
    INFO("extension.log after the boot:\n" << guest(rt, spec.vm_id, "tail -n 8 " + kHandlerDir + "/log/extension.log"));
    CHECK(after.find("op: EnableEncryptionOSVolume status: success code: 0 msg: Encryption succeeded for all volumes") !=
          std::string::npos);
    CHECK(guest(rt, spec.vm_id, "grep -c 'cryptsetup reencrypt' " + kHandlerDir + "/log/extension.log") == "1\n");
    // The runtime encrypted the OS disk on the host during the start (vm-sim/uml), the initramfs
    // unlocked it and rc.sysinit the data volume from crypttab: the status says so now.
    CHECK(guest(rt, spec.vm_id, "awk '$2 == \"/\" { print $1 }' /proc/mounts") == "/dev/mapper/osencrypt\n");
    CHECK(guest(rt, spec.vm_id, "sha256sum -c /root/known.sha256 > /dev/null && echo intact") == "intact\n");
    report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->status == "success");
    CHECK(report->message == "Encryption succeeded for all volumes");
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "Encrypted", "data": "Encrypted"})");
    CHECK(guest(rt, spec.vm_id, "test ! -e /var/lib/azure_disk_encryption_config/os_encryption_requested && echo gone") ==
          "gone\n");
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id, spec.data_disks[1].disk_id});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml ade: Data volume encrypted in place, then DisableEncryption decrypts it back in place") {
  const GuestImage* image = test::shared_image();
  if (!image) return;
  std::string data_dir = test::temp_dir();
  auto spec = ade_spec("adevm2");
  const std::string marker = "AZEMU-ADE-DISABLE-PLAINTEXT-8c2a";
  {
    UmlOptions o;
    o.data_dir = data_dir;
    o.image = *image;
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    prepare_guest(rt, spec.vm_id, marker, "Data");
    auto ext = ade_delivery(0, enable_settings("Data"));
    rt.deliver_extension(spec.vm_id, ext);
    wait_for_status(rt, spec.vm_id, 0, "Encryption succeeded for data volumes");
    auto report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->message == "Encryption succeeded for data volumes");
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    CHECK(guest(rt, spec.vm_id, "test ! -e /var/lib/azure_disk_encryption_config/os_encryption_requested && echo none") ==
          "none\n");

    // az vm encryption disable --volume-type DATA: a new sequence number with DisableEncryption.
    ext = ade_delivery(1, {{"VolumeType", "DATA"}, {"EncryptionOperation", "DisableEncryption"},
                           {"SequenceVersion", "9b2f4c1e-8d3a-4f6b-a1c2-d3e4f5a6b7c8"}});
    rt.deliver_extension(spec.vm_id, ext);
    wait_for_status(rt, spec.vm_id, 1, "Decryption succeeded");
    report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->sequence_number == 1);
    CHECK(report->status == "success");
    CHECK(report->message == "Decryption succeeded");
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "NotEncrypted"})");
    CHECK(guest(rt, spec.vm_id, "sha256sum -c /root/known.sha256 > /dev/null && echo intact") == "intact\n");
    CHECK(guest(rt, spec.vm_id, "awk '$2 == \"/data\" { print $1 }' /proc/mounts") == "/dev/disk/azure/scsi1/lun0\n");
    CHECK(guest(rt, spec.vm_id, "cat /etc/crypttab; grep ' /data ' /etc/fstab; ls /var/lib/azure_disk_encryption_config") ==
          "/dev/disk/azure/scsi1/lun0 /data ext4 defaults,nofail 0 2\ndaemon_lock_file.lck\n");
    rt.stop(spec.vm_id);
    std::string img = rt.disk_path(spec.data_disks[0].disk_id);
    CHECK(run_tool({"cryptsetup", "isLuks", img}) != 0);
    CHECK(test::file_contains(img, marker));
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id, spec.data_disks[1].disk_id});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml ade: single pass 1.1 encrypts with the per-disk key the platform put on the BEK volume") {
  const GuestImage* image = test::shared_image();
  if (!image) return;
  std::string data_dir = test::temp_dir();
  auto spec = ade_spec("adevm3");
  spec.data_disks.pop_back();  // the runtime's BEK volume only
  const std::string marker = "AZEMU-ADE-SP-PLAINTEXT-41b7";
  const std::string sp_dir = "/var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-1.1";
  {
    UmlOptions o;
    o.data_dir = data_dir;
    o.image = *image;
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    guest(rt, spec.vm_id,
          "set -e\n"
          "mkfs.ext4 -q /dev/disk/azure/scsi1/lun0\n"
          "mkdir -p /data && echo '/dev/disk/azure/scsi1/lun0 /data ext4 defaults,nofail 0 2' >> /etc/fstab\n"
          "mount /data\n"
          "i=0; while [ $i -lt 3000 ]; do echo " + marker + "-$i; i=$((i+1)); done > /data/known.txt\n"
          "sha256sum /data/known.txt > /root/known.sha256\n"
          // An image with a 1.x package (the test image carries 0.1 only): the same handler binary.
          "p=/usr/lib/azemu/extensions/Microsoft.Azure.Security.AzureDiskEncryptionForLinux\n"
          "mkdir -p $p-1.4.0.12 && cp $p-0.1/HandlerManifest.json $p-1.4.0.12/\n");
    // What Compute does for 1.1 before it delivers the extension: the VM's key and one per data disk.
    rt.set_bek_volume(spec.vm_id, ports::BekVolume{{{"LinuxPassPhraseFileName", std::string(172, 'A')},
                                                    {"LinuxPassPhraseFileName_0_0", std::string(172, 'B')}}});
    ports::ExtensionDelivery ext = ade_delivery(0, {{"KeyVaultURL", "https://kv1.vault.azure.net"},
                                                    {"VolumeType", "Data"},
                                                    {"EncryptionOperation", "EnableEncryption"},
                                                    {"KeyEncryptionKeyURL", nullptr},
                                                    {"KeyEncryptionAlgorithm", "RSA-OAEP"},
                                                    {"SequenceVersion", "c6f0b8b2-2f7a-4f3e-9a51-1d2e3f4a5b6c"},
                                                    {"KeyVaultResourceId",
                                                     "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"},
                                                    {"KekVaultResourceId", ""}});
    ext.type_handler_version = "1.1";
    ext.protected_settings = nlohmann::json::object();
    rt.deliver_extension(spec.vm_id, ext);
    guest(rt, spec.vm_id,
          "i=0; until grep -qF 'Encryption succeeded for data volumes' " + sp_dir + "/status/0.status 2> /dev/null; do\n"
          "  i=$((i+1)); [ $i -gt 900 ] && { cat " + sp_dir + "/status/0.status " + sp_dir + "/log/extension.log; exit 1; }; sleep 0.2; done");
    auto report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->status == "success");
    CHECK(report->message == "Encryption succeeded for data volumes");
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    std::string log = guest(rt, spec.vm_id, "cat " + sp_dir + "/log/extension.log");
    CHECK(log.find("Enabling extension (single pass 1.1)") != std::string::npos);
    CHECK(log.find("op: StartEncryption status: success code: 0 msg: Encryption settings stamped") != std::string::npos);
    CHECK(log.find("Encrypting data volume 1/1: 100%") != std::string::npos);
    std::string crypttab = guest(rt, spec.vm_id, "cat /etc/crypttab");
    CHECK(std::regex_match(crypttab, std::regex("[0-9a-f-]{36} /dev/disk/azure/scsi1/lun0 "
                                                "/mnt/azure_bek_disk/LinuxPassPhraseFileName_0_0 luks,nofail\n")));
    // The per-disk key opens the volume; the VM's key does not.
    CHECK(guest(rt, spec.vm_id,
                "cryptsetup open --test-passphrase --key-file /mnt/azure_bek_disk/LinuxPassPhraseFileName_0_0 /dev/sdc && echo B; "
                "cryptsetup open --test-passphrase --key-file /mnt/azure_bek_disk/LinuxPassPhraseFileName /dev/sdc 2> /dev/null "
                "|| echo not-A") == "B\nnot-A\n");

    // After a restart: unlocked from crypttab with the per-disk key, the same result reported again.
    rt.restart(spec.vm_id);
    CHECK(guest(rt, spec.vm_id, "sha256sum -c /root/known.sha256 > /dev/null && echo intact") == "intact\n");
    guest(rt, spec.vm_id, "i=0; until [ \"$(grep -c 'same as the last one handled' " + sp_dir +
                              "/log/extension.log)\" = 1 ]; do i=$((i+1)); [ $i -gt 300 ] && exit 1; sleep 0.1; done");
    report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->message == "Encryption succeeded for data volumes");
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    CHECK(guest(rt, spec.vm_id, "grep -c 'cryptsetup reencrypt' " + sp_dir + "/log/extension.log") == "1\n");
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml ade: a restart in the middle of the copy; at boot the daemon resumes and finishes the volume") {
  const GuestImage* image = test::shared_image();
  if (!image) return;
  std::string data_dir = test::temp_dir();
  auto spec = ade_spec("adevm4");
  const std::string marker = "AZEMU-ADE-RESUME-PLAINTEXT-e07d";
  {
    UmlOptions o;
    o.data_dir = data_dir;
    o.image = *image;
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    prepare_guest(rt, spec.vm_id, marker, "Data", /*runtime_bek=*/true);
    rt.deliver_extension(spec.vm_id, ade_delivery(0, enable_settings("Data")));
    // Restart once the copy is under way (the agent's reboot is immediate: a crash for cryptsetup).
    guest(rt, spec.vm_id, "i=0; until grep -q 'Encrypting data volume 1/1: [1-9][0-9]*%' " + kHandlerDir +
                              "/log/extension.log; do i=$((i+1)); [ $i -gt 600 ] && exit 1; sleep 0.05; done");
    rt.restart(spec.vm_id);
    wait_for_status(rt, spec.vm_id, 0, "Encryption succeeded for data volumes");
    std::string log = guest(rt, spec.vm_id, "cat " + kHandlerDir + "/log/extension.log");
    INFO(log);
    CHECK(log.find("resuming the encryption of /dev/disk/azure/scsi1/lun0 (/data)") != std::string::npos);
    CHECK(guest(rt, spec.vm_id, "sha256sum -c /root/known.sha256 > /dev/null && echo intact") == "intact\n");
    CHECK(guest(rt, spec.vm_id, "awk '$2 == \"/data\" { print $1 }' /proc/mounts").starts_with("/dev/mapper/"));
    auto report = rt.extension_status(spec.vm_id, "AzureDiskEncryptionForLinux");
    REQUIRE(report.has_value());
    CHECK(report->substatus[0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    rt.stop(spec.vm_id);
    CHECK_FALSE(test::file_contains(rt.disk_path(spec.data_disks[0].disk_id), marker));
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id, spec.data_disks[1].disk_id});
  }
  fs::remove_all(data_dir);
}
