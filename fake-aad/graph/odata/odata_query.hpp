// The OData system query options Graph list and get operations honour: $filter (odata_filter),
// $select, $top and $skiptoken paging with @odata.nextLink, plus the @odata.context envelope.
// Lists are filtered in memory over wire JSON: directories here are small. Not supported and
// ignored (as Graph ignores them without ConsistencyLevel: eventual): $orderby, $count, $search.
#pragma once

#include "fake-aad/graph/odata/odata_filter.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace azemu::aad::odata {

/// Graph's default and maximum page sizes for directory objects.
inline constexpr std::size_t kDefaultPageSize = 100;
inline constexpr std::size_t kMaxPageSize = 999;

struct Query {
  std::optional<Filter> filter;
  std::vector<std::string> select;  // empty: every default property
  std::size_t top = kDefaultPageSize;
  std::size_t skip = 0;             // from $skiptoken
};

/// What a resource allows: its name in error messages and the properties $filter may name.
struct Resource {
  std::string type_name;               // "User", "Application", "ServicePrincipal"
  std::string entity_set;              // "users" (for @odata.context)
  std::set<std::string> filterable;
};

/// Reads $filter/$select/$top/$skiptoken (with or without '$', any case). Throws the filter errors,
/// and errors::graph_bad_request for a bad $top or $skiptoken.
Query parse_query(const http::Request& req, const Resource& resource);

/// Only $select applies to single-entity reads.
std::vector<std::string> parse_select(const http::Request& req);

/// Keeps only the `select`ed properties (names compared ignoring case; "@odata.*" always kept).
nlohmann::json project(const nlohmann::json& entity, const std::vector<std::string>& select);

/// 200 {"@odata.context", "value": page, "@odata.nextLink"?}: `all` filtered, paged and projected.
http::Reply list_reply(const http::Request& req, const Resource& resource, const Query& q,
                       const std::vector<nlohmann::json>& all);

/// "https://<host>/v1.0/$metadata#<fragment>".
std::string context_url(const http::Request& req, const std::string& fragment);

/// A single entity with "@odata.context" = <entity_set>/$entity (or a custom fragment).
http::Reply entity_reply(const http::Request& req, int status, const std::string& fragment, nlohmann::json entity);

}  // namespace azemu::aad::odata
