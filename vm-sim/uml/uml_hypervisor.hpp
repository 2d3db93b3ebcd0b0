// The Hypervisor (vm-sim/machine/hypervisor.hpp) of the UML runtime: turns a MachineLaunch into a
// UmlGuest's launch (ubd slots, umid, network namespace, RAM cap), builds the guest image on first
// use, and readies the OS disk, including the platform's half of ADE OS-volume encryption
// (os_disk_encryption.hpp): a LUKS OS disk boots through the guest image's initramfs. Disk naming
// in the guest:
//   ubd0 -> /dev/sda  OS disk              (/dev/disk/azure/root)
//   ubd1 -> /dev/sdb  resource disk         (/dev/disk/azure/resource; wiped by deallocate, as in Azure)
//   ubd2.. -> /dev/sdc.. data disks in LUN order (/dev/disk/azure/scsi1/lun<N>); at most 13
//   ubd15  -> /dev/sdp  the BEK volume (Azure Disk Encryption), read-only, when the VM has one
//            (found by label, mounted at /mnt/azure_bek_disk by rc.sysinit and the initramfs).
#pragma once

#include "vm-sim/guest/guest_image.hpp"
#include "vm-sim/machine/hypervisor.hpp"

#include <functional>
#include <mutex>
#include <string>

namespace azemu::vm {

class UmlHypervisor final : public Hypervisor {
public:
  /// `image`, or when its kernel is empty, `image_source` on first use; guest RAM is the VM
  /// size's memory capped at `memory_cap_mb`.
  UmlHypervisor(GuestImage image, std::function<GuestImage()> image_source, int memory_cap_mb);

  std::string kind() const override { return "uml"; }
  int max_data_disks() const override;
  /// The VM size's memory capped at `memory_cap_mb` (at least 128 MiB).
  int guest_memory_mb(int requested) const override;
  bool prepare_os_disk(const OsDiskPrep& prep) override;
  /// With a BEK volume or a LUKS OS disk: the host looks at the stopped OS image (a pending
  /// OS-volume encryption, a LUKS disk that boots through the initramfs), and a reboot inside
  /// the guest would re-run the same kernel command line.
  bool restart_needs_power_cycle(const std::string& os_disk, bool has_bek_volume) override;
  std::unique_ptr<Guest> boot(const MachineLaunch& launch) override;

private:
  const GuestImage& image();  // built on first use when needed

  std::mutex image_mu_;
  GuestImage image_;
  std::function<GuestImage()> image_source_;
  int memory_cap_mb_;
};

}  // namespace azemu::vm
