// Deployment semantics; see deployment_service.hpp.
#include "fake-arm/deployments/deployment_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/deployments/deployment_recovery.hpp"
#include "fake-arm/deployments/deployment_summary.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/resources/resource_groups/resource_group_model.hpp"
#include "fake-arm/resources/subscriptions/subscription_model.hpp"

#include <chrono>

namespace azemu::arm {

struct DeploymentService::Prepared {
  Deployment deployment;
  tmpl::Plan plan;
  tmpl::DeploymentScope scope;
};

std::int64_t DeploymentService::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch()).count();
}

void DeploymentService::recover_interrupted() const {
  db_.write([&](store::Connection& c) { fail_interrupted_deployments(c, ops_, now_ms()); });
}

DeploymentService::Prepared DeploymentService::prepare(const auth::Principal& caller, const ResourceId& id,
                                                       const DeploymentInput& in, const std::string& correlation_id,
                                                       const char* action) const {
  Subscription sub = subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, action, id.str());
  const bool at_sub = id.resource_group().empty();

  tmpl::DeploymentScope scope;
  scope.tenant_id = sub.tenant_id;
  scope.subscription_id = sub.id;
  scope.subscription = {{"id", "/subscriptions/" + sub.id},
                        {"subscriptionId", sub.id},
                        {"tenantId", sub.tenant_id},
                        {"displayName", sub.display_name}};
  scope.deployment_name = id.name();
  scope.now = clock_.now_unix();
  std::string location;
  if (at_sub) {
    if (in.location.empty()) throw errors::location_required();
    auto loc = find_location(in.location);
    if (!loc) throw errors::location_not_available_for_resource_type(in.location, kDeploymentType, location_names_joined());
    location = loc->name;
    scope.location = location;
    auto existing = db_.read([&](store::Connection& c) { return store_.get(c, id); });
    if (existing && existing->location != location)
      throw errors::invalid_deployment_location(location, id.name(), existing->location);
    if (in.mode == "Complete") throw errors::invalid_deployment_mode(in.mode);
  } else {
    auto group = db_.read([&](store::Connection& c) { return groups_.get(c, sub.id, id.resource_group()); });
    if (!group) throw errors::resource_group_not_found(id.resource_group());
    scope.resource_group = group->name;
    scope.resource_group_object = to_json(*group);
    scope.location = group->location;
  }
  if (in.template_json.is_null())
    throw errors::not_implemented("deployments from a templateLink (azemu is offline; send the template inline)");
  scope.deployment_properties = {{"template", {{"contentVersion", in.template_json.value("contentVersion", "1.0.0.0")}}},
                                 {"parameters", in.parameters},
                                 {"mode", in.mode}};
  if (in.template_json.contains("metadata"))
    scope.deployment_properties["template"]["metadata"] = in.template_json["metadata"];

  try {
    tmpl::Plan plan = tmpl::prepare(in.template_json, in.parameters, scope);
    Deployment d;
    d.id = id;
    d.location = location;
    d.tags = in.tags;
    d.mode = in.mode;
    d.template_json = in.template_json;
    d.template_link = in.template_link;
    d.parameters = plan.parameters();
    d.template_hash = template_hash(in.template_json);
    d.correlation_id = correlation_id;
    d.providers = providers_json(plan);
    d.dependencies = dependencies_json(plan);
    d.started_ms = d.changed_ms = now_ms();
    return Prepared{std::move(d), std::move(plan), std::move(scope)};
  } catch (const tmpl::TemplateError& e) {
    throw errors::invalid_template(e.code(), e.what(), e.target());
  }
}

DeploymentService::Started DeploymentService::accept(const auth::Principal& caller, const ResourceId& id,
                                                     const DeploymentInput& in, const std::string& correlation_id,
                                                     DeploymentRunner::Job& job) const {
  Prepared p = prepare(caller, id, in, correlation_id, actions::kDeploymentsWrite);
  const std::string op_location = p.scope.location;
  Started s = db_.write([&](store::Connection& c) {
    auto existing = store_.get(c, id);
    if (existing && is_active(existing->state)) throw errors::deployment_active(id.name());
    Started st{p.deployment, {}, !existing};
    // Observed: ARM keeps the casing of the name the deployment was first created with.
    if (existing) st.deployment.id = existing->id;
    st.operation = ops_.start(c, {id.subscription_id(), "Microsoft.Resources", op_location, "deploymentCreate",
                                  st.deployment.id.str()});
    st.deployment.operation_id = st.operation.id;
    store_.clear_operations(c, id);
    store_.upsert(c, st.deployment);
    return st;
  });
  job.caller = caller;
  job.id = s.deployment.id;
  job.plan = p.plan;
  job.scope = p.scope;
  job.mode = in.mode;
  return s;
}

DeploymentService::Started DeploymentService::create_or_update(const auth::Principal& caller, const ResourceId& id,
                                                               const DeploymentInput& in,
                                                               const std::string& correlation_id) const {
  DeploymentRunner::Job job{caller, id, tmpl::Plan(nullptr), {}, in.mode};
  Started s = accept(caller, id, in, correlation_id, job);
  const DeploymentRunner* runner = &runner_;
  jobs_.post([runner, job = std::move(job)] { runner->run(job); });
  return s;
}

