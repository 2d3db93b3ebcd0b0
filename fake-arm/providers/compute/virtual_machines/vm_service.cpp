// VM create/update/read/list/delete; see vm_service.hpp. Power actions and runCommand live in
// vm_power.cpp.
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/ports/guest_faults.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_build.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_instance_view.hpp"

namespace azemu::arm::compute {

namespace {
bool in_transition(const std::string& state) {
  return text::iequals(state, "Creating") || text::iequals(state, "Updating") || text::iequals(state, "Deleting");
}

std::optional<ResourceId> parse_resource(const std::string& s) {
  auto id = ResourceId::parse(s);
  if (!id || !id->is_resource()) return std::nullopt;
  return id;
}

bool deletes(const nlohmann::json& entry) {
  return entry.is_object() && text::iequals(entry.value("deleteOption", ""), "Delete");
}
}  // namespace

std::string managed_disk_id(const nlohmann::json& disk) {
  if (!disk.is_object() || !disk.contains("managedDisk") || !disk["managedDisk"].is_object()) return "";
  return disk["managedDisk"].value("id", "");
}

std::string call_runtime(const std::function<void()>& call, std::string* code) {
  try {
    call();
    return "";
  } catch (const ports::GuestFailure& e) {
    if (code) *code = e.code;
    return e.what();
  } catch (const std::exception& e) {
    std::string m = e.what();
    return m.empty() ? "the VM runtime failed" : m;
  }
}

ResourceId VirtualMachineService::vm_id(const std::string& sub, const std::string& group, const std::string& name) const {
  return ResourceId::resource(sub, group, kNamespace, "virtualMachines", name);
}

std::optional<VirtualMachine> VirtualMachineService::load_vm(store::Connection& c, const ResourceId& id) const {
  auto r = resources_.get(c, id);
  if (!r || !text::iequals(r->type, kVmType)) return std::nullopt;
  return vm_from_body(r->id, r->body);
}

VirtualMachine VirtualMachineService::require_vm(store::Connection& c, const std::string& sub, const std::string& group,
                                                 const std::string& name) const {
  if (!groups_.get(c, sub, group)) throw errors::resource_group_not_found(group);
  auto vm = load_vm(c, vm_id(sub, group, name));
  if (!vm) throw errors::resource_not_found(std::string(kVmType) + "/" + name, group);
  return *vm;
}

std::vector<Extension> VirtualMachineService::extensions_of(store::Connection& c, const VirtualMachine& vm) const {
  std::vector<Extension> out;
  for (const auto& r : resources_.list_children(c, vm.id))
    if (text::iequals(r.type, kExtensionType)) out.push_back(extension_from_body(r.id, r.body));
  return out;
}

PowerState VirtualMachineService::power_of(store::Connection& c, const VirtualMachine& vm) const {
  return states_.power(c, vm.id).value_or(PowerState::running);
}

nlohmann::json VirtualMachineService::full_body(store::Connection& c, const VirtualMachine& vm, bool with_view) const {
  nlohmann::json j = to_json(vm);
  const auto exts = extensions_of(c, vm);
  if (with_view) j["properties"]["instanceView"] = vm_instance_view(vm, power_of(c, vm), exts, runtime_, states_.note(c, vm.id), disk_collections(c, vm));
  // Observed: real ARM embeds the VM's extensions (full objects) in a VM GET; az's
  // `vm encryption show` finds ADE there (az-wire §4.9).
  if (!exts.empty()) {
    nlohmann::json resources = nlohmann::json::array();
    for (const auto& e : exts) resources.push_back(to_json(e));
    j["resources"] = std::move(resources);
  }
  return j;
}

Accepted VirtualMachineService::create_or_update(const auth::Principal& caller, const std::string& sub,
                                                 const std::string& group, const std::string& name,
                                                 const nlohmann::json& body, Run run) const {
  return put_model(caller, sub, group, name, body, false, run);
}

Accepted VirtualMachineService::update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                       const std::string& name, const nlohmann::json& patch, Run run) const {
  return put_model(caller, sub, group, name, patch, true, run);
}

