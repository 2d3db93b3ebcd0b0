// Azure Disk Encryption, the platform's side on real UML guests (issue 7): the BEK volume
// (hot-plug, label, key file, persistence, removal), crypttab/fstab unlock of a data volume at
// boot, OS-volume encryption on the host at restart with the initramfs unlock, and a boot that
// cannot unlock failing visibly. (The ADE handler's own guest tests: uml_ade_handler_test.cpp.)
#include "vm-sim/uml/uml_runtime.hpp"

#include "uml_test_support.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/machine/guest_process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace azemu;
using namespace azemu::vm;
using namespace azemu::vm::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

ports::VmSpec small_spec(const std::string& name, std::int64_t os_gb = 4) {
  ports::VmSpec s;
  s.vm_id = random_vm_id();
  s.name = s.computer_name = name;
  s.admin_username = "azureuser";
  s.os_disk = {disk_id(name + "_OsDisk_1"), name + "_OsDisk_1", -1, os_gb, true};
  return s;
}

ports::BekVolume bek_with(const std::string& key) {
  ports::BekVolume b;
  b.files["LinuxPassPhraseFileName"] = key;
  return b;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

long long allocated_mib(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return static_cast<long long>(st.st_blocks) * 512 / 1048576;
}

/// VmRSS of the guest's UML main process (the one whose command line names ubd0), in KiB.
long uml_rss_kib(const std::string& vm_dir) {
  long best = -1;
  for (int pid : processes_mentioning(vm_dir)) {
    std::ifstream cmd("/proc/" + std::to_string(pid) + "/cmdline");
    std::string c((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    if (c.find("ubd0=") == std::string::npos || c.find("socat") != std::string::npos) continue;
    std::ifstream st("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(st, line);)
      if (line.rfind("VmRSS:", 0) == 0) best = std::max(best, std::atol(line.c_str() + 6));
  }
  return best;
}

const char* kMountBek =
    "mkdir -p /mnt/azure_bek_disk && mount -t vfat -o ro \"$(findfs 'LABEL=BEK VOLUME')\" /mnt/azure_bek_disk";

}  // namespace

TEST_CASE("uml ade platform: BEK volume hot-plugged, found by label, replaced while mounted, kept across restarts, removed") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = small_spec("ade1");
  spec.memory_mb = 3584;  // Standard_DS1_v2: capped at the runtime's 512 MiB
  std::string vm_dir = data_dir + "/vms/" + spec.vm_id;
  {
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    auto t0 = Clock::now();
    rt.create(spec);
    MESSAGE("plain create to ready: " << ms_since(t0) << " ms");
    long total_kb = std::stol(run_ok(rt, spec.vm_id, "awk '/MemTotal/{print $2}' /proc/meminfo"));
    CHECK(total_kb > 400 * 1024);
    CHECK(total_kb <= 512 * 1024);
    long rss = uml_rss_kib(vm_dir);
    MESSAGE("idle guest RSS with mem=512M: " << rss / 1024 << " MiB");
    CHECK(rss > 0);
    CHECK(rss < 100 * 1024);

    CHECK(run_ok(rt, spec.vm_id, "findfs 'LABEL=BEK VOLUME' || echo none") == "none\n");
    rt.set_bek_volume(spec.vm_id, bek_with("first-key+/=AbC"));
    std::string bek_img = vm_dir + "/bek.img";
    struct stat st {};
    REQUIRE(stat(bek_img.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(slurp(vm_dir + "/spec.json").find("\"bek_volume\"") != std::string::npos);
    // The Azure name azdisks.sh gives ubd15 (the kernel's /dev/ubdp is the same device).
    CHECK(run_ok(rt, spec.vm_id, "findfs 'LABEL=BEK VOLUME'") == "/dev/sdp\n");
    CHECK(run_ok(rt, spec.vm_id, "blkid -s TYPE -o value /dev/sdp") == "vfat\n");
    CHECK(run_ok(rt, spec.vm_id, std::string(kMountBek) + " && cat /mnt/azure_bek_disk/LinuxPassPhraseFileName") ==
          "first-key+/=AbC");
    CHECK(rt.run_command(spec.vm_id, "touch /mnt/azure_bek_disk/x").exit_code != 0);  // read-only

    // New keys while the guest has the volume mounted: swapped and mounted back.
    rt.set_bek_volume(spec.vm_id, bek_with("second-key"));
    CHECK(run_ok(rt, spec.vm_id, "cat /mnt/azure_bek_disk/LinuxPassPhraseFileName") == "second-key");

    // Survives a restart, mounted at boot by rc.sysinit.
    rt.restart(spec.vm_id);
    CHECK(run_ok(rt, spec.vm_id, "cat /mnt/azure_bek_disk/LinuxPassPhraseFileName") == "second-key");
    rt.stop(spec.vm_id);
  }
  {
    // ... and an azemu restart: a new runtime over the same folder.
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    rt.start(spec);
    CHECK(run_ok(rt, spec.vm_id, "grep -c '^/dev/sdp /mnt/azure_bek_disk vfat ro' /proc/mounts") == "1\n");
    CHECK(run_ok(rt, spec.vm_id, "cat /mnt/azure_bek_disk/LinuxPassPhraseFileName") == "second-key");

    rt.set_bek_volume(spec.vm_id, std::nullopt);  // mounted: unmounted, then detached
    CHECK(run_ok(rt, spec.vm_id, "findfs 'LABEL=BEK VOLUME' || echo none") == "none\n");
    CHECK(run_ok(rt, spec.vm_id, "grep -c azure_bek_disk /proc/mounts || true") == "0\n");
    CHECK_FALSE(fs::exists(vm_dir + "/bek.img"));
    CHECK(slurp(vm_dir + "/spec.json").find("\"bek_volume\"") == std::string::npos);
    rt.restart(spec.vm_id);
    CHECK(run_ok(rt, spec.vm_id, "findfs 'LABEL=BEK VOLUME' || echo none") == "none\n");
    rt.remove(spec.vm_id, false, {});
    CHECK(processes_mentioning(vm_dir).empty());
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml ade platform: a data volume in crypttab/fstab is unlocked with the BEK key at boot; a bad entry is skipped") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = small_spec("ade2");
  spec.data_disks.push_back({disk_id("ade2_data0"), "ade2_data0", 0, 1, false});
  const std::string marker = "AZEMU-DATA-VOLUME-MARKER-5d1e";
  {
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    rt.set_bek_volume(spec.vm_id, bek_with("data-volume-passphrase"));
    run_ok(rt, spec.vm_id,
           std::string("set -e\n") + kMountBek +
               "\n"
               "K=/mnt/azure_bek_disk/LinuxPassPhraseFileName\n"
               "cryptsetup luksFormat --batch-mode --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 "
               "--key-file $K /dev/disk/azure/scsi1/lun0\n"
               "cryptsetup open --key-file $K /dev/sdc data0\n"
               "mkfs.ext4 -q /dev/mapper/data0\n"
               "mkdir -p /data && mount /dev/mapper/data0 /data && echo " +
               marker +
               " > /data/f\n"
               // ADE's lines (research/ade.md §1.3), and one volume that cannot be unlocked.
               "echo \"data0 /dev/sdc $K luks,nofail\" >> /etc/crypttab\n"
               "echo \"ghost /dev/sdx $K luks,nofail\" >> /etc/crypttab\n"
               "echo '/dev/mapper/data0 /data ext4 defaults,nofail 0 0' >> /etc/fstab\n"
               "echo 'LABEL=BEK\\040VOLUME /mnt/azure_bek_disk auto defaults,discard,nofail 0 0' >> /etc/fstab\n"
               "sync\n");
    CHECK(run_tool({"cryptsetup", "isLuks", rt.disk_path(spec.data_disks[0].disk_id)}) == 0);
    rt.restart(spec.vm_id);
    CHECK(run_ok(rt, spec.vm_id, "cat /data/f") == marker + "\n");
    CHECK(run_ok(rt, spec.vm_id, "grep -c '^/dev/mapper/data0 /data ext4' /proc/mounts") == "1\n");
    CHECK(run_ok(rt, spec.vm_id, "grep -c ' /mnt/azure_bek_disk ' /proc/mounts") == "1\n");
    CHECK(slurp(rt.console_log_path(spec.vm_id)).find("crypttab: cannot unlock /dev/sdx as /dev/mapper/ghost") !=
          std::string::npos);
    rt.stop(spec.vm_id);
    CHECK_FALSE(file_contains(rt.disk_path(spec.data_disks[0].disk_id), marker));
    rt.remove(spec.vm_id, false, {spec.data_disks[0].disk_id});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("uml ade platform: OS volume encrypted on the host at restart, unlocked by the initramfs at every boot; a bad BEK fails visibly") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  auto spec = small_spec("ade3", 30);  // Azure's default OS disk: 30 GiB apparent, ~100 MiB used
  std::string vm_dir = data_dir + "/vms/" + spec.vm_id;
  const std::string marker = "AZEMU-OS-VOLUME-MARKER-93b7c";
  {
    auto o = options_for(data_dir, *image);
    o.network = false;
    UmlRuntime rt(o);
    rt.create(spec);
    std::string os = rt.disk_path(spec.os_disk.disk_id);
    rt.set_bek_volume(spec.vm_id, bek_with("os-volume-passphrase"));
    // What the ADE handler does before it reports VMRestartPending.
    run_ok(rt, spec.vm_id,
           "echo " + marker +
               " > /root/marker && mkdir -p /var/lib/azure_disk_encryption_config && "
               "touch /var/lib/azure_disk_encryption_config/os_encryption_requested && sync");
    CHECK(file_contains(os, marker));
    MESSAGE("OS image allocated before encryption: " << allocated_mib(os) << " MiB");

    auto t0 = Clock::now();
    rt.restart(spec.vm_id);
    MESSAGE("restart with host OS encryption + first encrypted boot: " << ms_since(t0) << " ms");
    CHECK(run_ok(rt, spec.vm_id, "grep ' / ' /proc/mounts | cut -d, -f1") == "/dev/mapper/osencrypt / ext4 rw\n");
    CHECK(run_ok(rt, spec.vm_id, "cat /root/marker") == marker + "\n");
    CHECK(run_ok(rt, spec.vm_id,
                 "ls /var/lib/azure_disk_encryption_config/ /etc/azemu/grow-rootfs 2>&1 | grep -c os_encryption || true") ==
          "0\n");
    CHECK(run_ok(rt, spec.vm_id, "readlink /dev/disk/azure/root; [ -b /dev/sda ] && echo sda") == "../../sda\nsda\n");
    long root_kb = std::stol(run_ok(rt, spec.vm_id, "stat -f -c '%b %S' / | awk '{print int($1 * $2 / 1024)}'"));
    MESSAGE("/ after the online grow: " << root_kb / 1024 << " MiB");
    CHECK(root_kb > 29L * 1024 * 1024);  // grown back over the 30 GiB disk (less the 16 MiB header)
    CHECK(disk::is_luks(os));
    CHECK(fs::file_size(os) == 30ull << 30);
    CHECK_FALSE(file_contains(os, marker));
    MESSAGE("OS image allocated after encryption: " << allocated_mib(os) << " MiB");

    t0 = Clock::now();
    rt.restart(spec.vm_id);  // every boot unlocks
    MESSAGE("encrypted restart: " << ms_since(t0) << " ms");
    CHECK(run_ok(rt, spec.vm_id, "cat /root/marker") == marker + "\n");
    CHECK(run_ok(rt, spec.vm_id, "grep -c '^/dev/mapper/osencrypt / ' /proc/mounts") == "1\n");

    // A wrong key: the initramfs says why and powers off; restart throws that line, promptly.
    rt.set_bek_volume(spec.vm_id, bek_with("not-the-passphrase"));
    t0 = Clock::now();
    CHECK_THROWS_WITH_AS(rt.restart(spec.vm_id), doctest::Contains("ADE-BOOT-FAILURE: cryptsetup open /dev/ubda failed"),
                         std::runtime_error);
    MESSAGE("wrong key: restart failed after " << ms_since(t0) << " ms");
    CHECK(ms_since(t0) < 20000);
    CHECK(rt.status(spec.vm_id).power == ports::GuestPower::stopped);
    CHECK(processes_mentioning(vm_dir).empty());

    // No BEK volume at all: waited for ~3 s, then the same kind of failure.
    rt.set_bek_volume(spec.vm_id, std::nullopt);
    CHECK_THROWS_WITH_AS(rt.start(spec), doctest::Contains("ADE-BOOT-FAILURE: no block device with LABEL=\"BEK VOLUME\""),
                         std::runtime_error);
    CHECK(processes_mentioning(vm_dir).empty());
    // A volume without the key file.
    rt.set_bek_volume(spec.vm_id, ports::BekVolume{});
    CHECK_THROWS_WITH_AS(rt.start(spec),
                         doctest::Contains("ADE-BOOT-FAILURE: BEK volume /dev/ubdp has no file LinuxPassPhraseFileName"),
                         std::runtime_error);
    CHECK(processes_mentioning(vm_dir).empty());

    // Fixed: boots again.
    rt.set_bek_volume(spec.vm_id, bek_with("os-volume-passphrase"));
    rt.start(spec);
    CHECK(run_ok(rt, spec.vm_id, "cat /root/marker") == marker + "\n");
    rt.remove(spec.vm_id, false, {});
    CHECK(processes_mentioning(vm_dir).empty());
  }
  fs::remove_all(data_dir);
}
