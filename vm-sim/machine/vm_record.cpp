#include "vm-sim/machine/vm_record.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace azemu::vm {

namespace {
using nlohmann::json;

json disk_json(const ports::VmDisk& d) {
  return {{"disk_id", d.disk_id}, {"name", d.name}, {"lun", d.lun}, {"size_gb", d.size_gb}, {"from_image", d.from_image}};
}

ports::VmDisk disk_from(const json& j) {
  ports::VmDisk d;
  d.disk_id = j.value("disk_id", "");
  d.name = j.value("name", "");
  d.lun = j.value("lun", -1);
  d.size_gb = j.value("size_gb", std::int64_t{0});
  d.from_image = j.value("from_image", false);
  return d;
}
}  // namespace

void save_spec(const std::string& path, const ports::VmSpec& s, bool bek_volume) {
  json data = json::array();
  for (const auto& d : s.data_disks) data.push_back(disk_json(d));
  json j = {{"vm_id", s.vm_id},         {"resource_id", s.resource_id},       {"name", s.name},
            {"computer_name", s.computer_name}, {"admin_username", s.admin_username}, {"ssh_public_keys", s.ssh_public_keys},
            {"image", s.image},         {"size", s.size},                     {"cpus", s.cpus},
            {"memory_mb", s.memory_mb}, {"os_disk", disk_json(s.os_disk)},    {"data_disks", data}};
  if (bek_volume) j["bek_volume"] = "bek.img";
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2) << '\n';
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  std::filesystem::rename(tmp, path);
}

std::optional<ports::VmSpec> load_spec(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  json j = json::parse(in, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ports::VmSpec s;
  s.vm_id = j.value("vm_id", "");
  s.resource_id = j.value("resource_id", "");
  s.name = j.value("name", "");
  s.computer_name = j.value("computer_name", "");
  s.admin_username = j.value("admin_username", "");
  s.ssh_public_keys = j.value("ssh_public_keys", std::vector<std::string>{});
  s.image = j.value("image", "");
  s.size = j.value("size", "");
  s.cpus = j.value("cpus", 1);
  s.memory_mb = j.value("memory_mb", 512);
  s.os_disk = disk_from(j.value("os_disk", json::object()));
  for (const auto& d : j.value("data_disks", json::array())) s.data_disks.push_back(disk_from(d));
  return s;
}

std::string find_vm_dir(const std::string& data_dir, const std::string& name, const std::string& resource_group) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> matches;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/vms", ec)) {
    auto spec = load_spec((entry.path() / "spec.json").string());
    if (!spec || lower(spec->name) != lower(name)) continue;
    if (!resource_group.empty() &&
        lower(spec->resource_id).find("/resourcegroups/" + lower(resource_group) + "/") == std::string::npos)
      continue;
    matches.push_back(entry.path().string());
  }
  if (matches.empty()) throw std::runtime_error("no VM named " + name + " in " + data_dir);
  if (matches.size() > 1) throw std::runtime_error("several VMs are named " + name + ": give the resource group (-g)");
  return matches.front();
}

}  // namespace azemu::vm
