// VM extension semantics; see extension_service.hpp.
#include "fake-arm/providers/compute/extensions/extension_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/extensions/ade_extension_plan.hpp"

#include <thread>

namespace azemu::arm::compute {

namespace {
bool in_transition(const std::string& state) {
  return text::iequals(state, "Creating") || text::iequals(state, "Updating") || text::iequals(state, "Deleting");
}

std::string required_string(const nlohmann::json& p, const char* key) {
  if (!p.contains(key) || !p[key].is_string() || p[key].get<std::string>().empty())
    throw errors::compute_required_parameter(key);
  return p[key].get<std::string>();
}

nlohmann::json object_or_empty(const nlohmann::json& p, const char* key) {
  if (!p.contains(key) || p[key].is_null()) return nlohmann::json::object();
  if (!p[key].is_object()) throw errors::invalid_request_content(std::string("'properties.") + key + "' must be an object");
  return p[key];
}

/// The handler-visible part of an extension: a change here means a new sequence number.
nlohmann::json handler_view(const nlohmann::json& props, const nlohmann::json& protected_settings) {
  return {{"publisher", props.value("publisher", "")},      {"type", props.value("type", "")},
          {"version", props.value("typeHandlerVersion", "")}, {"settings", props.value("settings", nlohmann::json::object())},
          {"forceUpdateTag", props.value("forceUpdateTag", "")}, {"protected", protected_settings}};
}
}  // namespace

ResourceId ExtensionService::extension_id(const std::string& sub, const std::string& group, const std::string& vm,
                                          const std::string& name) const {
  return ResourceId::resource(sub, group, kNamespace, "virtualMachines", vm).child("extensions", name);
}

std::optional<Extension> ExtensionService::load(store::Connection& c, const ResourceId& id) const {
  auto r = resources_.get(c, id);
  if (!r || !text::iequals(r->type, kExtensionType)) return std::nullopt;
  return extension_from_body(r->id, r->body);
}

nlohmann::json ExtensionService::body_of(const Extension& e, const std::string& vm_guid, bool with_view) const {
  nlohmann::json j = to_json(e);
  if (with_view) j["properties"]["instanceView"] = extension_instance_view(e, runtime_.extension_status(vm_guid, e.id.name()));
  return j;
}

Accepted ExtensionService::create_or_update(const auth::Principal& caller, const std::string& sub,
                                            const std::string& group, const std::string& vm_name,
                                            const std::string& name, const nlohmann::json& given, bool is_patch,
                                            Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmExtensionsWrite, extension_id(s.id, group, vm_name, name).str());
  if (!given.is_object()) throw errors::invalid_request_content("the body must be a JSON object");

