// A real UML VM created from a warm guest (GuestRuntime with warm_guests, machine/spare_pool.hpp):
// the adopted spare answers as the VM (hostname, admin user over SSH, its data disk by Azure
// name, its console socket), survives a real reboot, and stop/start/remove treat it like a cold
// boot, leaving no process, namespace or file of the spare behind.
#include "vm-sim/uml/uml_runtime.hpp"

#include "uml_test_support.hpp"
#include "vm-sim/machine/guest_process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace azemu;
using namespace azemu::vm;
using namespace azemu::vm::test;
namespace fs = std::filesystem;

namespace {
/// The spare folder the VM adopted: the symlink left in <data-dir>/spares/ pointing at `vm_dir`.
std::string adopted_spare(const std::string& data_dir, const std::string& vm_dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir + "/spares", ec))
    if (fs::is_symlink(e.symlink_status()) && fs::read_symlink(e.path()) == vm_dir) return e.path().string();
  return "";
}

std::string ssh(const std::string& data_dir, int port, const std::string& command) {
  std::string cmd = "ssh -i " + data_dir + "/key -p " + std::to_string(port) +
                    " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
                    " azureuser@127.0.0.1 '" + command + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  return out;
}
}  // namespace

TEST_CASE("uml: a create with a warm guest adopts it: the VM's hostname, user and data disk, run-command, reboot, "
          "stop/start, remove") {
  const GuestImage* image = shared_image();
  if (!image) return;
  std::string data_dir = temp_dir();
  REQUIRE(run_tool({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", data_dir + "/key"}) == 0);
  std::string key;
  std::getline(std::ifstream(data_dir + "/key.pub"), key);

  ports::VmSpec s;
  s.vm_id = random_vm_id();
  s.name = s.computer_name = "warm1";
  s.admin_username = "azureuser";
  s.ssh_public_keys = {key};
  s.os_disk = {disk_id("warm1_OsDisk_1"), "warm1_OsDisk_1", -1, 4, true};
  s.data_disks.push_back({disk_id("warm1_data0"), "warm1_data0", 0, 1, false});
  const std::string vm_dir = data_dir + "/vms/" + s.vm_id;
  {
    auto o = options_for(data_dir, *image);
    o.warm_guests = 1;
    o.spare_shape.os_disk_gb = 4;  // s's; the shape's memory (3.5 GiB) and s's (512 MiB) are the same capped guest
    UmlRuntime rt(o);
    REQUIRE(rt.wait_for_spares(std::chrono::steady_clock::now() + std::chrono::seconds(120)));

    auto t0 = std::chrono::steady_clock::now();
    rt.create(s);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("warm create to agent ready: " << ms << " ms");
    const std::string spare = adopted_spare(data_dir, vm_dir);
    REQUIRE_FALSE(spare.empty());  // adopted, not booted cold

    auto st = rt.status(s.vm_id);
    CHECK(st.power == ports::GuestPower::running);
    CHECK(st.agent_ready);
    REQUIRE(st.ssh_port.has_value());
    CHECK(run_ok(rt, s.vm_id, "hostname") == "warm1\n");
    CHECK(run_ok(rt, s.vm_id, "readlink /dev/disk/azure/scsi1/lun0; readlink /dev/disk/azure/root") ==
          "../../../sdc\n../../sda\n");
    CHECK(run_ok(rt, s.vm_id, "mkfs.ext4 -q /dev/disk/azure/scsi1/lun0 && mount /dev/sdc /mnt && echo warm > /mnt/f && "
                              "cat /mnt/f && umount /mnt") == "warm\n");
    CHECK(ssh(data_dir, *st.ssh_port, "id -un; hostname") == "azureuser\nwarm1\n");  // relays named by the old folder
    CHECK(std::ifstream(vm_dir + "/ssh_port").good());

    rt.restart(s.vm_id);  // a real reboot of the adopted guest
    CHECK(run_ok(rt, s.vm_id, "hostname; mount /dev/disk/azure/scsi1/lun0 /mnt && cat /mnt/f && umount /mnt") ==
          "warm1\nwarm\n");
    CHECK(ssh(data_dir, *rt.status(s.vm_id).ssh_port, "hostname") == "warm1\n");

    rt.stop(s.vm_id);
    CHECK(processes_mentioning(spare).empty());
    CHECK_FALSE(fs::exists(fs::symlink_status(spare)));
    rt.start(s);  // cold, from the VM's own files
    CHECK(run_ok(rt, s.vm_id, "hostname; mount /dev/sdc /mnt && cat /mnt/f") == "warm1\nwarm\n");

    REQUIRE(rt.wait_for_spares(std::chrono::steady_clock::now() + std::chrono::seconds(120)));  // refilled
    rt.remove(s.vm_id, false, {s.data_disks[0].disk_id});
    CHECK(processes_mentioning(vm_dir).empty());
    CHECK_FALSE(fs::exists(vm_dir));
  }
  // The runtime is gone: so are the refilled spare's processes and folder.
  CHECK(processes_mentioning(data_dir).empty());
  CHECK(fs::is_empty(data_dir + "/spares"));
  fs::remove_all(data_dir);
}
