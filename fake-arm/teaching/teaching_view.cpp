// See teaching_view.hpp. Plain reads (db.read: each statement sees the latest commit); a view may
// mix two commits, which a live page corrects on its next refresh.
#include "fake-arm/teaching/teaching_view.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/builtin_roles.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"
#include "fake-arm/providers/compute/compute_state_store.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/providers/compute/extensions/extension_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_encryption.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_instance_view.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

namespace azemu::arm::teaching {

namespace {
using nlohmann::json;

json parse_or(const std::string& text, json fallback) {
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

json time_or_null(std::int64_t unix_seconds) { return unix_seconds > 0 ? json(exec::iso8601(unix_seconds)) : json(); }

std::string role_name(store::Connection& c, const std::string& role_definition_id) {
  if (const auto* builtin = find_builtin_role(role_definition_id)) return builtin->role_name;
  auto s = c.query("SELECT role_name FROM arm_role_definitions WHERE id = ?", role_definition_id);
  return s.step() ? s.text(0) : role_definition_id;
}

json resources_of(store::Connection& c, const std::string& sub, const std::string& group_key) {
  json out = json::array();
  auto s = c.query("SELECT id, type, name, location, body FROM arm_resources WHERE subscription_id = ? AND group_key = ? "
                   "ORDER BY parent_key, type_key, id_key",
                   sub, group_key);
  while (s.step()) {
    json body = parse_or(s.text(4), json::object());
    json props = body.value("properties", json::object());
    out.push_back({{"id", s.text(0)},
                   {"type", s.text(1)},
                   {"name", s.text(2)},
                   {"location", s.text(3)},
                   {"provisioningState", props.is_object() ? props.value("provisioningState", "Succeeded") : "Succeeded"}});
  }
  return out;
}

json operation_row(store::Statement& s) {
  json j = {{"id", s.text(0)},
            {"namespace", s.text(1)},
            {"kind", s.text(2)},
            {"status", s.text(3)},
            {"resourceId", s.opt_text(4) ? json(*s.opt_text(4)) : json()},
            {"percentComplete", s.real(5)},
            {"startTime", time_or_null(s.int64(6))},
            {"endTime", s.is_null(7) ? json() : time_or_null(s.int64(7))}};
  if (auto err = s.opt_text(8)) j["error"] = parse_or(*err, json(*err));
  return j;
}

json deployment_operations(store::Connection& c, const std::string& deployment_key) {
  json out = json::array();
  auto s = c.query("SELECT operation_id, body FROM arm_deployment_operations WHERE deployment_key = ? ORDER BY seq",
                   deployment_key);
  while (s.step()) {
    // The stored shape (deployments/deployment_store.cpp op_body): flat, state and target* fields.
    json p = parse_or(s.text(1), json::object());
    if (!p.is_object()) p = json::object();
    out.push_back({{"operationId", s.text(0)},
                   {"provisioningOperation", p.value("provisioningOperation", "")},
                   {"provisioningState", p.value("state", "")},
                   {"statusCode", p.value("statusCode", json()).is_string() ? p.value("statusCode", "") : ""},
                   {"statusMessage", p.value("statusMessage", json())},
                   {"targetResource", p.value("targetId", "")},
                   {"resourceType", p.value("targetType", "")}});
  }
  return out;
}
}  // namespace

nlohmann::json cloud(store::Database& db) {
  return db.read([&](store::Connection& c) {
    json subs = json::array();
    auto s = c.query("SELECT subscription_id, display_name, state FROM arm_subscriptions ORDER BY subscription_id");
    while (s.step()) {
      std::string sub = s.text(0);
      json providers = json::array();
      auto p = c.query("SELECT namespace_key, state FROM arm_provider_registrations WHERE subscription_id = ? "
                       "ORDER BY namespace_key",
                       sub);
      while (p.step()) providers.push_back({{"namespace", p.text(0)}, {"state", p.text(1)}});
      json groups = json::array();
      auto g = c.query("SELECT name, location, name_key FROM arm_resource_groups WHERE subscription_id = ? ORDER BY name_key", sub);
      while (g.step()) {
        std::string gid = "/subscriptions/" + sub + "/resourceGroups/" + g.text(0);
        auto del = c.query("SELECT 1 FROM arm_operations WHERE status = 'InProgress' AND kind = 'resourceGroupDelete' "
                           "AND lower(resource_id) = lower(?)",
                           gid);
        groups.push_back({{"name", g.text(0)},
                          {"location", g.text(1)},
                          {"provisioningState", del.step() ? "Deleting" : "Succeeded"},
                          {"resources", resources_of(c, sub, g.text(2))}});
      }
      subs.push_back({{"id", sub}, {"name", s.text(1)}, {"state", s.text(2)}, {"providers", providers}, {"groups", groups}});
    }
    json ops = json::array();
    auto o = c.query("SELECT id, namespace, kind, status, resource_id, percent, started_at, ended_at, error FROM ("
                     " SELECT * FROM arm_operations WHERE status = 'InProgress'"
                     " UNION ALL SELECT * FROM (SELECT * FROM arm_operations WHERE status != 'InProgress'"
                     "   ORDER BY ended_at DESC, started_at DESC LIMIT 20)) ORDER BY started_at DESC, id");
    while (o.step()) ops.push_back(operation_row(o));
    json deployments = json::array();
    auto d = c.query("SELECT id, id_key, state, started_ms, ended_ms, body FROM arm_deployments ORDER BY started_ms DESC LIMIT 20");
    while (d.step()) {
      json body = parse_or(d.text(5), json::object());
      json entry = {{"id", d.text(0)},
                    {"name", ResourceId::parse(d.text(0)) ? ResourceId::parse(d.text(0))->name() : d.text(0)},
                    {"provisioningState", d.text(2)},
                    {"startTime", time_or_null(d.int64(3) / 1000)},
                    {"endTime", d.is_null(4) ? json() : time_or_null(d.int64(4) / 1000)},
                    {"operations", deployment_operations(c, d.text(1))}};
      if (body.contains("error")) entry["error"] = body["error"];
      deployments.push_back(std::move(entry));
    }
    return json{{"subscriptions", subs}, {"operations", ops}, {"deployments", deployments}};
  });
}

nlohmann::json vms(store::Database& db, ports::VmRuntime& runtime) {
  const ResourceStore resources;
  const compute::VmStateStore states;
  const compute::DiskStore disks;
  return db.read([&](store::Connection& c) {
    json out = json::array();
    auto s = c.query("SELECT id, body FROM arm_resources WHERE type_key = 'microsoft.compute/virtualmachines' ORDER BY id_key");
    while (s.step()) {
      auto id = ResourceId::parse(s.text(0));
      if (!id) continue;
      compute::VirtualMachine vm = compute::vm_from_body(*id, parse_or(s.text(1), json::object()));
      std::vector<compute::Extension> exts;
      for (const auto& r : resources.list_children(c, vm.id))
        if (text::iequals(r.type, compute::kExtensionType)) exts.push_back(compute::extension_from_body(r.id, r.body));
      compute::PowerState power = states.power(c, vm.id).value_or(compute::PowerState::running);
      std::string note = states.note(c, vm.id);
      json model = compute::to_json(vm);
      json ext_models = json::array();
      for (const auto& e : exts) ext_models.push_back(compute::to_json(e));
      json view = compute::vm_instance_view(vm, power, exts, runtime, note, compute::disk_collections(c, disks, vm));
      out.push_back({{"id", vm.id.str()},
                     {"name", vm.id.name()},
                     {"resourceGroup", vm.id.resource_group()},
                     {"subscription", vm.id.subscription_id()},
                     {"vmId", vm.vm_id()},
                     {"powerState", compute::to_string(power)},
                     {"provisioningState", vm.provisioning_state()},
                     {"note", note},
                     {"model", model},
                     {"extensions", ext_models},
                     {"instanceView", view}});
    }
    return json{{"vms", out}};
  });
}

nlohmann::json vaults(store::Database& db) {
  return db.read([&](store::Connection& c) {
    json out = json::array();
    auto s = c.query("SELECT id, id_key, name, group_key, location, body FROM arm_resources "
                     "WHERE type_key = 'microsoft.keyvault/vaults' ORDER BY id_key");
    while (s.step()) {
      json body = parse_or(s.text(5), json::object());
      json assignments = json::array();
      auto a = c.query("SELECT scope, role_definition_id, principal_id, principal_type FROM arm_role_assignments "
                       "WHERE scope_key = ? OR substr(scope_key, 1, length(?) + 1) = ? || '/' ORDER BY scope_key, created_at",
                       s.text(1), s.text(1), s.text(1));
      while (a.step())
        assignments.push_back({{"scope", a.text(0)},
                               {"roleDefinitionId", a.text(1)},
                               {"roleName", role_name(c, a.text(1))},
                               {"principalId", a.text(2)},
                               {"principalType", a.text(3)}});
      auto id = ResourceId::parse(s.text(0));
      out.push_back({{"id", s.text(0)},
                     {"name", s.text(2)},
                     {"resourceGroup", id ? id->resource_group() : ""},
                     {"location", s.text(4)},
                     {"properties", body.value("properties", json::object())},
                     {"roleAssignments", assignments}});
    }
    json deleted = json::array();
    auto d = c.query("SELECT name, location, vault_id, deleted_at, scheduled_purge_at, purge_protection "
                     "FROM arm_deleted_vaults ORDER BY name_key");
    while (d.step())
      deleted.push_back({{"name", d.text(0)},
                         {"location", d.text(1)},
                         {"vaultId", d.text(2)},
                         {"deletedDate", time_or_null(d.int64(3))},
                         {"scheduledPurgeDate", time_or_null(d.int64(4))},
                         {"purgeProtectionEnabled", d.int64(5) != 0}});
    return json{{"vaults", out}, {"deletedVaults", deleted}};
  });
}

nlohmann::json role_assignments(store::Database& db) {
  return db.read([&](store::Connection& c) {
    json out = json::array();
    auto a = c.query("SELECT id, scope, role_definition_id, principal_id, principal_type, created_at "
                     "FROM arm_role_assignments ORDER BY scope_key, created_at");
    while (a.step())
      out.push_back({{"id", a.text(0)},
                     {"scope", a.text(1)},
                     {"roleDefinitionId", a.text(2)},
                     {"roleName", role_name(c, a.text(2))},
                     {"principalId", a.text(3)},
                     {"principalType", a.text(4)},
                     {"createdOn", time_or_null(a.int64(5))}});
    return json{{"roleAssignments", out}};
  });
}

}  // namespace azemu::arm::teaching
