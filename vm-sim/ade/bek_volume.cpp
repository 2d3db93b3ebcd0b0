// BEK volume lookup and mount with busybox findfs/mount.
#include "vm-sim/ade/bek_volume.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

namespace {
bool bek_mounted(const HandlerPaths& paths) {
  std::ifstream in(paths.mounts());
  std::string source, target;
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    if (f >> source >> target && target == "/mnt/azure_bek_disk") return true;
  }
  return false;
}
}  // namespace

BekMount mount_bek_volume(const HandlerPaths& paths, CommandRunner& runner, bool may_mount) {
  BekMount m;
  const fs::path key = paths.bek_mount_point() / kPassphraseFileName;
  std::error_code ec;
  m.mounted = bek_mounted(paths) || (!may_mount && fs::exists(key, ec));
  if (!m.mounted && may_mount) {
    CommandResult dev = runner.run({"findfs", std::string("LABEL=") + kBekVolumeLabel});
    std::string device = dev.output.substr(0, dev.output.find('\n'));
    if (dev.exit_code != 0 || device.empty()) {
      m.fault = "BEK disk is missing or not initialized. BEK disk is not attached.";
      return m;
    }
    fs::create_directories(paths.bek_mount_point(), ec);
    CommandResult mounted = runner.run({"mount", "-t", "vfat", "-o", "ro,fmask=077", device, paths.bek_mount_point().string()});
    if (mounted.exit_code != 0) {
      m.fault = "BEK disk is missing or not initialized. BEK disk does not have vfat filesystem.";
      return m;
    }
    m.mounted = true;
  }
  if (!m.mounted) {
    m.fault = "BEK disk is missing or not initialized. BEK disk is not attached.";
    return m;
  }
  if (fs::exists(key, ec)) m.key_file = key.string();
  return m;
}

VolumeKey data_volume_key(const HandlerPaths& paths, std::optional<int> lun) {
  std::string name = kPassphraseFileName;
  if (lun) {
    std::string per_disk = name + "_0_" + std::to_string(*lun);
    std::error_code ec;
    if (fs::exists(paths.bek_mount_point() / per_disk, ec)) name = per_disk;
  }
  return {(paths.bek_mount_point() / name).string(), "/mnt/azure_bek_disk/" + name};
}

}  // namespace azemu::vm::ade
