// See fault_injecting_runtime.hpp.
#include "fake-arm/providers/compute/runtime/fault_injecting_runtime.hpp"

#include "fake-arm/mount.hpp"

#include <chrono>

namespace azemu::arm::compute {

std::optional<ports::GuestFault> FaultInjectingRuntime::boot_fault(const std::string& vm_id) {
  std::string resource_id;
  {
    std::lock_guard lock(mu_);
    auto it = resource_ids_.find(vm_id);
    if (it == resource_ids_.end()) return std::nullopt;
    resource_id = it->second;
  }
  return matcher_(ports::GuestEvent::boot, resource_id, "");
}

void FaultInjectingRuntime::create(const ports::VmSpec& spec) {
  {
    std::lock_guard lock(mu_);
    resource_ids_[spec.vm_id] = spec.resource_id;
  }
  auto fault = boot_fault(spec.vm_id);
  inner_->create(spec);
  if (!fault) return;
  inner_->stop(spec.vm_id);  // the guest exists but never reported ready
  throw ports::GuestFailure(fault->code, fault->message);
}

void FaultInjectingRuntime::start(const ports::VmSpec& spec) {
  {
    std::lock_guard lock(mu_);
    resource_ids_[spec.vm_id] = spec.resource_id;
  }
  if (auto fault = boot_fault(spec.vm_id)) throw ports::GuestFailure(fault->code, fault->message);
  inner_->start(spec);
}

void FaultInjectingRuntime::restart(const std::string& vm_id) {
  if (auto fault = boot_fault(vm_id)) {
    inner_->stop(vm_id);
    throw ports::GuestFailure(fault->code, fault->message);
  }
  inner_->restart(vm_id);
}

void FaultInjectingRuntime::remove(const std::string& vm_id, bool keep_os_disk,
                                   const std::vector<std::string>& delete_data_disk_ids) {
  inner_->remove(vm_id, keep_os_disk, delete_data_disk_ids);
  std::lock_guard lock(mu_);
  resource_ids_.erase(vm_id);
  for (auto it = failed_.begin(); it != failed_.end();) it = it->first.first == vm_id ? failed_.erase(it) : std::next(it);
}

void FaultInjectingRuntime::deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) {
  std::string resource_id;
  {
    std::lock_guard lock(mu_);
    failed_.erase({vm_id, ext.name});
    if (auto it = resource_ids_.find(vm_id); it != resource_ids_.end()) resource_id = it->second;
  }
  if (!resource_id.empty()) {
    if (auto fault = matcher_(ports::GuestEvent::extension, resource_id, ext.type)) {
      ports::ExtensionReport report;
      report.sequence_number = ext.sequence_number;
      report.status = "error";
      report.code = "1";
      report.message = fault->message;
      report.reported_at =
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
      std::lock_guard lock(mu_);
      failed_[{vm_id, ext.name}] = std::move(report);
      return;
    }
  }
  inner_->deliver_extension(vm_id, ext);
}

std::optional<ports::ExtensionReport> FaultInjectingRuntime::extension_status(const std::string& vm_id,
                                                                              const std::string& name) {
  {
    std::lock_guard lock(mu_);
    if (auto it = failed_.find({vm_id, name}); it != failed_.end()) return it->second;
  }
  return inner_->extension_status(vm_id, name);
}

void FaultInjectingRuntime::remove_extension(const std::string& vm_id, const std::string& name) {
  {
    std::lock_guard lock(mu_);
    failed_.erase({vm_id, name});
  }
  inner_->remove_extension(vm_id, name);
}

}  // namespace azemu::arm::compute

namespace azemu::arm {
std::unique_ptr<ports::VmRuntime> with_guest_faults(std::unique_ptr<ports::VmRuntime> runtime,
                                                    ports::GuestFaultMatcher matcher) {
  return std::make_unique<compute::FaultInjectingRuntime>(std::move(runtime), std::move(matcher));
}
}  // namespace azemu::arm
