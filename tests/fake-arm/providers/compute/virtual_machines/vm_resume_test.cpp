#include "fake-arm/providers/compute/virtual_machines/vm_resume.hpp"

#include "emulator/exec/jobs.hpp"
#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
/// A runtime as after an azemu restart: records which VMs it is asked to start, and fails them all
/// when `fail` is set (the guest cannot boot).
struct StartRecorder final : ports::VmRuntime {
  std::vector<std::string> started;
  bool fail = false;
  std::string kind() const override { return "recorder"; }
  void create(const ports::VmSpec&) override {}
  void start(const ports::VmSpec& spec) override {
    started.push_back(spec.name);
    if (fail) throw std::runtime_error("the OS disk is missing");
  }
  void stop(const std::string&) override {}
  void deallocate(const std::string&) override {}
  void restart(const std::string&) override {}
  void remove(const std::string&, bool, const std::vector<std::string>&) override {}
  void attach_disk(const std::string&, const ports::VmDisk&) override {}
  void detach_disk(const std::string&, int) override {}
  void delete_disk(const std::string&) override {}
  void deliver_extension(const std::string&, const ports::ExtensionDelivery&) override {}
  std::optional<ports::ExtensionReport> extension_status(const std::string&, const std::string&) override { return std::nullopt; }
  void remove_extension(const std::string&, const std::string&) override {}
  ports::RunCommandResult run_command(const std::string&, const std::string&) override { return {}; }
  ports::GuestStatus status(const std::string&) override { return {}; }
  void set_bek_volume(const std::string&, const std::optional<ports::BekVolume>&) override {}
  std::optional<std::string> disk_file(const std::string&) const override { return std::nullopt; }
};

json power_status(ComputeFixture& f, const std::string& vm) {
  auto view = f.call("GET", f.vm_url(vm, "/instanceView")).json();
  for (const auto& s : view["statuses"])
    if (s["code"].get<std::string>().rfind("PowerState/", 0) == 0) return s;
  return nullptr;
}
}  // namespace

TEST_SUITE("vm_resume") {
  TEST_CASE("after a restart, running VMs are started again; stopped ones stay stopped") {
    ComputeFixture f;
    f.add_nic("nic2");
    REQUIRE(f.create_vm("up", f.vm_body("nic1")).status == 201);
    REQUIRE(f.create_vm("down", f.vm_body("nic2")).status == 201);
    REQUIRE(f.call("POST", f.vm_url("down", "/powerOff")).status == 202);
    StartRecorder rt;
    exec::InlineJobs jobs;
    CHECK(arm::compute::resume_running_vms(f.stack.db(), f.stack.clock(), jobs, rt, f.stack.platform_kv()) == 1);
    CHECK(rt.started == std::vector<std::string>{"up"});
    CHECK(power_status(f, "up")["code"] == "PowerState/running");
    CHECK_FALSE(power_status(f, "up").contains("message"));
    CHECK(power_status(f, "down")["code"] == "PowerState/stopped");
  }

  TEST_CASE("a VM whose guest cannot boot again ends stopped, the reason in its PowerState status; start clears it") {
    ComputeFixture f;
    REQUIRE(f.create_vm("vm1", f.vm_body("nic1")).status == 201);
    StartRecorder rt;
    rt.fail = true;
    exec::InlineJobs jobs;
    CHECK(arm::compute::resume_running_vms(f.stack.db(), f.stack.clock(), jobs, rt, f.stack.platform_kv()) == 1);
    json s = power_status(f, "vm1");
    CHECK(s["code"] == "PowerState/stopped");
    CHECK(s["level"] == "Warning");
    CHECK(s["message"].get<std::string>().find("the OS disk is missing") != std::string::npos);
    // A later start (on the stack's own guestless runtime) succeeds and the note goes away.
    REQUIRE(f.call("POST", f.vm_url("vm1", "/start")).status == 202);
    s = power_status(f, "vm1");
    CHECK(s["code"] == "PowerState/running");
    CHECK_FALSE(s.contains("message"));
  }
}
