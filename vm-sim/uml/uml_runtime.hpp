// ports::VmRuntime on user-mode Linux: every VM is a UmlGuest booted from a copy of the guest
// image, with its disks as sparse files in <data-dir>/disks/ and its state in
// <data-dir>/vms/<vm_id>/ (spec.json, console.log, resource.img, uml/). Disk naming in the guest:
//   ubd0 -> /dev/sda  OS disk              (/dev/disk/azure/root)
//   ubd1 -> /dev/sdb  resource disk         (/dev/disk/azure/resource; wiped by deallocate, as in Azure)
//   ubd2.. -> /dev/sdc.. data disks in LUN order (/dev/disk/azure/scsi1/lun<N>); at most 13
//   ubd15  -> /dev/sdp  the BEK volume (Azure Disk Encryption), read-only, when the VM has one
//            (<vm folder>/bek.img, vfat, LABEL="BEK VOLUME"; found by label, mounted at
//            /mnt/azure_bek_disk by rc.sysinit and the initramfs). UML has 16 ubd slots: the last
//            one is reserved for it, so it never collides with a data disk.
// attach/detach on a running VM hot-plug through mconsole (`config ubdN=`, `remove ubdN`), and the
// agent re-creates the names; detaching a disk the guest still has mounted fails, as it would hang
// a real guest. The BEK volume is hot-plugged the same way (unmounted in the guest first).
//
// OS-disk encryption (ADE "VMRestartPending"): see os_disk_encryption.hpp. A VM whose OS image is
// LUKS boots through the guest image's initramfs; a VM with a BEK volume or a LUKS OS disk is
// power-cycled by restart() (not rebooted from inside) so the host can check and encrypt the
// stopped image and choose the boot path.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "vm-sim/guest/guest_image.hpp"
#include "vm-sim/machine/guest_network.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azemu::vm {

struct UmlOptions {
  std::string data_dir;                 // absolute
  GuestImage image;                     // or, when image.kernel is empty, built on first boot by:
  std::function<GuestImage()> image_source;
  /// Guest RAM is the VM size's memory (VmSpec::memory_mb), capped here: a 256 MiB guest already
  /// runs everything the emulator needs, and RSS grows only as pages are touched (idle ~40-60 MB).
  int memory_cap_mb = 512;
  std::int64_t resource_disk_gb = 4;
  bool network = true;                  // netns + tap + relays; off: no SSH and no guest->host
  std::vector<PortForward> to_host;     // e.g. {{443, 8443}}: https://10.0.2.2/ in the guest is azemu
  // Given to the guest at every provisioning for extension handlers (agent_platform_config.hpp):
  std::string ca_file;                  // azemu's CA (<data-dir>/ca.pem) -> /etc/azemu/ca.pem
  int proxy_guest_port = 0;             // 10.0.2.2:<this> (a to_host port) -> waagent.conf HttpProxy; 0: none
  std::chrono::seconds boot_timeout{60};
  std::chrono::milliseconds shutdown_grace{20000};
};

class UmlRuntime final : public ports::VmRuntime {
public:
  explicit UmlRuntime(UmlOptions options);
  ~UmlRuntime() override;  // shuts every running guest down

  std::string kind() const override { return "uml"; }
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

  struct Vm;

private:
  /// The relayed proxy port handed to the guest at provisioning (0: none, without networking).
  int guest_proxy_port() const { return options_.network ? options_.proxy_guest_port : 0; }
  const GuestImage& image();             // options_.image, built on first use when needed
  Vm& vm(const std::string& vm_id);      // from memory, or spec.json after an azemu restart
  Vm& vm_for_spec(const ports::VmSpec& spec);
  void boot(Vm& vm);
  /// Before a boot: creates/extends the OS image, runs a requested OS-disk encryption, and
  /// returns whether the OS image is LUKS (boot through the initramfs).
  bool prepare_os_disk(Vm& vm, const std::string& os_image);
  std::string bek_path(const Vm& vm) const;
  void persist(Vm& vm);                  // spec.json
  /// Runs `script` in the guest through the agent (root); throws on failure to deliver.
  std::string guest_shell(Vm& vm, const std::string& script);
  void halt(Vm& vm, bool deallocate);

  UmlOptions options_;
  std::mutex image_mu_;
  std::mutex mu_;                        // guards vms_ (the map, not the VMs)
  std::map<std::string, std::unique_ptr<Vm>> vms_;
};

}  // namespace azemu::vm
