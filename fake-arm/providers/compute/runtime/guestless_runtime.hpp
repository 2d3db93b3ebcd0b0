// GuestlessRuntime: a ports::VmRuntime for VMs without a guest. A VM is a record in memory: every
// lifecycle call succeeds at once, the "agent" is ready as soon as the VM runs (version
// "guestless"), every extension reports success without any handler running, and run_command
// answers that there is no guest to run in. Nothing is written to disk, nothing is encrypted:
// this is the runtime for unit tests and for ARM-only use, never a stand-in for vm-sim.
#pragma once

#include "emulator/ports/vm_runtime.hpp"

#include <map>
#include <mutex>
#include <string>

namespace azemu::arm::compute {

class GuestlessRuntime final : public ports::VmRuntime {
public:
  /// The message every extension status carries, and run_command's stderr.
  static constexpr const char* kExtensionMessage = "guestless runtime: no handler ran";
  static constexpr const char* kRunCommandError = "no guest: azemu runs this VM without a guest (guestless runtime)";

  std::string kind() const override { return "guestless"; }

  void create(const ports::VmSpec& spec) override;
  void start(const ports::VmSpec& spec) override;
  void stop(const std::string& vm_id) override;
  void deallocate(const std::string& vm_id) override;
  void restart(const std::string& vm_id) override;
  void remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) override;

  void attach_disk(const std::string& vm_id, const ports::VmDisk& disk) override;
  void detach_disk(const std::string& vm_id, int lun) override;
  void delete_disk(const std::string& disk_id) override;

  void deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) override;
  std::optional<ports::ExtensionReport> extension_status(const std::string& vm_id, const std::string& name) override;
  void remove_extension(const std::string& vm_id, const std::string& name) override;

  ports::RunCommandResult run_command(const std::string& vm_id, const std::string& script) override;
  ports::GuestStatus status(const std::string& vm_id) override;

  /// Remembered only: there is no guest to unlock anything.
  void set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) override;
  std::optional<std::string> disk_file(const std::string&) const override { return std::nullopt; }

private:
  struct Machine {
    ports::GuestPower power = ports::GuestPower::running;
    std::int64_t booted_at = 0;
    std::map<std::string, int> extension_sequence;  // lower-cased name → last delivered sequence number
    std::optional<ports::BekVolume> bek;
  };
  /// The machine for `vm_id`, created running when unknown: after an azemu restart the records are
  /// gone, and fake-arm's stored power state is the truth (it shows the agent only for running VMs).
  Machine& machine(const std::string& vm_id);
  std::mutex mutex_;
  std::map<std::string, Machine> machines_;
};

}  // namespace azemu::arm::compute
