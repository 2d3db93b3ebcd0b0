// FaultInjectingRuntime over the guestless runtime: a boot fault throws GuestFailure with the
// rule's code and leaves the guest stopped; an extension fault reports an error for that sequence
// number without reaching the guest; with no fault everything passes through.
#include "fake-arm/providers/compute/runtime/fault_injecting_runtime.hpp"
#include "fake-arm/providers/compute/runtime/guestless_runtime.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using azemu::arm::compute::FaultInjectingRuntime;
using azemu::arm::compute::GuestlessRuntime;

TEST_SUITE("fault_injecting_runtime") {
  TEST_CASE("boot and extension faults as Compute sees them") {
    int boot_faults = 1;
    bool ext_fault = true;
    FaultInjectingRuntime rt(std::make_unique<GuestlessRuntime>(),
                             [&](ports::GuestEvent e, std::string_view vm, std::string_view type)
                                 -> std::optional<ports::GuestFault> {
                               CHECK(vm == "/subscriptions/s/vm-arm-id");
                               if (e == ports::GuestEvent::boot && boot_faults-- > 0)
                                 return ports::GuestFault{"f1", "OSProvisioningTimedOut", "no boot"};
                               if (e == ports::GuestEvent::extension && ext_fault && type == "CustomScript")
                                 return ports::GuestFault{"f2", "", "script failed"};
                               return std::nullopt;
                             });
    ports::VmSpec spec;
    spec.vm_id = "vm-1";
    spec.resource_id = "/subscriptions/s/vm-arm-id";
    try {
      rt.create(spec);
      FAIL("create did not throw");
    } catch (const ports::GuestFailure& f) {
      CHECK(f.code == "OSProvisioningTimedOut");
      CHECK(std::string(f.what()) == "no boot");
    }
    CHECK(rt.status("vm-1").power == ports::GuestPower::stopped);  // made, never ready
    rt.start(spec);  // the rule is used up
    CHECK(rt.status("vm-1").power == ports::GuestPower::running);

    ports::ExtensionDelivery ext;
    ext.name = "CustomScript";
    ext.type = "CustomScript";
    ext.sequence_number = 4;
    rt.deliver_extension("vm-1", ext);
    auto report = rt.extension_status("vm-1", "CustomScript");
    REQUIRE(report);
    CHECK(report->status == "error");
    CHECK(report->sequence_number == 4);
    CHECK(report->message == "script failed");
    ext_fault = false;
    ext.sequence_number = 5;
    rt.deliver_extension("vm-1", ext);  // the next delivery reaches the guest again
    CHECK(rt.extension_status("vm-1", "CustomScript")->status == "success");
  }
}
