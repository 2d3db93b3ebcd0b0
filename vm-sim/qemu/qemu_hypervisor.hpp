// The Hypervisor (vm-sim/machine/hypervisor.hpp) of the QEMU runtime: turns a MachineLaunch into a
// QemuGuest's launch (SCSI controllers and LUNs, fixed RAM and vCPUs, the accelerator), and builds
// the guest userland and the boot files (Debian's kernel + build-initramfs.sh) on first use. Not
// supported, with a clear error: an encrypted (LUKS) OS disk, whose unlock lives in the UML
// runtime's initramfs; so a restart is always a reboot inside the guest.
#pragma once

#include "vm-sim/guest/guest_image.hpp"
#include "vm-sim/machine/hypervisor.hpp"
#include "vm-sim/qemu/qemu_boot_files.hpp"

#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace azemu::vm {

struct QemuMachineOptions {
  std::string boot_dir;                         // where boot files are built without a boot_source;
                                                // "": QemuRuntime picks <data-dir>/qemu-boot
  std::function<GuestImage()> image_source;     // the guest userland (built on first boot)
  std::function<QemuBootFiles()> boot_source;   // kernel + initramfs (built on first boot)
  QemuSources sources = QemuSources::defaults();
  std::string accelerator = "auto";             // auto | kvm | tcg (env AZEMU_QEMU_ACCEL overrides)
  int memory_mb = 512;                          // guest RAM whatever the VM size
  int cpus = 1;                                 // vCPUs whatever the VM size (TCG: more is slower here)
};

class QemuHypervisor final : public Hypervisor {
public:
  explicit QemuHypervisor(QemuMachineOptions options);

  std::string kind() const override { return "qemu"; }
  int max_data_disks() const override;
  bool prepare_os_disk(const OsDiskPrep& prep) override;
  bool restart_needs_power_cycle(const std::string&, bool) override { return false; }
  std::unique_ptr<Guest> boot(const MachineLaunch& launch) override;

private:
  const GuestImage& image();
  const QemuBootFiles& boot_files();  // also chooses the accelerator

  QemuMachineOptions options_;
  std::mutex mu_;                     // guards the three below, filled on first use
  std::optional<GuestImage> image_;
  std::optional<QemuBootFiles> boot_files_;
  std::string accelerator_;
};

}  // namespace azemu::vm
