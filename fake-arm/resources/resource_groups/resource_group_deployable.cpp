// Resource groups in templates; see resource_group_deployable.hpp.
#include "fake-arm/resources/resource_groups/resource_group_deployable.hpp"

namespace azemu::arm {

nlohmann::json ResourceGroupDeployable::put(const auth::Principal& caller, const ResourceId& id,
                                            const nlohmann::json& body, const std::string&) const {
  auto r = svc_.create_or_update(caller, id.subscription_id(), id.name(), resource_group_put_from_json(body));
  return to_json(r.group);
}

std::optional<nlohmann::json> ResourceGroupDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  if (!svc_.exists(caller, id.subscription_id(), id.name())) return std::nullopt;
  return to_json(svc_.get(caller, id.subscription_id(), id.name()));
}

bool ResourceGroupDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  if (!svc_.exists(caller, id.subscription_id(), id.name())) return false;
  svc_.remove(caller, id.subscription_id(), id.name());
  return true;
}

}  // namespace azemu::arm