  struct Prepared {
    Accepted accepted;
    ResourceId id;
    std::string vm_guid;
    ports::ExtensionDelivery delivery;
    bool deliver = false;
    AdeExtensionPlan ade;
  };
  Prepared prep = db_.write([&](store::Connection& c) {
    VirtualMachine vm = vms_.require_vm(c, s.id, group, vm_name);
    const ResourceId id = vm.id.child("extensions", name);
    auto existing = load(c, id);
    if (is_patch && !existing) throw errors::resource_not_found(std::string(kExtensionType) + "/" + vm_name + "/" + name, group);
    if (existing && in_transition(existing->provisioning_state()))
      throw errors::vm_operation_in_progress(vm_name, existing->provisioning_state());
    const PowerState power = vms_.power_of(c, vm);
    // Observed: CRP refuses extension changes on a stopped or deallocated VM.
    if (power != PowerState::running && power != PowerState::starting)
      throw AzureError(ErrorKind::Conflict, "OperationNotAllowed", "Cannot modify extensions in the VM when the VM is not running.");

    nlohmann::json body = given;
    if (is_patch) {
      body = to_json(*existing);
      body.merge_patch(given);
    }
    nlohmann::json props = body.contains("properties") && body["properties"].is_object() ? body["properties"] : nlohmann::json::object();
    auto state = existing ? states_.get(c, id) : std::nullopt;
    nlohmann::json protected_settings = props.contains("protectedSettings") && !props["protectedSettings"].is_null()
                                            ? object_or_empty(props, "protectedSettings")
                                            : (state ? state->protected_settings : nlohmann::json::object());
    for (const char* k : {"protectedSettings", "provisioningState", "instanceView"}) props.erase(k);
    const std::string publisher = required_string(props, "publisher");
    const std::string type = required_string(props, "type");
    required_string(props, "typeHandlerVersion");
    if (existing && (!text::iequals(existing->publisher(), publisher) || !text::iequals(existing->type(), type)))
      throw errors::property_change_not_allowed(text::iequals(existing->publisher(), publisher) ? "type" : "publisher");
    props["settings"] = object_or_empty(props, "settings");
    if (!props.contains("autoUpgradeMinorVersion") || !props["autoUpgradeMinorVersion"].is_boolean())
      props["autoUpgradeMinorVersion"] = false;

    Extension e;
    e.id = id;
    e.location = vm.location;
    e.tags = body.contains("tags") && !body["tags"].is_null() ? validated_tags(body["tags"]) : (existing ? existing->tags : nlohmann::json());
    const bool changed = !existing || !state ||
                         handler_view(existing->properties, state->protected_settings) != handler_view(props, protected_settings);
    ExtensionState next{state ? state->sequence_number + (changed ? 1 : 0) : 0, protected_settings};
    props["provisioningState"] = existing ? "Updating" : "Creating";
    e.properties = props;
    const auto now = clock_.now_unix();
    resources_.put(c, to_stored(e, now));
    states_.put(c, id, next, now);

    Prepared p;
    p.id = id;
    p.vm_guid = vm.vm_id();
    p.deliver = changed;
    p.delivery = {name, publisher, type, props.value("typeHandlerVersion", ""), next.sequence_number,
                  props["settings"], protected_settings};
    if (changed) p.ade = plan_ade_extension(c, vms_, vm, p.delivery);
    p.accepted.created = !existing;
    p.accepted.op = ops_.start(c, {s.id, kNamespace, vm.location,
                                   existing ? "virtualMachineExtensionUpdate" : "virtualMachineExtensionCreate", id.str()});
    p.accepted.body = to_json(e);
    return p;
  });

  dispatch(jobs_, run, [this, p = prep] {
    if (!p.ade.refusal.empty())
      return finish(p.id, p.accepted.op.id, errors::kExtensionErrorCode,
                    errors::extension_failure_message(p.delivery.name, p.ade.refusal));
    if (p.ade.stamp) {
      std::string refusal = stamp_single_pass(p.vm_guid, p.ade);
      if (!refusal.empty())
        return finish(p.id, p.accepted.op.id, errors::kExtensionErrorCode,
                      errors::extension_failure_message(p.delivery.name, refusal));
    }
    std::optional<ports::ExtensionReport> report;
    const std::string error = call_runtime([&] {
      if (p.deliver) runtime_.deliver_extension(p.vm_guid, p.delivery);
      const auto deadline = std::chrono::steady_clock::now() + kReportDeadline;
      for (;;) {
        report = runtime_.extension_status(p.vm_guid, p.delivery.name);
        const bool current = report && report->sequence_number >= p.delivery.sequence_number;
        if (current && !text::iequals(report->status, "transitioning")) return;
        if (std::chrono::steady_clock::now() > deadline)
          throw std::runtime_error("the extension handler did not report a final status within 30 minutes");
        std::this_thread::sleep_for(kReportPoll);
      }
    });
    if (!error.empty()) return finish(p.id, p.accepted.op.id, errors::kVmRuntimeErrorCode, error);
    if (text::iequals(report->status, "error"))
      return finish(p.id, p.accepted.op.id, errors::kExtensionErrorCode,
                    errors::extension_failure_message(p.delivery.name, report->message));
    finish(p.id, p.accepted.op.id, "", "");
  });
  return prep.accepted;
}

