// What a QEMU guest boots besides its OS disk: Debian's x86-64 kernel (linux-image-amd64, unpacked
// by docker/dev.sh into /var/cache/azemu/qemu-kernel, or installed) and the initramfs
// build-initramfs.sh makes from that kernel's modules (cached under <data-dir>/qemu-boot/<hash>/).
// Also which accelerator to use: KVM when /dev/kvm really runs a kernel, else TCG.
#pragma once

#include <string>

namespace azemu::vm {

struct QemuSources {
  std::string qemu;              // qemu-system-x86_64 (package qemu-system-x86)
  std::string kernel_root;       // holds boot/vmlinuz-<ver> and lib/modules/<ver>/
  std::string initramfs_script;  // vm-sim/qemu/build-initramfs.sh

  /// AZEMU_QEMU (binary), AZEMU_QEMU_KERNEL_DIR (default /var/cache/azemu/qemu-kernel, else / when
  /// linux-image-*-amd64 is installed), AZEMU_QEMU_INITRAMFS_SCRIPT (default: this source tree's).
  static QemuSources defaults();
  /// Why QEMU guests cannot boot ("" when they can): for the error of `--vm-runtime qemu`.
  std::string missing() const;
};

struct QemuBootFiles {
  std::string kernel;          // vmlinuz
  std::string initrd;          // initrd.img (gzip cpio)
  std::string kernel_version;  // "6.1.0-56-amd64"
};

/// Builds (or finds) the initramfs for the kernel in `sources.kernel_root`; the script's progress
/// goes to this process's stderr. Throws std::runtime_error when it fails.
QemuBootFiles ensure_qemu_boot_files(const std::string& out_dir, const QemuSources& sources);

/// "kvm" or "tcg". `preference` is "auto" (env AZEMU_QEMU_ACCEL overrides), "kvm" or "tcg". Auto
/// tries KVM: /dev/kvm must open, and `kernel` must print its banner under it within a few seconds
/// (on some hosts /dev/kvm answers ioctls but a guest never gets past real mode). The verdict of the
/// probe is kept for the life of the process.
std::string choose_accelerator(const std::string& preference, const std::string& qemu, const std::string& kernel);

}  // namespace azemu::vm
