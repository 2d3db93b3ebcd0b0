// GuestRuntime's warm guests (guest_runtime_spares.cpp, spare_pool.cpp) over the fake Hypervisor:
// a create that fits takes a pre-booted spare, one that does not boots cold, the pool refills on
// its own thread, and shutting the runtime down stops the spares. Waits are on the pool's
// readiness (wait_for_spares), never sleeps.
#include "vm-sim/machine/spare_pool.hpp"

#include "tests/vm-sim/machine/fake_hypervisor.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace azemu;
using namespace azemu::vm;
using namespace azemu::vm::fake;
namespace fs = std::filesystem;

namespace {
auto soon() { return std::chrono::steady_clock::now() + 10s; }

bool booted_as(const std::vector<MachineLaunch>& boots, const std::string& vm_id) {
  return std::any_of(boots.begin(), boots.end(), [&vm_id](const MachineLaunch& l) { return l.vm_id == vm_id; });
}
}  // namespace

TEST_SUITE("guest_runtime_spares") {
  TEST_CASE("a create that fits takes the ready spare: no boot for the VM, the spare's files become the VM's, "
            "its data disks are hot-plugged, it is provisioned once; the pool refills") {
    Fixture f(1);
    REQUIRE(f.rt->wait_for_spares(soon()));
    REQUIRE(f.rec.launches().size() == 1);
    const MachineLaunch spare = f.rec.launches()[0];
    CHECK(spare.vm_dir.find("/spares/") != std::string::npos);
    CHECK(spare.data_disks.empty());
    CHECK(count(f.rec.agent.snapshot(), "provision") == 0);  // a spare is nobody yet

    auto s = spec("12121212-aaaa");
    f.rt->create(s);
    CHECK_FALSE(booted_as(f.rec.launches(), s.vm_id));
    CHECK(count(f.rec.agent.snapshot(), "provision") == 1);
    CHECK(f.rec.guest_calls == std::vector<std::string>{"attach 0", "attach 3"});  // LUN order, as a cold boot
    auto st = f.rt->status(s.vm_id);
    CHECK(st.power == ports::GuestPower::running);
    CHECK(st.agent_ready);

    const std::string vm_dir = f.dir.path + "/vms/" + s.vm_id;
    CHECK(fs::exists(f.rt->disk_path(s.os_disk.disk_id)));
    CHECK(fs::read_symlink(vm_dir + "/os.img") == f.rt->disk_path(s.os_disk.disk_id));  // UML's command line names it
    CHECK(fs::exists(vm_dir + "/resource.img"));
    CHECK(fs::exists(vm_dir + "/spec.json"));
    CHECK(fs::exists(f.rt->disk_path(s.data_disks[0].disk_id)));
    CHECK(fs::is_symlink(spare.vm_dir));  // the guest's sockets are still named by the old folder
    CHECK(fs::read_symlink(spare.vm_dir) == vm_dir);
    CHECK(f.rt->run_command(s.vm_id, "hostname").stdout_text == "ran: hostname");

    REQUIRE(f.rt->wait_for_spares(soon()));
    auto boots = f.rec.launches();
    REQUIRE(boots.size() == 2);
    CHECK(boots[1].vm_dir.find("/spares/") != std::string::npos);
    CHECK(boots[1].vm_dir != spare.vm_dir);

    f.rt->remove(s.vm_id, false, {});
    CHECK_FALSE(fs::exists(fs::symlink_status(spare.vm_dir)));  // gone with the guest
    CHECK_FALSE(fs::exists(fs::symlink_status(vm_dir + "/os.img")));
    CHECK_FALSE(fs::exists(vm_dir));
    CHECK_FALSE(fs::exists(f.rt->disk_path(s.os_disk.disk_id)));
  }

  TEST_CASE("a create the spare does not fit boots cold and leaves the spare ready") {
    Fixture f(1);
    REQUIRE(f.rt->wait_for_spares(soon()));
    auto s = spec("34343434-bbbb");
    SUBCASE("another memory size") { s.memory_mb = 2048; }
    SUBCASE("another OS disk size") { s.os_disk.size_gb = 64; }
    SUBCASE("an OS disk that exists already") {
      fs::create_directories(f.dir.path + "/disks");
      create_sparse_disk(f.rt->disk_path(s.os_disk.disk_id), 1ll << 30);
    }
    f.rt->create(s);
    CHECK(booted_as(f.rec.launches(), s.vm_id));
    CHECK(f.rec.launches().size() == 2);
    CHECK(f.rt->status(s.vm_id).power == ports::GuestPower::running);
    CHECK(f.rt->wait_for_spares(soon()));
    CHECK(f.rec.launches().size() == 2);  // the spare was not used, so nothing refilled
  }

  TEST_CASE("an adopted guest restarts by a cold boot of the VM's own files; start never takes a spare") {
    Fixture f(1);
    REQUIRE(f.rt->wait_for_spares(soon()));
    auto s = spec("56565656-cccc");
    f.rt->create(s);  // adopts
    REQUIRE(f.rt->wait_for_spares(soon()));
    // A reboot inside would come back without the hot-plugged data disks: power-cycle instead.
    f.rt->restart(s.vm_id);
    CHECK(count(f.rec.guest_calls, "reboot") == 0);
    auto boots = f.rec.launches();
    REQUIRE(boots.size() == 3);
    CHECK(boots[2].vm_id == s.vm_id);
    CHECK(boots[2].os_disk == f.rt->disk_path(s.os_disk.disk_id));
    CHECK(boots[2].vm_dir == f.dir.path + "/vms/" + s.vm_id);
    CHECK(boots[2].data_disks.size() == 2);
    f.rt->restart(s.vm_id);  // a cold-booted guest reboots in place again
    CHECK(count(f.rec.guest_calls, "reboot") == 1);

    f.rt->stop(s.vm_id);
    f.rt->start(s);
    CHECK(f.rec.launches().size() == 4);
    CHECK(f.rec.launches()[3].vm_id == s.vm_id);
  }

  TEST_CASE("shutting the runtime down stops every spare and deletes its folder") {
    Fixture f(2);
    REQUIRE(f.rt->wait_for_spares(soon()));
    auto boots = f.rec.launches();
    REQUIRE(boots.size() == 2);
    f.rt.reset();
    CHECK(count(f.rec.guest_calls, "shutdown") == 2);
    for (const auto& l : boots) CHECK_FALSE(fs::exists(l.vm_dir));
  }

  TEST_CASE("a spare that fails to boot is not retried until the next take") {
    int attempts = 0;
    SparePool pool(1, [&attempts]() -> Spare {
      ++attempts;
      throw std::runtime_error("no guest image");
    }, 0ms);
    CHECK_FALSE(pool.wait_full(soon()));
    CHECK(attempts == 1);
    CHECK_FALSE(pool.take().has_value());
    CHECK_FALSE(pool.wait_full(soon()));
    CHECK(attempts == 2);
  }
}