std::string ExtensionService::stamp_single_pass(const std::string& vm_guid, const AdeExtensionPlan& plan) const {
  ade::SinglePassKeys keys;
  try {
    keys = vms_.platform().enable_single_pass(plan.request, plan.machine_name, plan.targets, plan.existing);
  } catch (const ports::PlatformVaultError& e) {
    return std::string(e.what()) + " (" + e.code + ")";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    for (const auto& t : plan.targets) {
      auto it = keys.collections.find(text::to_lower(t.disk_id));
      auto id = ResourceId::parse(t.disk_id);
      if (it == keys.collections.end() || !id) continue;
      if (auto d = disks_.get(c, *id)) {
        d->encryption_settings_collection = it->second;
        disks_.put(c, *d, now);
      }
    }
  });
  const std::string error = call_runtime([&] { runtime_.set_bek_volume(vm_guid, keys.volume); });
  return error;
}

void ExtensionService::finish(const ResourceId& id, const std::string& op_id, const std::string& code,
                              const std::string& error) const {
  db_.write([&](store::Connection& c) {
    auto e = load(c, id);
    if (e) {
      e->properties["provisioningState"] = code.empty() ? "Succeeded" : "Failed";
      resources_.put(c, to_stored(*e, clock_.now_unix()));
    }
    if (!code.empty()) ops_.fail(c, op_id, code, error);
    else ops_.succeed(c, op_id, e ? to_json(*e) : nlohmann::json());
  });
}

nlohmann::json ExtensionService::get(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                     const std::string& vm_name, const std::string& name, bool with_view) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmExtensionsRead, extension_id(s.id, group, vm_name, name).str());
  auto [e, guid] = db_.read([&](store::Connection& c) {
    VirtualMachine vm = vms_.require_vm(c, s.id, group, vm_name);
    auto e = load(c, vm.id.child("extensions", name));
    if (!e) throw errors::resource_not_found(std::string(kExtensionType) + "/" + vm_name + "/" + name, group);
    return std::pair{*e, vm.vm_id()};
  });
  return body_of(e, guid, with_view);
}

std::vector<nlohmann::json> ExtensionService::list(const auth::Principal& caller, const std::string& sub,
                                                   const std::string& group, const std::string& vm_name,
                                                   bool with_view) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmExtensionsRead,
                   ResourceId::resource(s.id, group, kNamespace, "virtualMachines", vm_name).str());
  auto [exts, guid] = db_.read([&](store::Connection& c) {
    VirtualMachine vm = vms_.require_vm(c, s.id, group, vm_name);
    return std::pair{vms_.extensions_of(c, vm), vm.vm_id()};
  });
  std::vector<nlohmann::json> out;
  for (const auto& e : exts) out.push_back(body_of(e, guid, with_view));
  return out;
}

std::optional<Accepted> ExtensionService::remove(const auth::Principal& caller, const std::string& sub,
                                                 const std::string& group, const std::string& vm_name,
                                                 const std::string& name, Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmExtensionsDelete, extension_id(s.id, group, vm_name, name).str());
  struct Prepared {
    Accepted accepted;
    ResourceId id;
    std::string vm_guid;
  };
  auto prep = db_.write([&](store::Connection& c) -> std::optional<Prepared> {
    VirtualMachine vm = vms_.require_vm(c, s.id, group, vm_name);
    auto e = load(c, vm.id.child("extensions", name));
    if (!e) return std::nullopt;
    if (text::iequals(e->provisioning_state(), "Deleting")) throw errors::vm_operation_in_progress(vm_name, "Deleting");
    e->properties["provisioningState"] = "Deleting";
    resources_.put(c, to_stored(*e, clock_.now_unix()));
    Prepared p;
    p.id = e->id;
    p.vm_guid = vm.vm_id();
    p.accepted.op = ops_.start(c, {s.id, kNamespace, vm.location, "virtualMachineExtensionDelete", e->id.str()});
    return p;
  });
  if (!prep) return std::nullopt;
  dispatch(jobs_, run, [this, p = *prep] {
    const std::string error = call_runtime([&] { runtime_.remove_extension(p.vm_guid, p.id.name()); });
    if (!error.empty()) return finish(p.id, p.accepted.op.id, errors::kVmRuntimeErrorCode, error);
    db_.write([&](store::Connection& c) {
      resources_.remove(c, p.id);
      ops_.succeed(c, p.accepted.op.id);
    });
  });
  return prep->accepted;
}

}  // namespace azemu::arm::compute