Accepted VirtualMachineService::put_model(const auth::Principal& caller, const std::string& sub,
                                          const std::string& group, const std::string& name,
                                          const nlohmann::json& given, bool is_patch, Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmWrite, vm_id(s.id, group, name).str());
  if (!given.is_object()) throw errors::invalid_request_content("the body must be a JSON object");

  struct Prepared {
    Accepted accepted;
    ports::VmSpec spec;
    std::vector<ports::VmDisk> attached;
    std::vector<int> detached;
    ResourceId id;
    // Dual-pass ADE: the CLI wrote new osDisk.encryptionSettings (research/ade.md §1.3 "Between
    // the passes"): the platform fetches the key, attaches the BEK volume and the ADE extension
    // gets its settings again (a new goal state, same sequence number) so the handler's pass 2 runs.
    std::vector<ade::VolumeKey> new_keys;
    std::vector<ports::ExtensionDelivery> redeliver;
  };
  Prepared prep = db_.write([&](store::Connection& c) {
    auto g = groups_.get(c, s.id, group);
    if (!g) throw errors::resource_group_not_found(group);
    const ResourceId id = vm_id(s.id, g->name, name);
    auto existing = load_vm(c, id);
    if (is_patch && !existing) throw errors::resource_not_found(std::string(kVmType) + "/" + name, g->name);
    if (existing && in_transition(existing->provisioning_state()))
      throw errors::vm_operation_in_progress(name, existing->provisioning_state());

    nlohmann::json body = given;
    if (is_patch) {
      body = to_json(*existing);
      body.merge_patch(given);
    }
    std::string location;
    if (existing) {
      location = existing->location;
      if (body.contains("location") && body["location"].is_string() &&
          canonical_location(body["location"].get<std::string>()) != location)
        throw errors::invalid_resource_location(name, location, g->name, body["location"].get<std::string>());
    } else {
      if (!body.contains("location") || !body["location"].is_string() || body["location"].get<std::string>().empty())
        throw errors::location_required();
      auto loc = find_location(body["location"].get<std::string>());
      if (!loc)
        throw errors::location_not_available_for_resource_type(body["location"].get<std::string>(), kVmType,
                                                               location_names_joined());
      location = loc->name;
    }
    const auto now = clock_.now_unix();
    VmBuild build = build_vm(c, {id, location, body, existing ? &*existing : nullptr, exec::iso8601(now)});
    VirtualMachine vm = std::move(build.vm);
    vm.tags = body.contains("tags") && !body["tags"].is_null() ? validated_tags(body["tags"])
                                                               : (existing ? existing->tags : nlohmann::json::object());
    vm.properties["vmId"] = existing ? existing->vm_id() : ids::new_guid();
    vm.properties["timeCreated"] = existing ? existing->properties.value("timeCreated", exec::iso8601(now)) : exec::iso8601(now);
    vm.properties["provisioningState"] = existing ? "Updating" : "Creating";
    resources_.put(c, to_stored(vm, now));
    for (const auto& d : build.disks_to_put) disks_.put(c, d, now);
    for (const auto& nic_id : build.nics_joining)
      if (auto nic = resources_.get(c, nic_id)) {
        nic->body["properties"]["virtualMachine"] = {{"id", id.str()}};
        nic->changed_at = now;
        resources_.put(c, *nic);
      }
    for (const auto& nic_id : build.nics_leaving)
      if (auto nic = resources_.get(c, nic_id); nic && nic->body.contains("properties")) {
        nic->body["properties"].erase("virtualMachine");
        nic->changed_at = now;
        resources_.put(c, *nic);
      }
    if (!existing) states_.set_power(c, id, PowerState::starting, now);
    providers_.auto_register(c, s.id, kNamespace);

    Prepared p;
    p.id = id;
    p.accepted.created = !existing;
    p.accepted.op = ops_.start(c, {s.id, kNamespace, location, existing ? "virtualMachineUpdate" : "virtualMachineCreate", id.str()});
    p.accepted.body = full_body(c, vm, false);
    p.spec = vm_spec(vm, build.admin_password);
    p.attached = std::move(build.attached);
    p.detached = std::move(build.detached_luns);
    const std::string reference = ade::dual_pass_reference(vm);
    if (existing && !reference.empty() && reference != ade::dual_pass_reference(*existing)) {
      p.new_keys = boot_keys(c, vm);
      if (power_of(c, vm) == PowerState::running)
        for (const auto& e : extensions_of(c, vm)) {
          if (!ade::is_ade_extension(e.publisher(), e.type())) continue;
          auto st = extension_states_.get(c, e.id);
          p.redeliver.push_back({e.id.name(), e.publisher(), e.type(), e.handler_version(), st ? st->sequence_number : 0,
                                 e.properties.value("settings", nlohmann::json::object()),
                                 st ? st->protected_settings : nlohmann::json::object()});
        }
    }
    return p;
  });

  const bool created = prep.accepted.created;
  dispatch(jobs_, run, [this, id = prep.id, op = prep.accepted.op.id, spec = prep.spec, attached = prep.attached,
                        detached = prep.detached, created, keys = prep.new_keys, redeliver = prep.redeliver] {
    std::string key_problem, code;
    std::string error = call_runtime([&] {
      if (created) {
        runtime_.create(spec);
        return;
      }
      for (int lun : detached) runtime_.detach_disk(spec.vm_id, lun);
      for (const auto& d : attached) runtime_.attach_disk(spec.vm_id, d);
      if (keys.empty()) return;
      key_problem = provide_bek(spec.vm_id, keys);
      if (!key_problem.empty()) return;
      for (const auto& e : redeliver) runtime_.deliver_extension(spec.vm_id, e);
    }, &code);
    if (error.empty() && !key_problem.empty()) {
      // Observed (Azure Site Recovery's failover doc quotes CRP): a secret the platform cannot read
      // fails the VM update with Key Vault's reason.
      finish(id, op, key_problem, true, std::nullopt, std::nullopt, "KeyVaultAccessForbidden");
      return;
    }
    std::optional<PowerState> power;
    if (created) power = error.empty() ? PowerState::running : PowerState::deallocated;
    finish(id, op, error, true, power, std::nullopt, code);
  });
  return prep.accepted;
}

