// A ports::VmRuntime in front of the real one (uml, qemu or guestless) that makes a VM's guest fail
// when a `guestFailure` fault rule says so (emulator/ports/guest_faults.hpp), the way Azure shows it:
//   boot       create: the guest is made and stopped (it "never reported ready"), and create throws
//              ports::GuestFailure with the rule's code; start: nothing boots; restart: the guest
//              goes down and does not come back. Compute fails the operation with that code and
//              leaves the VM stopped.
//   extension  the settings are not handed to the guest; the extension reports status "error" with
//              the rule's message for that sequence number, so Compute fails the extension's
//              operation with VMExtensionProvisioningError and the instance view shows the error.
// Everything else passes through unchanged. Wired by emulator/app/services.cpp.
#pragma once

#include "emulator/ports/guest_faults.hpp"
#include "emulator/ports/vm_runtime.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace azemu::arm::compute {

class FaultInjectingRuntime final : public ports::VmRuntime {
public:
  FaultInjectingRuntime(std::unique_ptr<ports::VmRuntime> inner, ports::GuestFaultMatcher matcher)
      : inner_(std::move(inner)), matcher_(std::move(matcher)) {}

  std::string kind() const override { return inner_->kind(); }
  void create(const ports::VmSpec& spec) override;
  void start(const ports::VmSpec& spec) override;
  void stop(const std::string& vm_id) override { inner_->stop(vm_id); }
  void deallocate(const std::string& vm_id) override { inner_->deallocate(vm_id); }
  void restart(const std::string& vm_id) override;
  void remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) override;
  void attach_disk(const std::string& vm_id, const ports::VmDisk& disk) override { inner_->attach_disk(vm_id, disk); }
  void detach_disk(const std::string& vm_id, int lun) override { inner_->detach_disk(vm_id, lun); }
  void delete_disk(const std::string& disk_id) override { inner_->delete_disk(disk_id); }
  void deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) override;
  std::optional<ports::ExtensionReport> extension_status(const std::string& vm_id, const std::string& name) override;
  void remove_extension(const std::string& vm_id, const std::string& name) override;
  ports::RunCommandResult run_command(const std::string& vm_id, const std::string& script) override {
    return inner_->run_command(vm_id, script);
  }
  ports::GuestStatus status(const std::string& vm_id) override { return inner_->status(vm_id); }
  void set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) override {
    inner_->set_bek_volume(vm_id, bek);
  }
  std::optional<std::string> disk_file(const std::string& disk_id) const override { return inner_->disk_file(disk_id); }

private:
  std::optional<ports::GuestFault> boot_fault(const std::string& vm_id);
  std::unique_ptr<ports::VmRuntime> inner_;
  ports::GuestFaultMatcher matcher_;
  std::mutex mu_;
  std::map<std::string, std::string> resource_ids_;  // vm id → ARM id, learnt from create/start specs
  std::map<std::pair<std::string, std::string>, ports::ExtensionReport> failed_;  // (vm id, name) → injected report
};

}  // namespace azemu::arm::compute
