// Offset paging; see paging.hpp.
#include "fake-keyvault/common/paging.hpp"

#include "fake-keyvault/errors.hpp"

#include <algorithm>

namespace azemu::kv {

nlohmann::json page(const std::vector<nlohmann::json>& items, const http::Request& req, const VaultContext& ctx,
                    const std::string& path) {
  std::size_t max = 25, skip = 0;
  try {
    if (auto m = req.query_param("maxresults"); m && !m->empty()) max = std::stoul(*m);
    if (auto s = req.query_param("$skiptoken"); s && !s->empty()) skip = std::stoul(*s);
  } catch (const std::exception&) {
    throw errors::bad_parameter("Invalid maxresults or $skiptoken.");
  }
  // Spec: keys.json GetKeys maxresults minimum 1, maximum 25.
  if (max < 1 || max > 25) throw errors::bad_parameter("maxresults must be between 1 and 25.");
  nlohmann::json value = nlohmann::json::array();
  for (std::size_t i = skip; i < items.size() && i < skip + max; ++i) value.push_back(items[i]);
  nlohmann::json next = nullptr;
  if (skip + max < items.size())
    next = ctx.base + path + "?api-version=" + ctx.api_version + "&$skiptoken=" + std::to_string(skip + max) +
           "&maxresults=" + std::to_string(max);
  return {{"value", value}, {"nextLink", next}};
}

}  // namespace azemu::kv
