// Deployment execution; see deployment_runner.hpp.
#include "fake-arm/deployments/deployment_runner.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/deployments/deployment_summary.hpp"
#include "fake-arm/errors.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace azemu::arm {

std::string new_deployment_operation_id() {
  std::string hex = ids::random_hex(8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex;
}

namespace {
/// ARM's statusCode names (HttpStatusCode enum names).
std::string status_name(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 405: return "MethodNotAllowed";
    case 409: return "Conflict";
    case 412: return "PreconditionFailed";
    case 413: return "RequestEntityTooLarge";
    case 429: return "TooManyRequests";
    case 501: return "NotImplemented";
    default: return "InternalServerError";
  }
}

/// One failure in Azure's error shape, for the operation's statusMessage and the deployment's details.
struct Failure {
  std::string status;  // statusCode name
  nlohmann::json error;  // {code, message[, target][, details]}
};

Failure failure_of(const AzureError& e, const std::string& target) {
  nlohmann::json err = {{"code", e.code()}, {"message", e.message()}};
  // ARM passes the provider's error body through as the operation's statusMessage, so the
  // provider's own target (CRP's "vmSize", "imageReference", ...) is kept; the resource id only
  // stands in when the provider named none.
  if (!e.target().empty()) err["target"] = e.target();
  else if (!target.empty()) err["target"] = target;
  if (!e.details().is_null() && !e.details().empty()) err["details"] = e.details();
  return {status_name(e.status_override() ? e.status_override() : http_status(e.kind())), std::move(err)};
}
Failure failure_of(const tmpl::TemplateError& e, const std::string& target) {
  nlohmann::json err = {{"code", e.code()}, {"message", e.what()}};
  if (!target.empty()) err["target"] = target;
  return {"BadRequest", std::move(err)};
}
Failure failure_of(const std::exception& e, const std::string& target) {
  nlohmann::json err = {{"code", "InternalServerError"}, {"message", std::string("Internal error: ") + e.what()}};
  if (!target.empty()) err["target"] = target;
  return {"InternalServerError", std::move(err)};
}
}  // namespace

struct DeploymentRunner::Progress {
  std::vector<bool> failed;                 // per plan resource: failed or not attempted
  nlohmann::json details = nlohmann::json::array();
  nlohmann::json output_resources = nlohmann::json::array();
  std::set<std::string> declared;           // keys of every id the template deployed (Complete mode)
  std::map<std::string, std::set<std::string>> locations;
  nlohmann::json outputs = nlohmann::json::object();
  bool stopped = false;                     // canceled while running
};

std::int64_t DeploymentRunner::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch()).count();
}

bool DeploymentRunner::canceled(const ResourceId& id) const {
  auto st = db_.read([&](store::Connection& c) { return store_.state(c, id); });
  return !st || !is_active(*st);
}

std::optional<nlohmann::json> DeploymentRunner::read_resource(const auth::Principal& caller, const ResourceId& id) const {
  const std::string type = id.is_resource_group() ? kResourceGroupType : id.full_type();
  if (const DeployableType* t = types_.find(type)) return t->get(caller, id);
  auto stored = db_.read([&](store::Connection& c) { return resources_.get(c, id); });
  if (!stored) return std::nullopt;
  authz_.authorize(caller, actions::resource_action(stored->type, "read"), id.str());
  return stored->body;
}

tmpl::Resolver DeploymentRunner::resolver_for(const auth::Principal& caller) const {
  tmpl::Resolver r;
  r.reference = [this, caller](const std::string& resource_id, const std::string&, bool full) -> nlohmann::json {
    auto id = ResourceId::parse(resource_id);
    if (!id) throw tmpl::TemplateError("InvalidTemplate", "The resource id '" + resource_id + "' is invalid.");
    std::optional<nlohmann::json> body;
    try {
      body = read_resource(caller, *id);
    } catch (const AzureError& e) {
      throw tmpl::TemplateError(e.code(), e.message(), resource_id);
    }
    if (!body) {
      const auto e = errors::resource_not_found(id->full_type() + "/" + id->full_name(), id->resource_group());
      throw tmpl::TemplateError(e.code(), e.message(), resource_id);
    }
    if (full) return *body;
    return body->contains("properties") ? (*body)["properties"] : nlohmann::json::object();
  };
  return r;
}

