// ports::VmRuntime over a Hypervisor: the one implementation behind `--vm-runtime uml` and
// `--vm-runtime qemu` (vm-sim/uml/uml_runtime.hpp and vm-sim/qemu/qemu_runtime.hpp only build it).
// It owns what does not depend on how the guest runs: the VM table and its locks, the VM's record
// (<data-dir>/vms/<vm_id>/spec.json, console.log, resource.img, bek.img, ssh_port), disk files
// (<data-dir>/disks/), power state, agent requests (provisioning, extensions, run-command) and the
// order of every lifecycle step. It does not spawn, hot-plug or name disks: the Hypervisor does.
//
// Power state, per VM (GuestStatus::power):
//   deallocated/stopped --create/start/restart: boot()--> starting --agent ready, provisioned--> running
//   running --restart--> starting (reboot inside, or halt + boot) --> running
//   running --stop/deallocate/remove: halt()--> stopping --> stopped/deallocated
//   running --the guest powered off or crashed, noticed by status()--> stopped
//   starting --boot failed (boot())--> stopped, the reason as agent message
// With warm guests (GuestRuntimeOptions::warm_guests), create() of a VM that fits the spare shape
// adopts a pre-booted spare (spare_pool.hpp) instead of boot(); every later boot is a cold one.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "vm-sim/machine/guest_network.hpp"
#include "vm-sim/machine/hypervisor.hpp"
#include "vm-sim/machine/spare_pool.hpp"
#include "vm-sim/machine/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azemu::vm {

/// What every guest runtime is configured with (UmlOptions and QemuOptions add their own).
struct GuestRuntimeOptions {
  std::string data_dir;                 // absolute
  std::int64_t resource_disk_gb = 4;
  bool network = true;                  // off: no SSH and no guest->host
  std::vector<PortForward> to_host;     // e.g. {{443, 8443}}: https://10.0.2.2/ in the guest is azemu
  // Given to the guest at every provisioning for extension handlers (agent_platform_config.hpp):
  std::string ca_file;                  // azemu's CA (<data-dir>/ca.pem) -> /etc/azemu/ca.pem
  int proxy_guest_port = 0;             // 10.0.2.2:<this> (a to_host port) -> waagent.conf HttpProxy; 0: none
  std::chrono::seconds boot_timeout{60};  // per runtime: QEMU without KVM needs far longer
  Timeouts timeouts;
  /// Pre-booted spare guests of `spare_shape` kept for create() (`azemu start --warm-guests`);
  /// 0: every create boots cold.
  int warm_guests = 0;
  SpareShape spare_shape;
};

class GuestRuntime : public ports::VmRuntime {
public:
  GuestRuntime(GuestRuntimeOptions options, std::unique_ptr<Hypervisor> hypervisor);
  ~GuestRuntime() override;  // shuts every running guest down

  std::string kind() const override { return hypervisor_->kind(); }
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
  void set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) override;
  std::optional<std::string> disk_file(const std::string& disk_id) const override;

  /// Host path of a managed disk's image file (tests and host-side checks such as isLuks).
  std::string disk_path(const std::string& disk_id) const;
  /// The VM's console log (all boots, appended).
  std::string console_log_path(const std::string& vm_id) const;
  /// Blocks until every warm guest is booted (true), or `deadline` passes or a spare fails to
  /// boot (false). False without warm guests. For tests and the bench: create() never waits.
  bool wait_for_spares(std::chrono::steady_clock::time_point deadline);

  struct Vm;

private:
  /// The relayed proxy port handed to the guest at provisioning (0: none, without networking).
  int guest_proxy_port() const { return options_.network ? options_.proxy_guest_port : 0; }
  Vm& vm(const std::string& vm_id);      // from memory, or spec.json after an azemu restart
  Vm& vm_for_spec(const ports::VmSpec& spec);
  /// create (`refuse_running`) and start: records the spec, then boots.
  void boot_spec(const ports::VmSpec& spec, bool refuse_running);
  void boot(Vm& vm);
  MachineLaunch launch_for(Vm& vm);      // creates the disk files the launch names
  void provision(Vm& vm);                // after every boot: the agent's provision request
  void halt(Vm& vm, bool deallocate);
  std::string bek_path(const Vm& vm) const;
  void persist(Vm& vm);                  // spec.json
  // guest_runtime_spares.cpp:
  bool fits_spare(const ports::VmSpec& spec) const;
  /// create(): the VM takes a spare when it fits one and one is ready; false: boot it cold.
  bool adopt_spare(Vm& vm);
  Spare boot_spare();                    // on the pool's thread

  GuestRuntimeOptions options_;
  std::unique_ptr<Hypervisor> hypervisor_;
  std::mutex mu_;                        // guards vms_ (the map, not the VMs)
  std::map<std::string, std::unique_ptr<Vm>> vms_;
  std::unique_ptr<SparePool> spares_;    // null without warm guests
};

}  // namespace azemu::vm
