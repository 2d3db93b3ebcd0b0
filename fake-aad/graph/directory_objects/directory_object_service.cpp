// getByIds resolution; see directory_object_service.hpp.
#include "fake-aad/graph/directory_objects/directory_object_service.hpp"

#include "emulator/ids/guid.hpp"

namespace azemu::aad {

std::vector<DirectoryObject> DirectoryObjectService::get_by_ids(const auth::Principal& caller,
                                                               const GetByIdsRequest& req) const {
  authz_.authorize(caller, GraphAction::read);
  auto wants = [&](DirectoryObjectType t) { return req.types.empty() || req.types.count(t) > 0; };
  std::vector<DirectoryObject> out;
  for (const auto& id : req.ids) {
    if (!ids::is_guid(id)) continue;  // a UPN is not an object id here
    DirectoryObject o;
    if (wants(DirectoryObjectType::user)) o.user = users_.find(caller.tenant_id, id);
    if (!o.user && wants(DirectoryObjectType::service_principal)) o.service_principal = sps_.find(caller.tenant_id, id);
    if (!o.user && !o.service_principal && wants(DirectoryObjectType::application)) o.application = apps_.find(caller, id);
    if (o.user || o.service_principal || o.application) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace azemu::aad
