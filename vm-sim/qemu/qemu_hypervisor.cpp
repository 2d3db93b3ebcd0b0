// QemuHypervisor: see qemu_hypervisor.hpp.
#include "vm-sim/qemu/qemu_hypervisor.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/qemu/qemu_guest.hpp"

#include <fstream>
#include <stdexcept>

namespace azemu::vm {

namespace {
constexpr int kMaxDataDisks = 64;  // Azure's largest sizes: LUN 0..63

bool is_luks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[6] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 6 && std::string(magic, 6) == std::string("LUKS\xba\xbe", 6);
}
}  // namespace

QemuHypervisor::QemuHypervisor(QemuMachineOptions options) : options_(std::move(options)) {}

int QemuHypervisor::max_data_disks() const { return kMaxDataDisks; }

const GuestImage& QemuHypervisor::image() {
  std::lock_guard lock(mu_);
  if (!image_) {
    if (!options_.image_source) throw std::runtime_error("the qemu runtime has no guest image");
    image_ = options_.image_source();
  }
  return *image_;
}

const QemuBootFiles& QemuHypervisor::boot_files() {
  std::lock_guard lock(mu_);
  if (!boot_files_) {
    boot_files_ = options_.boot_source ? options_.boot_source() : ensure_qemu_boot_files(options_.boot_dir, options_.sources);
    accelerator_ = choose_accelerator(options_.accelerator, options_.sources.qemu, boot_files_->kernel);
    log::write(log::Level::info, "qemu guests boot", {{"kernel", boot_files_->kernel_version}, {"accelerator", accelerator_}});
  }
  return *boot_files_;
}

bool QemuHypervisor::prepare_os_disk(const OsDiskPrep& prep) {
  create_os_disk(image().os_image, prep.path, prep.bytes, -1);
  if (is_luks(prep.path))
    throw std::runtime_error("the OS disk is encrypted (LUKS): booting it is not supported by the qemu runtime "
                             "(its initramfs does not unlock disks; use --vm-runtime uml)");
  return false;
}

std::unique_ptr<Guest> QemuHypervisor::boot(const MachineLaunch& m) {
  const QemuBootFiles& files = boot_files();
  QemuLaunch launch;
  launch.qemu = options_.sources.qemu;
  launch.kernel = files.kernel;
  launch.initrd = files.initrd;
  launch.accelerator = accelerator_;
  launch.vm_dir = m.vm_dir;
  launch.memory_mb = options_.memory_mb;
  launch.cpus = options_.cpus;
  launch.disks = {{m.os_disk, kOsController, kOsLun, false}, {m.resource_disk, kOsController, kResourceLun, false}};
  for (const auto& d : m.data_disks) launch.disks.push_back({d.path, kDataController, d.lun, false});
  if (!m.bek_volume.empty()) launch.disks.push_back({m.bek_volume, kOsController, kBekLun, true});
  launch.network = m.network;
  launch.ssh_port = m.ssh_port;
  launch.to_host = m.to_host;
  launch.boot_timeout = m.boot_timeout;
  launch.timeouts = m.timeouts;
  return QemuGuest::boot(launch);
}

}  // namespace azemu::vm
