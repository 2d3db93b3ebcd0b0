// UmlHypervisor: see uml_hypervisor.hpp.
#include "vm-sim/uml/uml_hypervisor.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/machine/bek_volume.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/uml/os_disk_encryption.hpp"
#include "vm-sim/uml/uml_guest.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace azemu::vm {

namespace fs = std::filesystem;

namespace {
constexpr int kMaxDataDisks = 13;  // 16 ubd devices minus OS disk, resource disk and BEK volume
constexpr int kMinMemoryMb = 128;
}  // namespace

UmlHypervisor::UmlHypervisor(GuestImage image, std::function<GuestImage()> image_source, int memory_cap_mb)
    : image_(std::move(image)), image_source_(std::move(image_source)), memory_cap_mb_(memory_cap_mb) {}

int UmlHypervisor::max_data_disks() const { return kMaxDataDisks; }

int UmlHypervisor::guest_memory_mb(int requested) const {
  return std::clamp(requested, kMinMemoryMb, std::max(kMinMemoryMb, memory_cap_mb_));
}

const GuestImage& UmlHypervisor::image() {
  std::lock_guard lock(image_mu_);
  if (image_.kernel.empty()) {
    if (!image_source_) throw std::runtime_error("the uml runtime has no guest image");
    image_ = image_source_();  // seconds the first time, then a cache hit
  }
  return image_;
}

bool UmlHypervisor::prepare_os_disk(const OsDiskPrep& prep) {
  const std::string& os = prep.path;
  const std::int64_t declared = prep.bytes;
  create_os_disk(image().os_image, os, declared, -1);  // resize2fs output is not worth keeping
  auto passphrase = [&prep]() -> std::string {
    auto key = read_bek_file(prep.bek_volume, kBekPassphraseFile);
    if (!key || key->empty())
      throw std::runtime_error(std::string("the OS disk is being encrypted but the BEK volume has no ") + kBekPassphraseFile);
    return *key;
  };
  if (disk::is_luks(os)) {
    // A crash during a host-side encryption, or between its last two steps: finish it first.
    if (disk::inspect(os).reencryption_in_progress || static_cast<std::int64_t>(fs::file_size(os)) < declared)
      finish_os_disk_encryption(os, passphrase(), declared);
    return true;
  }
  if (static_cast<std::int64_t>(fs::file_size(os)) < declared) fs::resize_file(os, static_cast<std::uintmax_t>(declared));
  // Only VMs with Azure Disk Encryption (a BEK volume) can have asked for OS-volume encryption.
  if (prep.bek_volume.empty() || !os_encryption_requested(os)) return false;
  auto key = read_bek_file(prep.bek_volume, kBekPassphraseFile);
  if (!key || key->empty()) {
    // Azure's platform would not restart into an encrypted OS without the key: boot plain, the
    // request stays, the extension keeps reporting VMRestartPending.
    log::write(log::Level::warn, "OS-disk encryption requested but the BEK volume has no key file", {{"vm_id", prep.vm_id}});
    return false;
  }
  prep.progress("Encrypting the OS disk");
  encrypt_os_disk(os, *key, declared);
  return true;
}

bool UmlHypervisor::restart_needs_power_cycle(const std::string& os_disk, bool has_bek_volume) {
  return has_bek_volume || disk::is_luks(os_disk);
}

std::unique_ptr<Guest> UmlHypervisor::boot(const MachineLaunch& m) {
  const GuestImage& img = image();
  GuestLaunch launch;
  launch.kernel = img.kernel;
  launch.preload = img.uml_preload;
  launch.vm_dir = m.vm_dir;
  launch.umid = "azemu-" + m.vm_id.substr(0, 8);
  launch.memory_mb = guest_memory_mb(m.memory_mb);
  launch.ubd = {"ubd0=" + m.os_disk, "ubd1=" + m.resource_disk};
  if (m.encrypted_os) {
    if (img.initrd.empty()) throw std::runtime_error("the guest image has no initramfs to unlock the encrypted OS disk");
    launch.initrd = img.initrd;
    launch.kernel_args = {"cryptroot=/dev/ubda"};
  }
  int index = 2;
  for (const auto& d : m.data_disks) {
    // The serial names the LUN; the guest's azdisks.sh turns it into /dev/disk/azure/scsi1/lunN.
    launch.ubd.push_back("ubd" + std::to_string(index) + "=" + d.path + ",,lun" + std::to_string(d.lun));
    launch.ubd_of_lun[d.lun] = index++;
  }
  launch.bek_volume = !m.bek_volume.empty();
  if (launch.bek_volume) launch.ubd.push_back("ubd" + std::to_string(kBekUbd) + "r=" + m.bek_volume);
  if (m.network) {
    std::string id;
    for (char c : m.vm_id)
      if (c != '-') id += c;
    launch.netns = "azemu-" + id.substr(0, 12);
    launch.ssh_port = m.ssh_port;
    launch.to_host = m.to_host;
  }
  launch.boot_timeout = m.boot_timeout;
  launch.timeouts = m.timeouts;
  return UmlGuest::boot(launch);
}

}  // namespace azemu::vm
