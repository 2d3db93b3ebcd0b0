// SQL for managed disks: rows of the generic arm_resources table (type Microsoft.Compute/disks),
// so group lists and group deletes see them. Values only, inside the caller's transaction.
#pragma once

#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/disks/disk_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

class DiskStore {
public:
  std::optional<Disk> get(store::Connection& c, const ResourceId& id) const;
  /// `group` empty: the whole subscription. Ordered by id.
  std::vector<Disk> list(store::Connection& c, const std::string& subscription_id, const std::string& group) const;
  void put(store::Connection& c, const Disk& d, std::int64_t now) const;
  bool remove(store::Connection& c, const ResourceId& id) const;

private:
  ResourceStore resources_;
};

}  // namespace azemu::arm::compute
