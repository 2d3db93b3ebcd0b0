// Compute catalog handlers; see catalog_handlers.hpp. Image lists are bare JSON arrays (Spec:
// VirtualMachineImages_List* return arrays, not {"value": [...]}); sizes and skus are {"value": [...]}.
#include "fake-arm/providers/compute/catalog/catalog_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/catalog/catalog_json.hpp"
#include "fake-arm/providers/compute/catalog/resource_skus.hpp"

#include <regex>

namespace azemu::arm::compute {

namespace {
CatalogScope scope_of(const http::Request& req) {
  return {req.param("subscriptionId"), req.param("location"), api_version(req)};
}
}  // namespace

std::optional<std::string> parse_sku_location_filter(const std::optional<std::string>& filter) {
  if (!filter || filter->find_first_not_of(' ') == std::string::npos) return std::nullopt;
  static const std::regex location_eq(R"(^\s*location\s+eq\s+'([^']*)'\s*$)", std::regex::icase);
  std::smatch m;
  if (!std::regex_match(*filter, m, location_eq)) throw errors::invalid_filter(*filter);
  return m[1].str();
}

VersionQuery parse_version_query(const std::optional<std::string>& top, const std::optional<std::string>& orderby) {
  VersionQuery q;
  if (top) {
    std::size_t used = 0;
    long long n = -1;
    try {
      n = std::stoll(*top, &used);
    } catch (const std::exception&) {
    }
    if (n < 1 || used != top->size()) throw errors::invalid_query_value("$top", *top);
    q.top = static_cast<std::size_t>(n);
  }
  if (orderby) {
    static const std::regex by_name(R"(^\s*name(\s+(asc|desc))?\s*$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(*orderby, m, by_name)) throw errors::invalid_query_value("$orderby", *orderby);
    q.descending = text::iequals(m[2].str(), "desc");
  }
  return q;
}

http::Reply CatalogHandlers::list_publishers(http::Request& req) {
  const CatalogScope at = scope_of(req);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : svc_.publishers(caller(req), at)) out.push_back(publisher_json(at.subscription_id, at.location, p));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::list_offers(http::Request& req) {
  const CatalogScope at = scope_of(req);
  const NameList offers = svc_.offers(caller(req), at, req.param("publisherName"));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : offers.names) out.push_back(offer_json(at.subscription_id, at.location, offers.publisher, o));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::list_skus(http::Request& req) {
  const CatalogScope at = scope_of(req);
  const NameList skus = svc_.skus(caller(req), at, req.param("publisherName"), req.param("offer"));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& k : skus.names) out.push_back(sku_json(at.subscription_id, at.location, skus.publisher, skus.offer, k));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::list(http::Request& req) {
  const CatalogScope at = scope_of(req);
  // $filter has no documented grammar for this operation and clients send none: it is accepted and
  // ignored (Decision). $expand=properties is VirtualMachineImages_ListWithProperties.
  const VersionQuery q = parse_version_query(req.query_param("$top"), req.query_param("$orderby"));
  const bool with_properties = text::iequals(req.query_param("$expand").value_or(""), "properties");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : svc_.versions(caller(req), at, req.param("publisherName"), req.param("offer"), req.param("skus"), q))
    out.push_back(version_json(at.subscription_id, at.location, v, with_properties));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::get(http::Request& req) {
  const CatalogScope at = scope_of(req);
  const ImageVersion image = svc_.version(caller(req), at, req.param("publisherName"), req.param("offer"),
                                          req.param("skus"), req.param("version"));
  return http::Reply::ok(version_json(at.subscription_id, at.location, image, true));
}

http::Reply CatalogHandlers::list_extension_types(http::Request& req) {
  const CatalogScope at = scope_of(req);
  nlohmann::json out = nlohmann::json::array();
  for (const auto* t : svc_.extension_types(caller(req), at, req.param("publisherName")))
    out.push_back(extension_image_json(at.subscription_id, at.location, *t, ""));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::list_extension_versions(http::Request& req) {
  const CatalogScope at = scope_of(req);
  // $filter: accepted and ignored, as for VirtualMachineImages_List (az sends none).
  const VersionQuery q = parse_version_query(req.query_param("$top"), req.query_param("$orderby"));
  const ExtensionImageType t = svc_.extension_versions(caller(req), at, req.param("publisherName"), req.param("type"), q);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : t.versions) out.push_back(extension_image_json(at.subscription_id, at.location, t, v));
  return http::Reply::ok(out);
}

http::Reply CatalogHandlers::get_extension_version(http::Request& req) {
  const CatalogScope at = scope_of(req);
  const ExtensionImageType t =
      svc_.extension_version(caller(req), at, req.param("publisherName"), req.param("type"), req.param("version"));
  return http::Reply::ok(extension_image_json(at.subscription_id, at.location, t, t.versions.front()));
}

http::Reply CatalogHandlers::list_sizes(http::Request& req) {
  svc_.check_sizes(caller(req), scope_of(req));
  return http::Reply::ok(vm_sizes_json());
}

http::Reply CatalogHandlers::list_resource_skus(http::Request& req) {
  const auto location = parse_sku_location_filter(req.query_param("$filter"));
  const auto locations = svc_.sku_locations(caller(req), req.param("subscriptionId"), location);
  return http::Reply::ok({{"value", resource_skus_json(locations)}});
}

}  // namespace azemu::arm::compute
