// Not a test: the dm-crypt measurements behind bench/vm_boot.sh (skipped unless run with --no-skip).
// In one UML guest with a 1 GiB data disk: the time of an in-place encryption of that disk
// (`cryptsetup reencrypt --encrypt --reduce-device-size 32M`, pbkdf2 1000 iterations, the ADE path
// measured in research/uml-ade.md) and the write throughput through an opened mapping (dd with
// conv=fsync). Times are taken on the host around each run-command (its round trip is ~1 ms).
// Prints "encrypt_1gib_ms=" and "dmcrypt_write_mib=" / "dmcrypt_write_ms=" lines.
#include "vm-sim/uml/uml_runtime.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace azemu;
using namespace azemu::vm;
namespace fs = std::filesystem;

namespace {
/// Runs `script` as root in the guest; fails the bench on a non-zero exit. Returns the elapsed ms.
long long timed(UmlRuntime& rt, const std::string& vm, const std::string& script) {
  auto t0 = std::chrono::steady_clock::now();
  auto r = rt.run_command(vm, script);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  INFO("script: " << script << "\nstdout: " << r.stdout_text << "\nstderr: " << r.stderr_text);
  REQUIRE(r.exit_code == 0);
  return ms;
}
}  // namespace

TEST_CASE("bench: in-guest dm-crypt encryption and write throughput" * doctest::skip()) {
  auto sources = GuestImageSources::defaults();
  REQUIRE(sources.available());
  char tmpl[] = "/tmp/azemu-cryptbench-XXXXXX";
  std::string data_dir = mkdtemp(tmpl);
  UmlOptions o;
  o.data_dir = data_dir;
  o.image = ensure_guest_image(AZEMU_TEST_GUEST_CACHE, sources);
  o.network = false;  // nothing here needs SSH or the host
  {
    UmlRuntime rt(o);
    ports::VmSpec s;
    s.vm_id = "c0ffee00-0000-4000-8000-000000000001";
    s.name = "cryptbench";
    s.admin_username = "azureuser";
    s.os_disk = {"/disks/cryptbench_os", "os", -1, 30, true};
    s.data_disks.push_back({"/disks/cryptbench_d0", "d0", 0, 1, false});
    rt.create(s);
    // A filesystem that leaves the disk's last 32 MiB free (what --reduce-device-size takes), with
    // some data, as ADE finds a data disk; then the in-place encryption alone is timed.
    timed(rt, s.vm_id,
          "set -e; mkfs.ext4 -q -F /dev/sdc 992M; mkdir -p /mnt/d; mount /dev/sdc /mnt/d;"
          " dd if=/dev/urandom of=/mnt/d/data bs=1M count=64 2>/dev/null; umount /mnt/d;"
          " head -c 32 /dev/urandom > /tmp/bench.key");
    long long enc = timed(rt, s.vm_id,
                          "cryptsetup reencrypt --batch-mode --encrypt --type luks2 --force-offline-reencrypt"
                          " --reduce-device-size 32M --pbkdf pbkdf2 --pbkdf-force-iterations 1000"
                          " --key-file /tmp/bench.key /dev/sdc");
    std::printf("encrypt_1gib_ms=%lld\n", enc);
    timed(rt, s.vm_id, "cryptsetup open --key-file /tmp/bench.key /dev/sdc bench");
    constexpr int kMiB = 512;
    // The guest's dd is busybox's, which has conv=fsync but not conv=fdatasync; on a block device
    // both flush the written data before dd exits, which is what the measurement needs.
    long long wr = timed(rt, s.vm_id,
                         "dd if=/dev/zero of=/dev/mapper/bench bs=1M count=" + std::to_string(kMiB) +
                             " conv=fsync 2>&1");
    std::printf("dmcrypt_write_mib=%d dmcrypt_write_ms=%lld\n", kMiB, wr);
    timed(rt, s.vm_id, "cryptsetup close bench");
    rt.remove(s.vm_id, false, {s.data_disks[0].disk_id});
  }
  fs::remove_all(data_dir);
}
