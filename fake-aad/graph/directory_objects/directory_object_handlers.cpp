// getByIds handler; see directory_object_handlers.hpp.
#include "fake-aad/graph/directory_objects/directory_object_handlers.hpp"

#include "fake-aad/graph/odata/odata_query.hpp"

namespace azemu::aad {

DirectoryObjectHandlers::DirectoryObjectHandlers(const AadDeps& deps)
    : directory_(deps.db), authz_(directory_), users_(deps.db), sps_(deps.db), app_store_(deps.db),
      apps_(app_store_, directory_, authz_, deps.clock), service_(users_, sps_, apps_, authz_) {}

http::Reply DirectoryObjectHandlers::get_by_ids(http::Request& req) {
  auto found = service_.get_by_ids(*req.principal, get_by_ids_from_json(req.json_body()));
  nlohmann::json values = nlohmann::json::array();
  for (const auto& o : found) values.push_back(directory_object_to_json(o));
  return http::Reply::ok({{"@odata.context", odata::context_url(req, "directoryObjects")}, {"value", values}});
}

}  // namespace azemu::aad
