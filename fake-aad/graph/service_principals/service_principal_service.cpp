// Graph service principal semantics; see service_principal_service.hpp.
#include "fake-aad/graph/service_principals/service_principal_service.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::aad {

ServicePrincipalView ServicePrincipalService::create(const auth::Principal& caller, const ServicePrincipalInput& in) {
  authz_.authorize(caller, GraphAction::register_application);
  ServicePrincipal sp;
  sp.object_id = ids::new_guid();
  sp.tenant_id = text::to_lower(caller.tenant_id);
  sp.app_id = text::to_lower(in.app_id);
  sp.account_enabled = in.account_enabled.value_or(true);
  sp.graph_properties = in.graph_properties;
  sp.created = clock_.now_unix();
  switch (sps_.insert(sp)) {
    case SpInsert::inserted: break;
    case SpInsert::no_application: throw errors::graph_sp_without_application(in.app_id);
    case SpInsert::already_exists: throw errors::graph_sp_already_exists(in.app_id);
  }
  return get(caller, sp.object_id);
}

ServicePrincipalView ServicePrincipalService::get(const auth::Principal& caller, const std::string& object_id) const {
  authz_.authorize(caller, GraphAction::read);
  auto v = sps_.find(caller.tenant_id, object_id);
  if (!v) throw errors::graph_resource_not_found(object_id);
  return *v;
}

std::vector<ServicePrincipalView> ServicePrincipalService::list(const auth::Principal& caller) const {
  authz_.authorize(caller, GraphAction::read);
  return sps_.list(caller.tenant_id);
}

void ServicePrincipalService::remove(const auth::Principal& caller, const std::string& object_id) {
  authz_.authorize(caller, GraphAction::register_application);
  if (!sps_.remove(caller.tenant_id, object_id)) throw errors::graph_resource_not_found(object_id);
}

}  // namespace azemu::aad