Deployment DeploymentService::deploy_now(const auth::Principal& caller, const ResourceId& id,
                                         const DeploymentInput& in, const std::string& correlation_id) const {
  DeploymentRunner::Job job{caller, id, tmpl::Plan(nullptr), {}, in.mode};
  Started s = accept(caller, id, in, correlation_id, job);
  runner_.run(job);
  return db_.read([&](store::Connection& c) { return require(c, s.deployment.id); });
}

nlohmann::json DeploymentService::validate(const auth::Principal& caller, const ResourceId& id,
                                           const DeploymentInput& in, const std::string& correlation_id) const {
  Prepared p = prepare(caller, id, in, correlation_id, actions::kDeploymentsValidate);
  p.deployment.state = DeploymentState::succeeded;
  nlohmann::json validated = nlohmann::json::array();
  for (const auto& r : p.plan.resources())
    if (r.condition) validated.push_back({{"id", target_id(r).str()}});
  return validate_json(p.deployment, validated);
}

Deployment DeploymentService::require(store::Connection& c, const ResourceId& id) const {
  auto d = store_.get(c, id);
  if (!d) throw errors::deployment_not_found(id.name());
  return *d;
}

namespace {
void require_group(store::Database& db, const ResourceGroupStore& groups, const ResourceId& id) {
  if (id.resource_group().empty()) return;
  bool ok = db.read([&](store::Connection& c) { return groups.get(c, id.subscription_id(), id.resource_group()).has_value(); });
  if (!ok) throw errors::resource_group_not_found(id.resource_group());
}
}  // namespace

Deployment DeploymentService::get(const auth::Principal& caller, const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsRead, id.str());
  require_group(db_, groups_, id);
  return db_.read([&](store::Connection& c) { return require(c, id); });
}

bool DeploymentService::exists(const auth::Principal& caller, const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsRead, id.str());
  require_group(db_, groups_, id);
  return db_.read([&](store::Connection& c) { return store_.get(c, id).has_value(); });
}

Paged<Deployment> DeploymentService::list(const auth::Principal& caller, const ResourceId& scope,
                                          const std::optional<DeploymentState>& state, const ListQuery& q) const {
  Subscription sub = subs_.require(caller, scope.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsRead, scope.str() + "/providers/" + kDeploymentType);
  require_group(db_, groups_, scope);
  auto all = db_.read([&](store::Connection& c) { return store_.list(c, sub.id, scope.resource_group()); });
  std::vector<Deployment> kept;
  for (auto& d : all)
    if (!state || d.state == *state) kept.push_back(std::move(d));
  return paginate(std::move(kept), q);
}

std::optional<AsyncOperation> DeploymentService::remove(const auth::Principal& caller, const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsDelete, id.str());
  require_group(db_, groups_, id);
  return db_.write([&](store::Connection& c) -> std::optional<AsyncOperation> {
    auto d = store_.get(c, id);
    if (!d) return std::nullopt;
    if (is_active(d->state)) throw errors::deployment_active(id.name());
    store_.remove(c, id);
    return ops_.record_succeeded(c, {id.subscription_id(), "Microsoft.Resources", "", "deploymentDelete", d->id.str()});
  });
}

void DeploymentService::cancel(const auth::Principal& caller, const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsCancel, id.str());
  require_group(db_, groups_, id);
  db_.write([&](store::Connection& c) {
    Deployment d = require(c, id);
    if (!is_active(d.state)) throw errors::deployment_cannot_be_canceled(d.name(), to_string(d.state));
    d.state = DeploymentState::canceled;
    d.changed_ms = d.ended_ms.emplace(now_ms());
    store_.upsert(c, d);
    ops_.cancel(c, d.operation_id);
  });
}

nlohmann::json DeploymentService::export_template(const auth::Principal& caller, const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentsExport, id.str());
  require_group(db_, groups_, id);
  Deployment d = db_.read([&](store::Connection& c) { return require(c, id); });
  return {{"template", d.template_json}};
}

std::vector<DeploymentOperation> DeploymentService::operations(const auth::Principal& caller,
                                                               const ResourceId& id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentOperationsRead, id.str());
  require_group(db_, groups_, id);
  return db_.read([&](store::Connection& c) {
    require(c, id);
    return store_.operations(c, id);
  });
}

DeploymentOperation DeploymentService::operation(const auth::Principal& caller, const ResourceId& id,
                                                 const std::string& operation_id) const {
  subs_.require(caller, id.subscription_id());
  authz_.authorize(caller, actions::kDeploymentOperationsRead, id.str());
  require_group(db_, groups_, id);
  return db_.read([&](store::Connection& c) {
    require(c, id);
    auto op = store_.operation(c, id, operation_id);
    if (!op) throw errors::deployment_operation_not_found(operation_id, id.name());
    return *op;
  });
}

}  // namespace azemu::arm