void VirtualMachineService::finish(const ResourceId& id, const std::string& op_id, const std::string& error,
                                   bool set_provisioning, std::optional<PowerState> power,
                                   std::optional<nlohmann::json> result, const std::string& code) const {
  db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    auto vm = load_vm(c, id);
    if (vm && set_provisioning) {
      vm->properties["provisioningState"] = error.empty() ? "Succeeded" : "Failed";
      resources_.put(c, to_stored(*vm, now));
    }
    // A boot that failed leaves the VM stopped: say why in its power state (instance view).
    if (vm && power) states_.set_power(c, id, *power, now, error.empty() || *power != PowerState::stopped ? "" : error);
    if (!error.empty()) {
      ops_.fail(c, op_id, code.empty() ? errors::kVmRuntimeErrorCode : code, error);
      return;
    }
    if (!result && vm && set_provisioning) result = full_body(c, *vm, false);
    ops_.succeed(c, op_id, result.value_or(nullptr));
  });
}

nlohmann::json VirtualMachineService::get(const auth::Principal& caller, const std::string& sub,
                                          const std::string& group, const std::string& name, bool with_view) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmRead, vm_id(s.id, group, name).str());
  return db_.read([&](store::Connection& c) { return full_body(c, require_vm(c, s.id, group, name), with_view); });
}

nlohmann::json VirtualMachineService::instance_view(const auth::Principal& caller, const std::string& sub,
                                                    const std::string& group, const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmRead, vm_id(s.id, group, name).str());
  return db_.read([&](store::Connection& c) {
    VirtualMachine vm = require_vm(c, s.id, group, name);
    return vm_instance_view(vm, power_of(c, vm), extensions_of(c, vm), runtime_, states_.note(c, vm.id), disk_collections(c, vm));
  });
}

