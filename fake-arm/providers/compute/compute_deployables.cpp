// Compute DeployableType adapters; see compute_deployables.hpp.
#include "fake-arm/providers/compute/compute_deployables.hpp"

#include "fake-arm/errors.hpp"

namespace azemu::arm::compute {

namespace {
/// Throws the finished operation's error (the work ran on this thread, so it is done).
void require_succeeded(store::Database& db, const AsyncOperations& ops, const AsyncOperation& started) {
  auto op = db.read([&](store::Connection& c) { return ops.get(c, started.subscription_id, started.id); });
  if (op && op->status == OperationStatus::failed) throw errors::operation_failed(op->error_code, op->error_message);
}

template <class F>
auto unless_not_found(F&& f) -> std::optional<decltype(f())> {
  try {
    return f();
  } catch (const AzureError& e) {
    if (e.kind() == ErrorKind::NotFound) return std::nullopt;
    throw;
  }
}

const std::string& vm_name(const ResourceId& id) { return id.segments().at(0).name; }
}  // namespace

nlohmann::json VmDeployable::put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                                 const std::string&) const {
  auto a = vms_.create_or_update(caller, id.subscription_id(), id.resource_group(), id.name(), body, Run::here);
  require_succeeded(db_, ops_, a.op);
  return vms_.get(caller, id.subscription_id(), id.resource_group(), id.name(), false);
}

std::optional<nlohmann::json> VmDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  return unless_not_found([&] { return vms_.get(caller, id.subscription_id(), id.resource_group(), id.name(), false); });
}

bool VmDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  auto a = vms_.remove(caller, id.subscription_id(), id.resource_group(), id.name(), Run::here);
  if (a) require_succeeded(db_, ops_, a->op);
  return a.has_value();
}

nlohmann::json ExtensionDeployable::put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                                        const std::string&) const {
  auto a = exts_.create_or_update(caller, id.subscription_id(), id.resource_group(), vm_name(id), id.name(), body, false,
                                  Run::here);
  require_succeeded(db_, ops_, a.op);
  return exts_.get(caller, id.subscription_id(), id.resource_group(), vm_name(id), id.name(), false);
}

std::optional<nlohmann::json> ExtensionDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  return unless_not_found(
      [&] { return exts_.get(caller, id.subscription_id(), id.resource_group(), vm_name(id), id.name(), false); });
}

bool ExtensionDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  auto a = exts_.remove(caller, id.subscription_id(), id.resource_group(), vm_name(id), id.name(), Run::here);
  if (a) require_succeeded(db_, ops_, a->op);
  return a.has_value();
}

nlohmann::json DiskDeployable::put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                                   const std::string&) const {
  return to_json(disks_.create_or_update(caller, id.subscription_id(), id.resource_group(), id.name(),
                                         disk_input_from_json(body)).disk);
}

std::optional<nlohmann::json> DiskDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  return unless_not_found([&] { return to_json(disks_.get(caller, id.subscription_id(), id.resource_group(), id.name())); });
}

bool DiskDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  return disks_.remove(caller, id.subscription_id(), id.resource_group(), id.name());
}

}  // namespace azemu::arm::compute
