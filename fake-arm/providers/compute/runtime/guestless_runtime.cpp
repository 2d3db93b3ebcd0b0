// GuestlessRuntime; see guestless_runtime.hpp.
#include "fake-arm/providers/compute/runtime/guestless_runtime.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/mount.hpp"

#include <chrono>

namespace azemu::arm::compute {

namespace {
std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

GuestlessRuntime::Machine& GuestlessRuntime::machine(const std::string& vm_id) { return machines_[text::to_lower(vm_id)]; }

void GuestlessRuntime::create(const ports::VmSpec& spec) { start(spec); }

void GuestlessRuntime::start(const ports::VmSpec& spec) {
  std::lock_guard lock(mutex_);
  Machine& m = machine(spec.vm_id);
  m.power = ports::GuestPower::running;
  m.booted_at = now_unix();
}

void GuestlessRuntime::stop(const std::string& vm_id) {
  std::lock_guard lock(mutex_);
  machine(vm_id).power = ports::GuestPower::stopped;
}

void GuestlessRuntime::deallocate(const std::string& vm_id) {
  std::lock_guard lock(mutex_);
  machine(vm_id).power = ports::GuestPower::deallocated;
}

void GuestlessRuntime::restart(const std::string& vm_id) {
  std::lock_guard lock(mutex_);
  Machine& m = machine(vm_id);
  m.power = ports::GuestPower::running;
  m.booted_at = now_unix();
}

void GuestlessRuntime::remove(const std::string& vm_id, bool, const std::vector<std::string>&) {
  std::lock_guard lock(mutex_);
  machines_.erase(text::to_lower(vm_id));
}

// Disks have no content without a guest: attaching, detaching and deleting change nothing here.
void GuestlessRuntime::attach_disk(const std::string&, const ports::VmDisk&) {}
void GuestlessRuntime::detach_disk(const std::string&, int) {}
void GuestlessRuntime::delete_disk(const std::string&) {}

void GuestlessRuntime::deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) {
  std::lock_guard lock(mutex_);
  machine(vm_id).extension_sequence[text::to_lower(ext.name)] = ext.sequence_number;
}

std::optional<ports::ExtensionReport> GuestlessRuntime::extension_status(const std::string& vm_id,
                                                                         const std::string& name) {
  std::lock_guard lock(mutex_);
  const Machine& m = machine(vm_id);
  auto it = m.extension_sequence.find(text::to_lower(name));
  if (it == m.extension_sequence.end()) return std::nullopt;
  ports::ExtensionReport r;
  r.sequence_number = it->second;
  r.status = "success";
  r.code = "0";
  r.message = kExtensionMessage;
  r.reported_at = now_unix();
  return r;
}

void GuestlessRuntime::remove_extension(const std::string& vm_id, const std::string& name) {
  std::lock_guard lock(mutex_);
  machine(vm_id).extension_sequence.erase(text::to_lower(name));
}

ports::RunCommandResult GuestlessRuntime::run_command(const std::string&, const std::string&) {
  return {1, "", kRunCommandError};
}

ports::GuestStatus GuestlessRuntime::status(const std::string& vm_id) {
  std::lock_guard lock(mutex_);
  const Machine& m = machine(vm_id);
  ports::GuestStatus s;
  s.power = m.power;
  s.agent_ready = m.power == ports::GuestPower::running;
  s.agent_version = "guestless";
  s.agent_message = s.agent_ready ? "Guest Agent is running (guestless runtime: no guest)" : "VM is not running";
  s.last_heartbeat = s.agent_ready ? now_unix() : 0;
  return s;
}

void GuestlessRuntime::set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) {
  std::lock_guard lock(mutex_);
  machine(vm_id).bek = bek;
}

}  // namespace azemu::arm::compute

namespace azemu::arm {
std::unique_ptr<ports::VmRuntime> make_guestless_runtime() { return std::make_unique<compute::GuestlessRuntime>(); }
}  // namespace azemu::arm
