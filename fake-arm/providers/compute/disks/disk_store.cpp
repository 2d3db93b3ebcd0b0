// SQL for managed disks; see disk_store.hpp.
#include "fake-arm/providers/compute/disks/disk_store.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"

namespace azemu::arm::compute {

std::optional<Disk> DiskStore::get(store::Connection& c, const ResourceId& id) const {
  auto r = resources_.get(c, id);
  if (!r || !text::iequals(r->type, kDiskType)) return std::nullopt;
  return disk_from_body(r->id, r->body);
}

std::vector<Disk> DiskStore::list(store::Connection& c, const std::string& sub, const std::string& group) const {
  std::vector<Disk> out;
  for (const auto& r : resources_.list_by_type(c, sub, kDiskType, group)) out.push_back(disk_from_body(r.id, r.body));
  return out;
}

void DiskStore::put(store::Connection& c, const Disk& d, std::int64_t now) const { resources_.put(c, to_stored(d, now)); }

bool DiskStore::remove(store::Connection& c, const ResourceId& id) const { return resources_.remove(c, id); }

}  // namespace azemu::arm::compute