std::vector<nlohmann::json> VirtualMachineService::list(const auth::Principal& caller, const std::string& sub,
                                                        const std::string& group, bool status_only) const {
  Subscription s = subs_.require(caller, sub);
  Grants grants = authz_.grants(caller);
  return db_.read([&](store::Connection& c) {
    if (!group.empty() && !groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    std::vector<nlohmann::json> out;
    for (const auto& r : resources_.list_by_type(c, s.id, kVmType, group)) {
      if (!grants.allows(actions::kVmRead, r.id.str())) continue;
      VirtualMachine vm = vm_from_body(r.id, r.body);
      nlohmann::json j = to_json(vm);
      if (status_only) j["properties"]["instanceView"] = vm_instance_view(vm, power_of(c, vm), extensions_of(c, vm), runtime_, states_.note(c, vm.id), disk_collections(c, vm));
      out.push_back(std::move(j));
    }
    return out;
  });
}

std::optional<Accepted> VirtualMachineService::remove(const auth::Principal& caller, const std::string& sub,
                                                      const std::string& group, const std::string& name, Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmDelete, vm_id(s.id, group, name).str());
  struct Prepared {
    Accepted accepted;
    ResourceId id;
    std::string vm_guid;
    bool keep_os = true;
    std::vector<std::string> delete_data;
  };
  auto prep = db_.write([&](store::Connection& c) -> std::optional<Prepared> {
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    auto vm = load_vm(c, vm_id(s.id, group, name));
    if (!vm) return std::nullopt;
    if (text::iequals(vm->provisioning_state(), "Deleting")) throw errors::vm_operation_in_progress(name, "Deleting");
    vm->properties["provisioningState"] = "Deleting";
    resources_.put(c, to_stored(*vm, clock_.now_unix()));
    Prepared p;
    p.id = vm->id;
    p.vm_guid = vm->vm_id();
    p.keep_os = !deletes(vm->os_disk());
    for (const auto& d : vm->data_disks())
      if (deletes(d)) p.delete_data.push_back(managed_disk_id(d));
    p.accepted.op = ops_.start(c, {s.id, kNamespace, vm->location, "virtualMachineDelete", vm->id.str()});
    return p;
  });
  if (!prep) return std::nullopt;
  dispatch(jobs_, run, [this, p = *prep] {
    const std::string error = call_runtime([&] { runtime_.remove(p.vm_guid, p.keep_os, p.delete_data); });
    if (!error.empty()) return finish(p.id, p.accepted.op.id, error, true, std::nullopt, std::nullopt);
    finish_delete(p.id, p.accepted.op.id);
  });
  return prep->accepted;
}

void VirtualMachineService::finish_delete(const ResourceId& id, const std::string& op_id) const {
  db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    if (auto vm = load_vm(c, id)) {
      std::vector<nlohmann::json> disks = {vm->os_disk()};
      for (const auto& d : vm->data_disks()) disks.push_back(d);
      for (const auto& entry : disks) {
        auto disk_id = parse_resource(managed_disk_id(entry));
        if (!disk_id) continue;
        if (deletes(entry)) {
          disks_.remove(c, *disk_id);
        } else if (auto d = disks_.get(c, *disk_id)) {
          d->disk_state = "Unattached";
          d->managed_by.clear();
          disks_.put(c, *d, now);
        }
      }
      for (const auto& n : vm->nics()) {
        auto nic_id = parse_resource(n.value("id", ""));
        if (!nic_id) continue;
        auto nic = resources_.get(c, *nic_id);
        if (!nic) continue;
        if (n.contains("properties") && deletes(n["properties"])) {
          resources_.remove(c, *nic_id);
        } else if (nic->body.contains("properties")) {
          nic->body["properties"].erase("virtualMachine");
          nic->changed_at = now;
          resources_.put(c, *nic);
        }
      }
      resources_.remove(c, id);  // the VM, its extensions, and (cascade) their state rows
    }
    ops_.succeed(c, op_id);
  });
}

void VirtualMachineService::forget_group(store::Connection& c, const ResourceId& group) const {
  std::vector<std::pair<std::string, std::vector<std::string>>> vms;
  for (const auto& r : resources_.list_by_type(c, group.subscription_id(), kVmType, group.resource_group())) {
    VirtualMachine vm = vm_from_body(r.id, r.body);
    std::vector<std::string> data;
    for (const auto& d : vm.data_disks()) data.push_back(managed_disk_id(d));
    vms.emplace_back(vm.vm_id(), std::move(data));
  }
  std::vector<std::string> loose;
  for (const auto& d : disks_.list(c, group.subscription_id(), group.resource_group()))
    if (d.managed_by.empty()) loose.push_back(d.id.str());
  if (vms.empty() && loose.empty()) return;
  jobs_.post([this, vms = std::move(vms), loose = std::move(loose)] {
    // A pair, not a structured binding: clang 14 (the sanitized build) cannot capture bindings.
    for (const auto& machine : vms) call_runtime([&] { runtime_.remove(machine.first, false, machine.second); });
    for (const auto& d : loose) call_runtime([&] { runtime_.delete_disk(d); });
  });
}

}  // namespace azemu::arm::compute
