// lun<N> link lookup under the handler's root.
#include "vm-sim/ade/azure_disk_names.hpp"

#include <filesystem>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

std::optional<AzureDataDisk> azure_data_disk(const HandlerPaths& paths, const std::string& device) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(paths.at(device), ec);
  if (ec) return std::nullopt;
  const fs::path links = paths.at("/dev/disk/azure/scsi1");
  for (const auto& entry : fs::directory_iterator(links, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("lun") || name.size() == 3 || name.find_first_not_of("0123456789", 3) != std::string::npos)
      continue;
    std::error_code link_ec;
    if (fs::weakly_canonical(entry.path(), link_ec) == target && !link_ec)
      return AzureDataDisk{"/dev/disk/azure/scsi1/" + name, std::stoi(name.substr(3))};
  }
  return std::nullopt;
}

}  // namespace azemu::vm::ade