void DeploymentRunner::run(const Job& job) const {
  Progress p;
  p.failed.assign(job.plan.resources().size(), false);
  try {
    // Accepted → Running.
    bool started = db_.write([&](store::Connection& c) {
      auto d = store_.get(c, job.id);
      if (!d || d->state != DeploymentState::accepted) return false;
      d->state = DeploymentState::running;
      d->changed_ms = now_ms();
      return store_.update_if_active(c, *d);
    });
    if (!started) return;
    run_resources(job, p);
  } catch (const std::exception& e) {
    p.details.push_back(failure_of(e, job.id.str()).error);
  }
  if (!p.stopped) finish(job, p);
}

void DeploymentRunner::run_resources(const Job& job, Progress& p) const {
  const auto resolver = resolver_for(job.caller);
  const auto& all = job.plan.resources();
  for (const auto& wave : job.plan.waves()) {
    for (std::size_t i : wave) {
      if (canceled(job.id)) {
        p.stopped = true;
        return;
      }
      if (!all[i].condition) continue;
      // ARM does not start a resource whose dependency failed (its own failure is the dependency's).
      if (std::any_of(all[i].depends_on.begin(), all[i].depends_on.end(), [&](std::size_t d) { return p.failed[d]; })) {
        p.failed[i] = true;
        continue;
      }
      deploy_one(job, i, resolver, p);
    }
  }
  if (canceled(job.id)) {
    p.stopped = true;
    return;
  }
  if (p.details.empty()) evaluate_outputs(job, resolver, p);
  if (p.details.empty() && job.mode == "Complete") delete_undeclared(job, p);
}

void DeploymentRunner::deploy_one(const Job& job, std::size_t index, const tmpl::Resolver& resolver,
                                  Progress& p) const {
  const auto& r = job.plan.resources()[index];
  DeploymentOperation op;
  op.operation_id = new_deployment_operation_id();
  op.provisioning_operation = "Create";
  op.target_id = r.resource_id;
  op.target_type = r.type;
  op.target_name = r.name;
  op.started_ms = op.changed_ms = now_ms();
  db_.write([&](store::Connection& c) { store_.add_operation(c, job.id, op); });

  std::optional<Failure> failure;
  try {
    nlohmann::json body = tmpl::evaluate_resource(job.plan, index, resolver);
    const ResourceId id = target_id(r);
    op.target_id = id.str();
    const DeployableType* type = types_.find(r.type);
    if (!type) {
      // Unknown namespaces and types get ARM's own errors; known types azemu cannot deploy say so.
      std::string rest;
      for (const auto& s : id.segments()) rest += (rest.empty() ? "" : "/") + s.type + "/" + s.name;
      generic_.resolve(job.caller, id.subscription_id(), id.resource_group(), id.provider_namespace(), rest,
                       r.api_version, "write");
      throw errors::not_implemented("deploying resources of type '" + r.type + "' from a template");
    }
    bool existed = false;
    try {
      existed = type->get(job.caller, id).has_value();
    } catch (const AzureError&) {
      // A caller that may write but not read still deploys; the status code is then "Created".
    }
    // An injected failLro fault (core/operation_faults.hpp) fails the resource after its work, as
    // a failed provisioning in Azure leaves it: present, provisioningState Failed.
    std::optional<ports::LroFailure> injected;
    if (faults_) injected = faults_->for_deployment(r.type + "/write", job.caller);
    nlohmann::json result = type->put(job.caller, id, body, r.api_version);
    if (injected) {
      db_.write([&](store::Connection& c) { faults_->fail_resource(c, id); });
      throw AzureError(ErrorKind::Conflict, injected->code, injected->message);
    }
    op.state = "Succeeded";
    op.status_code = existed ? "OK" : "Created";
    op.status_message = result;
    p.declared.insert(id.key());
    if (text::iequals(r.type, kDeploymentType)) {
      // A nested deployment's resources count as this deployment's (outputResources, Complete mode).
      for (const auto& o : result["properties"].value("outputResources", nlohmann::json::array())) {
        p.output_resources.push_back(o);
        if (auto oid = ResourceId::parse(o.value("id", ""))) p.declared.insert(oid->key());
      }
    } else {
      p.output_resources.push_back({{"id", id.str()}});
    }
    if (body.contains("location") && body["location"].is_string())
      p.locations[text::to_lower(r.type)].insert(text::to_lower(body["location"].get<std::string>()));
  } catch (const AzureError& e) {
    failure = failure_of(e, op.target_id);
  } catch (const tmpl::TemplateError& e) {
    failure = failure_of(e, op.target_id);
  } catch (const std::exception& e) {
    failure = failure_of(e, op.target_id);
  }
  if (failure) {
    op.state = "Failed";
    op.status_code = failure->status;
    op.status_message = {{"status", "Failed"}, {"error", failure->error}};
    p.failed[index] = true;
    // The deployment's error details name the failing resource (target = its id) so a reader of
    // DeploymentFailed sees which resource broke; the provider's own target stays in statusMessage.
    nlohmann::json detail = failure->error;
    if (!op.target_id.empty()) detail["target"] = op.target_id;
    p.details.push_back(std::move(detail));
  }
  op.changed_ms = now_ms();
  db_.write([&](store::Connection& c) { store_.update_operation(c, job.id, op); });
}

