// GuestRuntime over a fake Hypervisor (fake_hypervisor.hpp): no guest is booted, every agent
// request goes through the real ControlChannel to a fake agent.
#include "vm-sim/machine/guest_runtime.hpp"

#include "tests/vm-sim/machine/fake_hypervisor.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace azemu;
using namespace azemu::vm;
using namespace azemu::vm::fake;
namespace fs = std::filesystem;

TEST_SUITE("guest_runtime") {
  TEST_CASE("create boots with the disk files made and the data disks in LUN order, then provisions: running") {
    Fixture f;
    auto s = spec("11111111-aaaa");
    f.rt->create(s);
    REQUIRE(f.rec.boots.size() == 1);
    const MachineLaunch& l = f.rec.boots[0];
    CHECK(l.os_disk == f.rt->disk_path(s.os_disk.disk_id));
    CHECK(fs::exists(l.os_disk));
    CHECK(fs::exists(l.resource_disk));
    REQUIRE(l.data_disks.size() == 2);
    CHECK(l.data_disks[0].lun == 0);
    CHECK(l.data_disks[1].lun == 3);
    CHECK(fs::exists(l.data_disks[1].path));
    CHECK(l.bek_volume.empty());
    CHECK(fs::exists(f.dir.path + "/vms/11111111-aaaa/spec.json"));
    CHECK(count(f.rec.agent.snapshot(), "provision") == 1);

    auto st = f.rt->status(s.vm_id);
    CHECK(st.power == ports::GuestPower::running);
    CHECK(st.agent_ready);
    CHECK(st.agent_version == "fake-agent-1");
    CHECK(st.agent_message == "Guest Agent is running");
    CHECK(f.rt->kind() == "fake");
    CHECK_THROWS_WITH_AS(f.rt->create(s), "VM vm1 already runs", std::runtime_error);
  }

  TEST_CASE("run_command reaches the agent and returns its output") {
    Fixture f;
    auto s = spec("22222222-bbbb");
    f.rt->create(s);
    auto r = f.rt->run_command(s.vm_id, "echo hi");
    CHECK(r.exit_code == 0);
    CHECK(r.stdout_text == "ran: echo hi");
    f.rt->stop(s.vm_id);
    CHECK_THROWS_WITH_AS(f.rt->run_command(s.vm_id, "true"), "VM is not running", std::runtime_error);
  }

  TEST_CASE("stop keeps the resource disk, deallocate drops it; start boots again") {
    Fixture f;
    auto s = spec("33333333-cccc");
    f.rt->create(s);
    const std::string resource = f.rec.boots[0].resource_disk;
    f.rt->stop(s.vm_id);
    CHECK(count(f.rec.guest_calls, "shutdown") == 1);
    CHECK(f.rt->status(s.vm_id).power == ports::GuestPower::stopped);
    CHECK(fs::exists(resource));
    f.rt->start(s);
    CHECK(f.rec.boots.size() == 2);
    CHECK(f.rt->status(s.vm_id).power == ports::GuestPower::running);
    f.rt->deallocate(s.vm_id);
    auto st = f.rt->status(s.vm_id);
    CHECK(st.power == ports::GuestPower::deallocated);
    CHECK_FALSE(st.agent_ready);
    CHECK_FALSE(fs::exists(resource));
  }

  TEST_CASE("a guest that powered off by itself reads as stopped") {
    Fixture f;
    auto s = spec("44444444-dddd");
    f.rt->create(s);
    f.rec.guest_alive = false;
    auto st = f.rt->status(s.vm_id);
    CHECK(st.power == ports::GuestPower::stopped);
    CHECK(st.agent_message == "VM stopped from inside the guest");
  }

  TEST_CASE("a failed boot leaves the VM stopped with the reason") {
    Fixture f;
    f.rec.boot_failure = "the guest agent did not report ready in time";
    auto s = spec("55555555-eeee");
    CHECK_THROWS_AS(f.rt->create(s), std::runtime_error);
    auto st = f.rt->status(s.vm_id);
    CHECK(st.power == ports::GuestPower::stopped);
    CHECK(st.agent_message == "the guest agent did not report ready in time");
  }

  TEST_CASE("restart reboots inside the guest, or power-cycles when the hypervisor needs it") {
    Fixture f;
    auto s = spec("66666666-ffff");
    f.rt->create(s);
    f.rt->restart(s.vm_id);
    CHECK(count(f.rec.guest_calls, "reboot") == 1);
    CHECK(f.rec.boots.size() == 1);
    CHECK(count(f.rec.agent.snapshot(), "provision") == 2);  // every boot is provisioned
    CHECK(f.rt->status(s.vm_id).power == ports::GuestPower::running);

    f.rec.power_cycle = true;
    f.rt->restart(s.vm_id);
    CHECK(count(f.rec.guest_calls, "reboot") == 1);
    CHECK(count(f.rec.guest_calls, "shutdown") == 1);
    CHECK(f.rec.boots.size() == 2);
  }

  TEST_CASE("remove deletes the OS disk and the VM's folder and forgets the VM; listed data disks go too") {
    Fixture f;
    auto s = spec("77777777-abcd");
    f.rt->create(s);
    const std::string os = f.rt->disk_path(s.os_disk.disk_id);
    const std::string kept = f.rt->disk_path(s.data_disks[0].disk_id), gone = f.rt->disk_path(s.data_disks[1].disk_id);
    f.rt->remove(s.vm_id, false, {s.data_disks[1].disk_id});
    CHECK_FALSE(fs::exists(os));
    CHECK_FALSE(fs::exists(gone));
    CHECK(fs::exists(kept));
    CHECK_FALSE(fs::exists(f.dir.path + "/vms/77777777-abcd"));
    CHECK(f.rt->status(s.vm_id).power == ports::GuestPower::deallocated);
    CHECK_THROWS_WITH_AS(f.rt->stop(s.vm_id), "VM 77777777-abcd is unknown to the fake runtime", std::runtime_error);
  }

  TEST_CASE("extension settings reach the agent; the handler's status is read back; remove forgets it") {
    Fixture f;
    auto s = spec("88888888-abcd");
    f.rt->create(s);
    CHECK_FALSE(f.rt->extension_status(s.vm_id, "ADE").has_value());
    ports::ExtensionDelivery ext;
    ext.name = "ADE";
    ext.publisher = "Microsoft.Azure.Security";
    ext.type = "AzureDiskEncryptionForLinux";
    ext.type_handler_version = "1.1";
    ext.sequence_number = 4;
    f.rt->deliver_extension(s.vm_id, ext);
    auto report = f.rt->extension_status(s.vm_id, "ADE");
    REQUIRE(report.has_value());
    CHECK(report->sequence_number == 4);
    CHECK(report->status == "success");
    CHECK(report->message == "Enable succeeded");
    f.rt->remove_extension(s.vm_id, "ADE");
    CHECK_FALSE(f.rt->extension_status(s.vm_id, "ADE").has_value());

    f.rt->stop(s.vm_id);
    CHECK_THROWS_WITH_AS(f.rt->deliver_extension(s.vm_id, ext), "VM is not running: extensions run in the guest",
                         std::runtime_error);
  }

  TEST_CASE("attach and detach hot-plug a running guest and are kept in the record; limits are the hypervisor's") {
    Fixture f;
    auto s = spec("99999999-abcd");
    s.data_disks.pop_back();  // LUN 0 stays free
    f.rt->create(s);
    ports::VmDisk d0{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d0", "d0", 0, 1, false};
    f.rt->attach_disk(s.vm_id, d0);
    CHECK(count(f.rec.guest_calls, "attach 0") == 1);
    CHECK(fs::exists(f.rt->disk_path(d0.disk_id)));
    CHECK_THROWS_WITH_AS(f.rt->attach_disk(s.vm_id, d0), "LUN 0 is already in use", std::runtime_error);
    ports::VmDisk d5 = d0;
    d5.lun = 5;
    CHECK_THROWS_WITH_AS(f.rt->attach_disk(s.vm_id, d5), "the fake runtime attaches at most 2 data disks", std::runtime_error);

    f.rec.busy_luns.insert(0);
    CHECK_THROWS_WITH_AS(f.rt->detach_disk(s.vm_id, 0), doctest::Contains("unmount it in the guest first"), std::runtime_error);
    f.rec.busy_luns.clear();
    f.rt->detach_disk(s.vm_id, 0);
    CHECK(count(f.rec.guest_calls, "detach 0") == 1);
    CHECK(fs::exists(f.rt->disk_path(d0.disk_id)));  // detaching keeps the managed disk

    // After an azemu restart the record still knows the disks: a new runtime boots LUN 3 only.
    f.rt->stop(s.vm_id);
    f.rt.reset();
    GuestRuntimeOptions o;
    o.data_dir = f.dir.path;
    o.network = false;
    GuestRuntime again(o, std::make_unique<FakeHypervisor>(f.rec));
    again.restart(s.vm_id);
    REQUIRE(f.rec.boots.back().data_disks.size() == 1);
    CHECK(f.rec.boots.back().data_disks[0].lun == 3);
  }

  TEST_CASE("taking the BEK volume away from a running guest goes through the guest, which swaps the file") {
    Fixture f;
    auto s = spec("aaaaaaaa-abcd");
    f.rt->set_bek_volume(s.vm_id, std::nullopt);  // before create: the VM's folder, no volume
    f.rt->create(s);
    CHECK(f.rec.boots[0].bek_volume.empty());
    const std::string bek = f.dir.path + "/vms/aaaaaaaa-abcd/bek.img";
    { std::ofstream(bek) << "stale"; }
    f.rt->set_bek_volume(s.vm_id, std::nullopt);
    CHECK(count(f.rec.guest_calls, "bek ") == 1);
    CHECK_FALSE(fs::exists(bek));
    CHECK_FALSE(json::parse(std::ifstream(f.dir.path + "/vms/aaaaaaaa-abcd/spec.json")).contains("bek_volume"));
  }
}
