// Wire mapping for getByIds; see directory_object_model.hpp.
#include "fake-aad/graph/directory_objects/directory_object_model.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/graph/users/user_model.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::aad {

namespace {
const std::string kResource = "DirectoryObject";
// Valid directoryObject types that azemu never stores (they simply match nothing).
const std::set<std::string> kOtherTypes = {"group", "device", "directoryobjectpartnerreference", "orgcontact",
                                           "administrativeunit", "directoryrole"};
}  // namespace

GetByIdsRequest get_by_ids_from_json(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::graph_bad_request("The request body must be a JSON object.");
  GetByIdsRequest req;
  auto ids = body.find("ids");
  if (ids == body.end() || ids->is_null() || (ids->is_array() && ids->empty())) throw errors::graph_required_property("ids");
  if (!ids->is_array() || ids->size() > 1000) throw errors::graph_invalid_property("ids", kResource);
  for (const auto& id : *ids) {
    if (!id.is_string()) throw errors::graph_invalid_property("ids", kResource);
    req.ids.push_back(id.get<std::string>());
  }
  if (auto types = body.find("types"); types != body.end() && !types->is_null()) {
    if (!types->is_array()) throw errors::graph_invalid_property("types", kResource);
    for (const auto& t : *types) {
      if (!t.is_string()) throw errors::graph_invalid_property("types", kResource);
      std::string name = text::to_lower(t.get<std::string>());
      if (name.rfind("microsoft.graph.", 0) == 0) name = name.substr(16);
      if (name == "user") req.types.insert(DirectoryObjectType::user);
      else if (name == "serviceprincipal") req.types.insert(DirectoryObjectType::service_principal);
      else if (name == "application") req.types.insert(DirectoryObjectType::application);
      else if (!kOtherTypes.count(name)) throw errors::graph_invalid_property("types", kResource);
    }
    // Only types without objects here: nothing can match, but it is not "every type".
    if (req.types.empty()) req.types.insert(static_cast<DirectoryObjectType>(-1));
  }
  return req;
}

nlohmann::json directory_object_to_json(const DirectoryObject& o) {
  nlohmann::json j;
  if (o.user) {
    j = user_to_json(*o.user);
    j["@odata.type"] = "#microsoft.graph.user";
  } else if (o.service_principal) {
    j = service_principal_to_json(*o.service_principal);
    j["@odata.type"] = "#microsoft.graph.servicePrincipal";
  } else if (o.application) {
    j = application_to_json(o.application->app, o.application->passwords, o.application->publisher_domain);
    j["@odata.type"] = "#microsoft.graph.application";
  }
  return j;
}

}  // namespace azemu::aad