void DeploymentRunner::evaluate_outputs(const Job& job, const tmpl::Resolver& resolver, Progress& p) const {
  const auto& declared = job.plan.template_json();
  if (!declared.contains("outputs") || declared["outputs"].empty()) return;
  DeploymentOperation op;
  op.operation_id = new_deployment_operation_id();
  op.provisioning_operation = "EvaluateDeploymentOutput";
  op.started_ms = now_ms();
  try {
    p.outputs = tmpl::evaluate_outputs(job.plan, resolver);
    op.state = "Succeeded";
    op.status_code = "OK";
    op.status_message = p.outputs;
  } catch (const tmpl::TemplateError& e) {
    auto f = failure_of(e, "");
    op.state = "Failed";
    op.status_code = f.status;
    op.status_message = {{"status", "Failed"}, {"error", f.error}};
    p.details.push_back(f.error);
  }
  op.changed_ms = now_ms();
  db_.write([&](store::Connection& c) { store_.add_operation(c, job.id, op); });
}

void DeploymentRunner::delete_undeclared(const Job& job, Progress& p) const {
  // Complete mode: top-level resources of the group the template did not deploy are deleted
  // (children go with their parent). Spec: learn.microsoft.com "Azure Resource Manager deployment modes".
  auto existing = db_.read([&](store::Connection& c) {
    return resources_.list_by_group(c, job.id.subscription_id(), job.id.resource_group());
  });
  for (const auto& r : existing) {
    if (r.id.segments().size() != 1 || p.declared.count(r.id.key())) continue;
    DeploymentOperation op;
    op.operation_id = new_deployment_operation_id();
    op.provisioning_operation = "Delete";
    op.target_id = r.id.str();
    op.target_type = r.type;
    op.target_name = r.id.full_name();
    op.started_ms = now_ms();
    try {
      if (const DeployableType* t = types_.find(r.type)) {
        t->remove(job.caller, r.id);
      } else {
        authz_.authorize(job.caller, actions::resource_action(r.type, "delete"), r.id.str());
        db_.write([&](store::Connection& c) { resources_.remove(c, r.id); });
      }
      op.state = "Succeeded";
      op.status_code = "OK";
    } catch (const AzureError& e) {
      auto f = failure_of(e, r.id.str());
      op.state = "Failed";
      op.status_code = f.status;
      op.status_message = {{"status", "Failed"}, {"error", f.error}};
      p.details.push_back(f.error);
    }
    op.changed_ms = now_ms();
    db_.write([&](store::Connection& c) { store_.add_operation(c, job.id, op); });
  }
}

void DeploymentRunner::finish(const Job& job, Progress& p) const {
  db_.write([&](store::Connection& c) {
    auto d = store_.get(c, job.id);
    if (!d || !is_active(d->state)) return;  // canceled (or deleted) meanwhile: cancel() already finished it
    const auto now = now_ms();
    d->changed_ms = now;
    d->ended_ms = now;
    d->output_resources = p.output_resources;
    d->providers = providers_json(job.plan, p.locations);
    if (p.details.empty()) {
      d->state = DeploymentState::succeeded;
      d->outputs = p.outputs;
      store_.upsert(c, *d);
      ops_.succeed(c, d->operation_id);
      return;
    }
    const AzureError e = errors::deployment_failed(p.details);
    d->state = DeploymentState::failed;
    d->error = {{"code", e.code()}, {"target", job.id.str()}, {"message", e.message()}, {"details", p.details}};
    store_.upsert(c, *d);
    ops_.fail(c, d->operation_id, e.code(), e.message(), p.details);
  });
}

}  // namespace azemu::arm
