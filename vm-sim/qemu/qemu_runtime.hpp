// ports::VmRuntime on QEMU (`azemu start --vm-runtime qemu`): every VM is a QemuGuest running
// Debian's x86-64 kernel (KVM when usable, else TCG) over the same guest userland as the UML
// runtime (vm-sim/guest/build-guest.sh's os.img), booted through vm-sim/qemu/build-initramfs.sh.
// Same on-disk layout as UmlRuntime (shared helpers from vm-sim/machine/): disks as sparse raw files in
// <data-dir>/disks/, the VM's state in <data-dir>/vms/<vm_id>/ (spec.json, console.log,
// resource.img, bek.img), the agent protocol of vm-sim/agent/. Disks in the guest are SCSI:
//   /dev/sda OS disk (/dev/disk/azure/root), /dev/sdb resource disk (/dev/disk/azure/resource),
//   /dev/sdc.. data disks in LUN order (/dev/disk/azure/scsi1/lun<N>), BEK volume after them.
// attach/detach hot-plug through QMP. Not supported (clear errors): an encrypted (LUKS) OS disk,
// whose unlock lives in the UML runtime's initramfs.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "vm-sim/guest/guest_image.hpp"
#include "vm-sim/qemu/qemu_boot_files.hpp"
#include "vm-sim/machine/guest_network.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azemu::vm {

struct QemuOptions {
  std::string data_dir;                         // absolute
  std::function<GuestImage()> image_source;     // the guest userland (built on first boot)
  std::function<QemuBootFiles()> boot_source;   // kernel + initramfs (built on first boot)
  QemuSources sources = QemuSources::defaults();
  std::string accelerator = "auto";             // auto | kvm | tcg (env AZEMU_QEMU_ACCEL overrides)
  int memory_mb = 512;                          // guest RAM whatever the VM size
  int cpus = 1;                                 // vCPUs whatever the VM size (TCG: more is slower here)
  std::int64_t resource_disk_gb = 4;
  bool network = true;                          // user networking; off: no SSH and no guest->host
  std::vector<PortForward> to_host;             // guest 10.0.2.2:<guest_port> -> host 127.0.0.1:<host_port>
  std::string ca_file;                          // azemu's CA -> /etc/azemu/ca.pem in the guest
  int proxy_guest_port = 0;                     // 10.0.2.2:<this> -> waagent.conf HttpProxy; 0: none
  std::chrono::seconds boot_timeout{300};       // TCG on a busy 2-core host boots in ~20-60 s
  std::chrono::milliseconds shutdown_grace{20000};
};

class QemuRuntime final : public ports::VmRuntime {
public:
  explicit QemuRuntime(QemuOptions options);
  ~QemuRuntime() override;  // shuts every running guest down

  std::string kind() const override { return "qemu"; }
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

  std::string disk_path(const std::string& disk_id) const;
  std::string console_log_path(const std::string& vm_id) const;

  struct Vm;

private:
  /// The relayed proxy port handed to the guest at provisioning (0: none, without networking).
  int guest_proxy_port() const { return options_.network ? options_.proxy_guest_port : 0; }
  const GuestImage& image();
  const QemuBootFiles& boot_files();
  Vm& vm(const std::string& vm_id);
  Vm& vm_for_spec(const ports::VmSpec& spec);
  void boot(Vm& vm);
  void halt(Vm& vm, bool deallocate);
  void provision(Vm& vm);
  /// Runs a short shell script through the agent (disk names after a hot-plug); throws on failure.
  void guest_script(Vm& vm, const std::string& script, const std::string& what);

  QemuOptions options_;
  std::mutex image_mu_;
  std::optional<GuestImage> image_;
  std::optional<QemuBootFiles> boot_files_;
  std::string accelerator_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Vm>> vms_;
};

}  // namespace azemu::vm
