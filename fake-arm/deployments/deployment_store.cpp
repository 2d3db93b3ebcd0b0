// Deployment SQL; see deployment_store.hpp. Rows map to structs in one function each way.
#include "fake-arm/deployments/deployment_store.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>

namespace azemu::arm {

namespace {
constexpr const char* kColumns = "id, location, state, operation_id, body, started_ms, changed_ms, ended_ms";

std::string body_of(const Deployment& d) {
  return nlohmann::json{{"tags", d.tags},
                        {"mode", d.mode},
                        {"template", d.template_json},
                        {"templateLink", d.template_link},
                        {"parameters", d.parameters},
                        {"templateHash", d.template_hash},
                        {"correlationId", d.correlation_id},
                        {"providers", d.providers},
                        {"dependencies", d.dependencies},
                        {"outputs", d.outputs},
                        {"outputResources", d.output_resources},
                        {"error", d.error}}
      .dump();
}

Deployment from_row(store::Statement& s) {
  Deployment d;
  d.id = *ResourceId::parse(s.text(0));
  d.location = s.opt_text(1).value_or("");
  d.state = deployment_state_from(s.text(2)).value_or(DeploymentState::failed);
  d.operation_id = s.text(3);
  const auto b = nlohmann::json::parse(s.text(4));
  auto at = [&](const char* key) { return b.contains(key) ? b[key] : nlohmann::json(); };
  d.tags = b.value("tags", nlohmann::json::object());
  d.mode = b.value("mode", "Incremental");
  d.template_json = at("template");
  d.template_link = at("templateLink");
  d.parameters = at("parameters");
  d.template_hash = b.value("templateHash", "");
  d.correlation_id = b.value("correlationId", "");
  d.providers = at("providers");
  d.dependencies = at("dependencies");
  d.outputs = at("outputs");
  d.output_resources = at("outputResources");
  d.error = at("error");
  d.started_ms = s.int64(5);
  d.changed_ms = s.int64(6);
  if (!s.is_null(7)) d.ended_ms = s.int64(7);
  return d;
}

std::optional<std::string> group_key(const ResourceId& id) {
  if (id.resource_group().empty()) return std::nullopt;
  return text::to_lower(id.resource_group());
}

// Operation ids are upper-case hex; a client may send them in any case.
std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string op_body(const DeploymentOperation& op) {
  return nlohmann::json{{"provisioningOperation", op.provisioning_operation},
                        {"state", op.state},
                        {"statusCode", op.status_code},
                        {"statusMessage", op.status_message},
                        {"targetId", op.target_id},
                        {"targetType", op.target_type},
                        {"targetName", op.target_name}}
      .dump();
}

DeploymentOperation op_from_row(store::Statement& s) {
  DeploymentOperation op;
  op.operation_id = s.text(0);
  const auto b = nlohmann::json::parse(s.text(1));
  op.provisioning_operation = b.value("provisioningOperation", "");
  op.state = b.value("state", "");
  op.status_code = b.value("statusCode", "");
  op.status_message = b.contains("statusMessage") ? b["statusMessage"] : nlohmann::json();
  op.target_id = b.value("targetId", "");
  op.target_type = b.value("targetType", "");
  op.target_name = b.value("targetName", "");
  op.started_ms = s.int64(2);
  op.changed_ms = s.int64(3);
  return op;
}
}  // namespace

std::optional<Deployment> DeploymentStore::get(store::Connection& c, const ResourceId& id) const {
  auto s = c.query(std::string("SELECT ") + kColumns + " FROM arm_deployments WHERE id_key = ?", id.key());
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<Deployment> DeploymentStore::list(store::Connection& c, const std::string& sub,
                                              const std::string& group) const {
  std::vector<Deployment> out;
  auto s = group.empty()
               ? c.query(std::string("SELECT ") + kColumns +
                             " FROM arm_deployments WHERE subscription_id = ? AND group_key IS NULL ORDER BY id_key",
                         text::to_lower(sub))
               : c.query(std::string("SELECT ") + kColumns +
                             " FROM arm_deployments WHERE subscription_id = ? AND group_key = ? ORDER BY id_key",
                         text::to_lower(sub), text::to_lower(group));
  while (s.step()) out.push_back(from_row(s));
  return out;
}

std::vector<Deployment> DeploymentStore::list_active(store::Connection& c) const {
  std::vector<Deployment> out;
  auto s = c.query(std::string("SELECT ") + kColumns +
                   " FROM arm_deployments WHERE state IN ('Accepted', 'Running') ORDER BY id_key");
  while (s.step()) out.push_back(from_row(s));
  return out;
}

void DeploymentStore::upsert(store::Connection& c, const Deployment& d) const {
  std::optional<std::string> location;
  if (!d.location.empty()) location = d.location;
  // ended_ms is written by a second statement: Statement binds optional<string> only, not optional<int64>.
  auto s = c.query(
      "INSERT INTO arm_deployments (id_key, id, subscription_id, group_key, location, state, operation_id, body, "
      "started_ms, changed_ms, ended_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
      "ON CONFLICT(id_key) DO UPDATE SET location = excluded.location, state = excluded.state, "
      "operation_id = excluded.operation_id, body = excluded.body, started_ms = excluded.started_ms, "
      "changed_ms = excluded.changed_ms, ended_ms = NULL",
      d.id.key(), d.id.str(), text::to_lower(d.id.subscription_id()), group_key(d.id), location,
      std::string(to_string(d.state)), d.operation_id, body_of(d), d.started_ms, d.changed_ms);
  s.step();
  if (d.ended_ms) c.run("UPDATE arm_deployments SET ended_ms = ? WHERE id_key = ?", *d.ended_ms, d.id.key());
}

bool DeploymentStore::update_if_active(store::Connection& c, const Deployment& d) const {
  auto st = state(c, d.id);
  if (!st || !is_active(*st)) return false;
  upsert(c, d);
  return true;
}

std::optional<DeploymentState> DeploymentStore::state(store::Connection& c, const ResourceId& id) const {
  auto s = c.query("SELECT state FROM arm_deployments WHERE id_key = ?", id.key());
  if (!s.step()) return std::nullopt;
  return deployment_state_from(s.text(0));
}

bool DeploymentStore::remove(store::Connection& c, const ResourceId& id) const {
  return c.run("DELETE FROM arm_deployments WHERE id_key = ?", id.key()) > 0;
}

void DeploymentStore::add_operation(store::Connection& c, const ResourceId& deployment,
                                    const DeploymentOperation& op) const {
  c.run("INSERT INTO arm_deployment_operations (deployment_key, operation_id, seq, body, started_ms, changed_ms) "
        "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM arm_deployment_operations WHERE deployment_key = ?), "
        "?, ?, ?)",
        deployment.key(), op.operation_id, deployment.key(), op_body(op), op.started_ms, op.changed_ms);
}

void DeploymentStore::update_operation(store::Connection& c, const ResourceId& deployment,
                                       const DeploymentOperation& op) const {
  c.run("UPDATE arm_deployment_operations SET body = ?, changed_ms = ? WHERE deployment_key = ? AND operation_id = ?",
        op_body(op), op.changed_ms, deployment.key(), op.operation_id);
}

std::vector<DeploymentOperation> DeploymentStore::operations(store::Connection& c, const ResourceId& deployment) const {
  std::vector<DeploymentOperation> out;
  auto s = c.query("SELECT operation_id, body, started_ms, changed_ms FROM arm_deployment_operations "
                   "WHERE deployment_key = ? ORDER BY seq",
                   deployment.key());
  while (s.step()) out.push_back(op_from_row(s));
  return out;
}

std::optional<DeploymentOperation> DeploymentStore::operation(store::Connection& c, const ResourceId& deployment,
                                                              const std::string& operation_id) const {
  auto s = c.query("SELECT operation_id, body, started_ms, changed_ms FROM arm_deployment_operations "
                   "WHERE deployment_key = ? AND operation_id = ?",
                   deployment.key(), upper(operation_id));
  if (!s.step()) return std::nullopt;
  return op_from_row(s);
}

void DeploymentStore::clear_operations(store::Connection& c, const ResourceId& deployment) const {
  c.run("DELETE FROM arm_deployment_operations WHERE deployment_key = ?", deployment.key());
}

}  // namespace azemu::arm
