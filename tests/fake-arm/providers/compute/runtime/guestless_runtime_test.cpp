#include "fake-arm/providers/compute/runtime/guestless_runtime.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using azemu::arm::compute::GuestlessRuntime;

TEST_SUITE("guestless_runtime") {
  TEST_CASE("a VM without a guest: power follows the calls, the agent is 'guestless', extensions report success") {
    GuestlessRuntime rt;
    CHECK(rt.kind() == "guestless");
    ports::VmSpec spec;
    spec.vm_id = "vm-1";
    rt.create(spec);
    auto s = rt.status("vm-1");
    CHECK(s.power == ports::GuestPower::running);
    CHECK(s.agent_ready);
    CHECK(s.agent_version == "guestless");
    rt.stop("vm-1");
    CHECK(rt.status("vm-1").power == ports::GuestPower::stopped);
    CHECK_FALSE(rt.status("vm-1").agent_ready);
    rt.deallocate("vm-1");
    CHECK(rt.status("vm-1").power == ports::GuestPower::deallocated);
    rt.start(spec);
    CHECK(rt.status("vm-1").power == ports::GuestPower::running);

    CHECK_FALSE(rt.extension_status("vm-1", "ade"));
    ports::ExtensionDelivery ext;
    ext.name = "ADE";
    ext.sequence_number = 3;
    rt.deliver_extension("vm-1", ext);
    auto r = rt.extension_status("vm-1", "ade");
    REQUIRE(r);
    CHECK(r->sequence_number == 3);
    CHECK(r->status == "success");
    CHECK(r->message == "guestless runtime: no handler ran");
    rt.remove_extension("vm-1", "ade");
    CHECK_FALSE(rt.extension_status("vm-1", "ade"));
  }

  TEST_CASE("run_command has no guest to run in") {
    GuestlessRuntime rt;
    auto r = rt.run_command("vm-1", "echo hi");
    CHECK(r.exit_code == 1);
    CHECK(r.stdout_text.empty());
    CHECK(r.stderr_text == "no guest: azemu runs this VM without a guest (guestless runtime)");
  }
}
