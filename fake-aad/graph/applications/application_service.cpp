// Graph application semantics; see application_service.hpp.
#include "fake-aad/graph/applications/application_service.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::aad {

namespace {
void apply(Application& a, const ApplicationInput& in) {
  if (in.display_name) a.display_name = *in.display_name;
  if (in.identifier_uris) a.identifier_uris = *in.identifier_uris;
  if (in.sign_in_audience) a.sign_in_audience = *in.sign_in_audience;
  for (auto it = in.graph_properties.begin(); it != in.graph_properties.end(); ++it) a.graph_properties[it.key()] = *it;
}
}  // namespace

Application ApplicationService::require(const auth::Principal& caller, const std::string& object_id) const {
  auto a = apps_.find(caller.tenant_id, object_id);
  if (!a) throw errors::graph_resource_not_found(object_id);
  return *a;
}

ApplicationView ApplicationService::view(Application a) const {
  auto tenant = directory_.find_tenant(a.tenant_id);
  auto passwords = apps_.passwords(a.object_id);
  return ApplicationView{std::move(a), std::move(passwords), tenant ? tenant->default_domain : ""};
}

ApplicationView ApplicationService::create(const auth::Principal& caller, const ApplicationInput& in) {
  authz_.authorize(caller, GraphAction::register_application);
  if (!in.display_name || in.display_name->empty()) throw errors::graph_required_property("displayName");
  Application a;
  a.object_id = ids::new_guid();
  a.app_id = ids::new_guid();
  a.tenant_id = text::to_lower(caller.tenant_id);
  a.created = clock_.now_unix();
  apply(a, in);
  if (apps_.insert(a) == AppWrite::identifier_uri_taken) throw errors::graph_object_conflict("identifierUris");
  return view(std::move(a));
}

ApplicationView ApplicationService::get(const auth::Principal& caller, const std::string& object_id) const {
  authz_.authorize(caller, GraphAction::read);
  return view(require(caller, object_id));
}

std::optional<ApplicationView> ApplicationService::find(const auth::Principal& caller,
                                                       const std::string& object_id) const {
  authz_.authorize(caller, GraphAction::read);
  auto a = apps_.find(caller.tenant_id, object_id);
  if (!a) return std::nullopt;
  return view(std::move(*a));
}

std::vector<ApplicationView> ApplicationService::list(const auth::Principal& caller) const {
  authz_.authorize(caller, GraphAction::read);
  std::vector<ApplicationView> out;
  for (auto& a : apps_.list(caller.tenant_id)) out.push_back(view(std::move(a)));
  return out;
}

void ApplicationService::update(const auth::Principal& caller, const std::string& object_id, const ApplicationInput& in) {
  authz_.authorize(caller, GraphAction::register_application);
  Application a = require(caller, object_id);
  if (in.display_name && in.display_name->empty()) throw errors::graph_required_property("displayName");
  apply(a, in);
  switch (apps_.update(a)) {
    case AppWrite::done: return;
    case AppWrite::identifier_uri_taken: throw errors::graph_object_conflict("identifierUris");
    case AppWrite::not_found: throw errors::graph_resource_not_found(object_id);
  }
}

void ApplicationService::remove(const auth::Principal& caller, const std::string& object_id) {
  authz_.authorize(caller, GraphAction::register_application);
  if (!apps_.remove(caller.tenant_id, object_id)) throw errors::graph_resource_not_found(object_id);
}

NewPassword ApplicationService::add_password(const auth::Principal& caller, const std::string& object_id,
                                             const PasswordInput& in) {
  authz_.authorize(caller, GraphAction::register_application);
  Application a = require(caller, object_id);
  const std::int64_t now = clock_.now_unix();
  NewPassword out;
  out.secret_text = ids::entra_client_secret();
  PasswordCredential& c = out.credential;
  c.key_id = ids::new_guid();
  c.app_object_id = a.object_id;
  c.display_name = in.display_name;
  c.hint = out.secret_text.substr(0, 3);
  c.secret = hash_password(out.secret_text, kClientSecretIterations);
  c.start_time = in.start_time.value_or(now);
  c.end_time = in.end_time.value_or(c.start_time + kDefaultPasswordLifetime);
  c.created = now;
  if (c.end_time <= c.start_time) throw errors::graph_invalid_property("endDateTime", "PasswordCredential");
  apps_.add_password(c);
  return out;
}

void ApplicationService::remove_password(const auth::Principal& caller, const std::string& object_id,
                                         const std::string& key_id) {
  authz_.authorize(caller, GraphAction::register_application);
  Application a = require(caller, object_id);
  if (!apps_.remove_password(a.object_id, key_id)) throw errors::graph_password_not_found(key_id);
}

}  // namespace azemu::aad
