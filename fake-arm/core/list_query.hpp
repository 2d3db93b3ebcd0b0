// List queries shared by every ARM list route: the $filter subset ARM accepts on resource and
// resource-group lists, $top, and $skiptoken paging with an absolute nextLink. Parsing is strict:
// an unsupported filter is a 400, never silently ignored (a client would see wrong results).
#pragma once

#include "emulator/http/request.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

/// The clauses of a $filter, joined by "and". Spec: resources.json Resources_List ($filter).
struct ResourceFilter {
  std::optional<std::string> resource_type;   // resourceType eq 'Microsoft.KeyVault/vaults'
  std::optional<std::string> name;            // name eq 'kv1'
  std::optional<std::string> name_contains;   // substringof('kv', name)
  std::optional<std::string> location;        // location eq 'westus'
  std::optional<std::string> resource_group;  // resourceGroup eq 'rg1'
  std::optional<std::string> tag_name;        // tagName eq 'env'
  std::optional<std::string> tag_value;       // tagValue eq 'prod' (only with tagName)
};

/// Parses a $filter; throws InvalidFilterInQueryString for anything outside the subset above.
ResourceFilter parse_filter(const std::string& filter);

struct ListQuery {
  ResourceFilter filter;
  std::string raw_filter;  // as sent, for error messages
  std::size_t top = 0;   // page size; 0 = kDefaultPageSize
  std::size_t skip = 0;  // from $skiptoken
};

inline constexpr std::size_t kDefaultPageSize = 1000;

/// Reads $filter, $top and $skiptoken; throws InvalidQueryParameterValue / InvalidFilterInQueryString.
ListQuery list_query(const http::Request& req);

/// One page of a list: the items and, when more follow, the offset of the next page.
template <class T>
struct Paged {
  std::vector<T> items;
  std::optional<std::size_t> next_skip;
};

template <class T>
Paged<T> paginate(std::vector<T> all, const ListQuery& q) {
  const std::size_t size = q.top ? q.top : kDefaultPageSize;
  Paged<T> page;
  for (std::size_t i = q.skip; i < all.size() && page.items.size() < size; ++i) page.items.push_back(std::move(all[i]));
  if (q.skip + page.items.size() < all.size()) page.next_skip = q.skip + page.items.size();
  return page;
}

/// {"value": items[, "nextLink": absolute URL of the same request with $skiptoken]}.
nlohmann::json page_json(nlohmann::json items, std::optional<std::size_t> next_skip, const http::Request& req);

}  // namespace azemu::arm
