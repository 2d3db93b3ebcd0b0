// Boots real user-mode Linux guests through UmlRuntime (issue 6): disks with Azure names, the
// agent, run-command, a real reboot, SSH, guest -> host networking, dm-crypt inside the guest,
// and a clean teardown (no process, namespace or file left).
#include "vm-sim/uml/uml_runtime.hpp"

#include "uml_test_support.hpp"
#include "vm-sim/machine/guest_process.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <chrono>
#include <thread>
#include <unistd.h>

using namespace azemu;
using namespace azemu::vm;
using namespace azemu::vm::test;
namespace fs = std::filesystem;

namespace {

ports::VmSpec spec_with_data_disk(const std::string& name) {
  ports::VmSpec s;
  s.vm_id = random_vm_id();
  s.name = name;
  s.computer_name = name;
  s.admin_username = "azureuser";
  s.os_disk = {disk_id(name + "_OsDisk_1"), name + "_OsDisk_1", -1, 4, true};
  s.data_disks.push_back({disk_id(name + "_data0"), name + "_data0", 0, 1, false});
  return s;
}

/// Types `input` into the serial console socket and waits (10 s at most) for `expected` to appear.
bool console_answers(const std::string& socket_path, const std::string& input, const std::string& expected) {
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::snprintf(a.sun_path, sizeof a.sun_path, "%s", socket_path.c_str());
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return false;
  (void)!write(s, input.data(), input.size());
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (seen.find(expected) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{s, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[512];
    ssize_t n = read(s, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
  }
  close(s);
  return seen.find(expected) != std::string::npos;
}

}  // namespace

TEST_CASE("uml: boot, data disk by Azure name, run-command, real reboot, stop, remove leaves nothing") {
  const GuestImage* image = shared_image();
  if (!image) {
    WARN_MESSAGE(false, "user-mode-linux or the guest agent is missing: UML tests skipped");
    return;
  }
  std::string data_dir = temp_dir();
  auto spec = spec_with_data_disk("vm1");
  std::string vm_dir = data_dir + "/vms/" + spec.vm_id;
  {
    UmlRuntime rt(options_for(data_dir, *image));
    CHECK(rt.kind() == "uml");
    rt.create(spec);
    auto st = rt.status(spec.vm_id);
    CHECK(st.power == ports::GuestPower::running);
    CHECK(st.agent_ready);
    CHECK(st.agent_version == "2.2.53-azemu");
    CHECK(st.last_heartbeat > 0);
    REQUIRE(st.ssh_port.has_value());

    // Azure's names: /dev/sda OS, /dev/sdb resource, /dev/sdc the data disk at LUN 0.
    CHECK(run_ok(rt, spec.vm_id, "readlink /dev/disk/azure/scsi1/lun0; readlink /dev/disk/azure/root") ==
          "../../../sdc\n../../sda\n");
    CHECK(run_ok(rt, spec.vm_id, "mkfs.ext4 -q /dev/sdc && mount /dev/sdc /mnt && echo hello > /mnt/f && cat /mnt/f") ==
          "hello\n");
    auto failing = rt.run_command(spec.vm_id, "echo out; echo err >&2; exit 3");
    CHECK(failing.exit_code == 3);
    CHECK(failing.stdout_text == "out\n");
    CHECK(failing.stderr_text == "err\n");
    CHECK(run_ok(rt, spec.vm_id, "hostname") == "vm1\n");
    CHECK(console_answers(vm_dir + "/console.sock", "echo CONSOLE-$((40+2))\n", "CONSOLE-42"));
    CHECK(run_ok(rt, spec.vm_id, "grep -c '^azureuser:' /etc/passwd") == "1\n");

    std::string boot1 = run_ok(rt, spec.vm_id, "cat /proc/sys/kernel/random/boot_id");
    rt.restart(spec.vm_id);
    std::string boot2 = run_ok(rt, spec.vm_id, "cat /proc/sys/kernel/random/boot_id");
    CHECK(boot1 != boot2);  // a real reboot, not a reconnect
    CHECK(run_ok(rt, spec.vm_id, "grep -c ' /mnt ' /proc/mounts || true") == "0\n");
    CHECK(run_ok(rt, spec.vm_id, "mount /dev/disk/azure/scsi1/lun0 /mnt && cat /mnt/f") == "hello\n");

    rt.stop(spec.vm_id);
    CHECK(rt.status(spec.vm_id).power == ports::GuestPower::stopped);
    CHECK_FALSE(rt.status(spec.vm_id).ssh_port.has_value());
    CHECK(processes_mentioning(vm_dir).empty());
    CHECK(fs::exists(rt.disk_path(spec.data_disks[0].disk_id)));

    // start again: the data disk kept its content.
    rt.start(spec);
    CHECK(run_ok(rt, spec.vm_id, "mount /dev/sdc /mnt && cat /mnt/f") == "hello\n");

    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id});
    CHECK(processes_mentioning(vm_dir).empty());
    CHECK_FALSE(fs::exists(vm_dir));
    CHECK(fs::is_empty(data_dir + "/disks"));
    std::string ns = "azemu-" + spec.vm_id.substr(0, 8) + spec.vm_id.substr(9, 4);
    CHECK_FALSE(fs::exists("/run/netns/" + ns));
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml: SSH to the admin user through the loopback port, and the guest reaches host loopback") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  // A one-shot TCP service on host loopback, forwarded to 10.0.2.2:8080 in the guest.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
  listen(listener, 4);
  std::thread server([listener] {
    int c = accept(listener, nullptr, nullptr);
    if (c < 0) return;
    const char reply[] = "hello-from-host-loopback\n";
    (void)!write(c, reply, sizeof reply - 1);
    close(c);
  });

  REQUIRE(azemu::vm::run_tool({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", data_dir + "/key"}) == 0);
  std::ifstream pub(data_dir + "/key.pub");
  std::string key;
  std::getline(pub, key);
  auto spec = spec_with_data_disk("vm2");
  spec.ssh_public_keys = {key};
  {
    auto o = options_for(data_dir, *image);
    o.to_host = {{8080, ntohs(a.sin_port)}};
    UmlRuntime rt(o);
    rt.create(spec);
    CHECK(run_ok(rt, spec.vm_id, "nc 10.0.2.2 8080 < /dev/null") == "hello-from-host-loopback\n");

    int port = *rt.status(spec.vm_id).ssh_port;
    std::string cmd = "ssh -i " + data_dir + "/key -p " + std::to_string(port) +
                      " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
                      " azureuser@127.0.0.1 'id -un; hostname' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[256];
    while (fgets(buf, sizeof buf, p)) out += buf;
    CHECK(pclose(p) == 0);
    CHECK(out == "azureuser\nvm2\n");
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id});
  }
  shutdown(listener, SHUT_RDWR);
  close(listener);
  server.join();
  fs::remove_all(data_dir);
}

TEST_CASE("uml: LUKS2 inside the guest; from the host the image isLuks and holds no plaintext") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = spec_with_data_disk("vm3");
  const std::string marker = "AZEMU-PLAINTEXT-MARKER-7f3a9c";
  {
    auto o = options_for(data_dir, *image);
    o.network = false;  // not needed here; also covers a guest without a network
    UmlRuntime rt(o);
    rt.create(spec);
    CHECK_FALSE(rt.status(spec.vm_id).ssh_port.has_value());
    run_ok(rt, spec.vm_id,
           "set -e\n"
           "printf %s 'correct horse battery staple' > /root/k\n"
           "cryptsetup luksFormat --batch-mode --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 "
           "--key-file /root/k /dev/disk/azure/scsi1/lun0\n"
           "cryptsetup open --key-file /root/k /dev/sdc data0\n"
           "mkfs.ext4 -q /dev/mapper/data0\n"
           "mount /dev/mapper/data0 /mnt\n"
           "for i in 1 2 3 4 5 6 7 8; do echo " + marker + " >> /mnt/secret; done\n"
           "sync\n");
    CHECK(run_ok(rt, spec.vm_id, "cryptsetup status data0 | grep -c 'type:  *LUKS2'") == "1\n");
    CHECK(run_ok(rt, spec.vm_id, "umount /mnt && cryptsetup close data0 && echo closed") == "closed\n");
    rt.stop(spec.vm_id);

    std::string img = rt.disk_path(spec.data_disks[0].disk_id);
    CHECK(run_tool({"cryptsetup", "isLuks", img}) == 0);
    CHECK_FALSE(file_contains(img, marker));
    std::ofstream(data_dir + "/k") << "correct horse battery staple";
    CHECK(run_tool({"cryptsetup", "open", "--test-passphrase", "--key-file", data_dir + "/k", img}) == 0);
    std::ofstream(data_dir + "/bad") << "wrong";
    CHECK(run_tool({"cryptsetup", "open", "--test-passphrase", "--key-file", data_dir + "/bad", img}) != 0);

    // Unlocks again after a fresh boot and the file is there.
    rt.start(spec);
    CHECK(run_ok(rt, spec.vm_id,
                 "printf %s 'correct horse battery staple' > /root/k && cryptsetup open --key-file /root/k /dev/sdc d && "
                 "mount /dev/mapper/d /mnt && head -n1 /mnt/secret") == marker + "\n");
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id});
    CHECK(processes_mentioning(data_dir).empty());
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml: extension settings per sequence number reach the handler; its status file comes back") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = spec_with_data_disk("vm4");
  spec.data_disks.clear();
  {
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    ports::ExtensionDelivery ext;
    ext.name = "AzureDiskEncryptionForLinux";
    ext.publisher = "Microsoft.Azure.Security";
    ext.type = "AzureDiskEncryptionForLinux";
    ext.type_handler_version = "9.9";  // no image carries a 9.x package
    ext.sequence_number = 0;
    ext.settings = {{"VolumeType", "Data"}, {"EncryptionOperation", "EnableEncryption"}};
    ext.protected_settings = {{"Passphrase", "secret"}};
    rt.deliver_extension(spec.vm_id, ext);
    const std::string dir = "/var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-9.9";
    CHECK(run_ok(rt, spec.vm_id, "cat " + dir + "/config/0.settings") ==
          R"({"runtimeSettings":[{"handlerSettings":{"protectedSettings":{"Passphrase":"secret"},"protectedSettingsCertThumbprint":null,"publicSettings":{"EncryptionOperation":"EnableEncryption","VolumeType":"Data"}}}]})");
    // No package for that handler in the image: the agent reports it at once (code 1001, as Azure's
    // agent reports a handler it cannot download) instead of leaving the extension transitioning.
    auto missing = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(missing.has_value());
    CHECK(missing->sequence_number == 0);
    CHECK(missing->status == "error");
    CHECK(missing->code == "1001");
    CHECK(missing->message.find("the handler Microsoft.Azure.Security.AzureDiskEncryptionForLinux 9.9 is not available "
                                "in this guest image") != std::string::npos);

    // Install a handler the way an extension package would, then deliver the next sequence number:
    // the agent runs its enableCommand, which writes <seq>.status as real handlers do.
    run_ok(rt, spec.vm_id,
           "cd " + dir + " && cat > enable.sh <<'EOS'\n"
           "#!/bin/sh\n"
           "op=$(sed -n 's/.*\"EncryptionOperation\":\"\\([A-Za-z]*\\)\".*/\\1/p' config/$ConfigSequenceNumber.settings)\n"
           "printf '[{\"version\":\"1.1.0.1\",\"timestampUTC\":\"2024-01-01T00:00:00Z\",\"status\":{\"name\":\"n\",\"operation\":\"%s\",\"status\":\"success\",\"code\":0,\"formattedMessage\":{\"lang\":\"en-US\",\"message\":\"Encryption succeeded for data volumes\"},\"substatus\":[]}}]' \"$op\" > status/$ConfigSequenceNumber.tmp\n"
           "mv status/$ConfigSequenceNumber.tmp status/$ConfigSequenceNumber.status\n"
           "EOS\n"
           "chmod +x enable.sh && echo '[{\"handlerManifest\":{\"enableCommand\":\"./enable.sh\"}}]' > HandlerManifest.json");
    ext.sequence_number = 1;
    rt.deliver_extension(spec.vm_id, ext);
    // The handler runs detached; wait for its status file inside the guest (bounded).
    run_ok(rt, spec.vm_id, "i=0; while [ ! -f " + dir + "/status/1.status ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done");
    auto report = rt.extension_status(spec.vm_id, ext.name);
    REQUIRE(report.has_value());
    CHECK(report->sequence_number == 1);
    CHECK(report->status == "success");
    CHECK(report->code == "0");
    CHECK(report->message == "Encryption succeeded for data volumes");
    rt.remove_extension(spec.vm_id, ext.name);
    CHECK(run_ok(rt, spec.vm_id, "ls /var/lib/waagent | grep -c AzureDisk || true") == "0\n");
    rt.remove(spec.vm_id, false, {});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml: hot-plug attach and detach of a data disk on a running VM (mconsole)") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = spec_with_data_disk("vm5");
  spec.data_disks.clear();
  {
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    ports::VmDisk disk{disk_id("vm5_data1"), "vm5_data1", 1, 1, false};
    rt.attach_disk(spec.vm_id, disk);
    CHECK(run_ok(rt, spec.vm_id, "readlink /dev/disk/azure/scsi1/lun1") == "../../../sdc\n");
    CHECK(run_ok(rt, spec.vm_id, "mkfs.ext4 -q /dev/disk/azure/scsi1/lun1 && mount /dev/sdc /mnt && echo ok") == "ok\n");
    CHECK_THROWS_WITH_AS(rt.detach_disk(spec.vm_id, 1), doctest::Contains("unmount it in the guest first"),
                         std::runtime_error);
    run_ok(rt, spec.vm_id, "umount /mnt");
    rt.detach_disk(spec.vm_id, 1);
    CHECK(run_ok(rt, spec.vm_id, "ls /dev/disk/azure/scsi1/ | wc -l; ls /dev/sdc 2>/dev/null | wc -l") == "0\n0\n");
    CHECK(fs::exists(rt.disk_path(disk.disk_id)));  // detaching keeps the managed disk
    rt.delete_disk(disk.disk_id);
    CHECK_FALSE(fs::exists(rt.disk_path(disk.disk_id)));
    rt.remove(spec.vm_id, false, {});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml: provisioning gives the guest azemu's CA and proxy; the image carries the ADE 0.1 package") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = spec_with_data_disk("vm7");
  spec.data_disks.clear();
  {
    auto o = options_for(data_dir, *image);
    o.ca_file = data_dir + "/ca.pem";
    std::ofstream(o.ca_file) << "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n";
    o.proxy_guest_port = 443;
    UmlRuntime rt(o);
    rt.create(spec);
    CHECK(run_ok(rt, spec.vm_id, "cat /etc/azemu/ca.pem") == "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n");
    CHECK(run_ok(rt, spec.vm_id, "grep HttpProxy /etc/waagent.conf") == "HttpProxy.Host=10.0.2.2\nHttpProxy.Port=443\n");
    // Settings for the version the image has a package for get its manifest (and the handler runs).
    ports::ExtensionDelivery ext;
    ext.name = ext.type = "AzureDiskEncryptionForLinux";
    ext.publisher = "Microsoft.Azure.Security";
    ext.type_handler_version = "0.1";
    ext.settings = {{"EncryptionOperation", "NoSuchOperation"}};
    rt.deliver_extension(spec.vm_id, ext);
    CHECK(run_ok(rt, spec.vm_id,
                 "grep -o '/usr/sbin/azemu-ade-handler enable' "
                 "/var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1/HandlerManifest.json") ==
          "/usr/sbin/azemu-ade-handler enable\n");
    rt.remove(spec.vm_id, false, {});
  }
  fs::remove_all(data_dir);
}
