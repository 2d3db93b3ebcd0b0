// Managed disk semantics; see disk_service.hpp.
#include "fake-arm/providers/compute/disks/disk_service.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"

namespace azemu::arm::compute {

void validate_disk_size(std::int64_t gb) {
  if (gb < 1 || gb > 32767)
    throw errors::compute_invalid_parameter(
        "The value of parameter diskSizeGB is invalid. Disk size must be between 1 and 32767 GB.", "diskSizeGB");
}

namespace {
std::string canonical_sku(const std::string& sku) {
  std::string out;
  if (!valid_disk_sku(sku, &out))
    throw errors::compute_invalid_parameter("The value '" + sku + "' of parameter 'sku.name' is not valid.", "sku.name");
  return out;
}

/// Settings a PUT or PATCH may change on an existing disk.
void apply_changes(Disk& d, const DiskInput& in) {
  if (in.size_gb) {
    validate_disk_size(*in.size_gb);
    if (*in.size_gb < d.size_gb) throw errors::disk_shrink_not_allowed(d.size_gb, *in.size_gb);
    d.size_gb = *in.size_gb;
  }
  if (in.sku) d.sku = canonical_sku(*in.sku);
  if (in.tags) d.tags = validated_tags(*in.tags);
  if (!in.encryption_settings_collection.is_null()) d.encryption_settings_collection = in.encryption_settings_collection;
  for (auto& [k, v] : in.extra_properties.items()) d.extra_properties[k] = v;
}
}  // namespace

ResourceId DiskService::disk_id(const std::string& sub, const std::string& group, const std::string& name) const {
  return ResourceId::resource(sub, group, kNamespace, "disks", name);
}

DiskService::PutResult DiskService::create_or_update(const auth::Principal& caller, const std::string& sub,
                                                     const std::string& group, const std::string& name,
                                                     const DiskInput& in) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kDisksWrite, disk_id(s.id, group, name).str());
  if (!in.location || in.location->empty()) throw errors::location_required();
  auto location = find_location(*in.location);
  if (!location) throw errors::location_not_available_for_resource_type(*in.location, kDiskType, location_names_joined());
  return db_.write([&](store::Connection& c) {
    auto g = groups_.get(c, s.id, group);
    if (!g) throw errors::resource_group_not_found(group);
    const auto now = clock_.now_unix();
    PutResult r;
    if (auto existing = store_.get(c, disk_id(s.id, g->name, name))) {
      if (existing->location != location->name)
        throw errors::invalid_resource_location(existing->id.name(), existing->location, g->name, location->name);
      r.disk = *existing;
      apply_changes(r.disk, in);
    } else {
      const std::string option = in.create_option.value_or("");
      if (option.empty()) throw errors::compute_required_parameter("creationData.createOption");
      if (!text::iequals(option, "Empty"))
        throw errors::not_implemented("managed disks with createOption '" + option + "' (only 'Empty')");
      if (!in.size_gb) throw errors::compute_required_parameter("diskSizeGB");
      validate_disk_size(*in.size_gb);
      r.disk.id = disk_id(s.id, g->name, name);
      r.disk.location = location->name;
      r.disk.zones = in.zones;
      r.disk.sku = in.sku ? canonical_sku(*in.sku) : "Standard_LRS";
      r.disk.size_gb = *in.size_gb;
      r.disk.create_option = "Empty";
      if (in.os_type) r.disk.os_type = text::iequals(*in.os_type, "windows") ? "Windows" : "Linux";
      r.disk.unique_id = ids::new_guid();
      r.disk.time_created = exec::iso8601(now);
      r.disk.tags = validated_tags(in.tags.value_or(nlohmann::json::object()));
      r.disk.encryption_settings_collection = in.encryption_settings_collection;
      r.disk.extra_properties = in.extra_properties;
      r.created = true;
    }
    store_.put(c, r.disk, now);
    providers_.auto_register(c, s.id, kNamespace);
    return r;
  });
}

Disk DiskService::update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                         const std::string& name, const DiskInput& in) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kDisksWrite, disk_id(s.id, group, name).str());
  return db_.write([&](store::Connection& c) {
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    auto d = store_.get(c, disk_id(s.id, group, name));
    if (!d) throw errors::resource_not_found(std::string(kDiskType) + "/" + name, group);
    apply_changes(*d, in);
    store_.put(c, *d, clock_.now_unix());
    return *d;
  });
}

Disk DiskService::get(const auth::Principal& caller, const std::string& sub, const std::string& group,
                      const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kDisksRead, disk_id(s.id, group, name).str());
  return db_.read([&](store::Connection& c) {
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    auto d = store_.get(c, disk_id(s.id, group, name));
    if (!d) throw errors::resource_not_found(std::string(kDiskType) + "/" + name, group);
    return *d;
  });
}

std::vector<Disk> DiskService::list(const auth::Principal& caller, const std::string& sub, const std::string& group) const {
  Subscription s = subs_.require(caller, sub);
  Grants grants = authz_.grants(caller);
  return db_.read([&](store::Connection& c) {
    if (!group.empty() && !groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    std::vector<Disk> out;
    for (auto& d : store_.list(c, s.id, group))
      if (grants.allows(actions::kDisksRead, d.id.str())) out.push_back(std::move(d));
    return out;
  });
}

bool DiskService::remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
                         const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceId id = disk_id(s.id, group, name);
  authz_.authorize(caller, actions::kDisksDelete, id.str());
  std::string deleted_id;
  bool removed = db_.write([&](store::Connection& c) {
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    auto d = store_.get(c, id);
    if (!d) return false;
    if (!d->managed_by.empty()) throw errors::disk_attached(d->id.name(), d->managed_by);
    deleted_id = d->id.str();
    return store_.remove(c, id);
  });
  if (removed) jobs_.post([this, deleted_id] { runtime_.delete_disk(deleted_id); });
  return removed;
}

}  // namespace azemu::arm::compute
