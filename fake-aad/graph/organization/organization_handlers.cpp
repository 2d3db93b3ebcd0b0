// /organization handler; see organization_handlers.hpp.
#include "fake-aad/graph/organization/organization_handlers.hpp"

#include "fake-aad/graph/odata/odata_query.hpp"
#include "fake-aad/graph/organization/organization_model.hpp"

namespace azemu::aad {

http::Reply OrganizationHandlers::list(http::Request& req) {
  static const odata::Resource kOrganization{"Organization", "organization", {"id", "displayName"}};
  auto query = odata::parse_query(req, kOrganization);
  std::vector<nlohmann::json> all;
  if (auto t = directory_.find_tenant(req.principal->tenant_id)) all.push_back(organization_to_json(*t));
  return odata::list_reply(req, kOrganization, query, all);
}

}  // namespace azemu::aad
