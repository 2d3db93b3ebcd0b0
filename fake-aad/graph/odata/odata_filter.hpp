// The subset of OData $filter that Graph clients send for directory objects: `p eq 'v'`,
// `startswith(p,'v')`, `p/any(x:x eq 'v')` (also with startswith inside), combined with `and`,
// `or`, `not` and parentheses. Parsed once into a tree, evaluated against an entity's wire JSON.
// Deliberately not supported (Graph's "advanced queries" needing ConsistencyLevel): ne, in,
// endswith, lt/gt, $count; those give Request_UnsupportedQuery.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::aad::odata {

struct Filter {
  enum class Op { eq, startswith, any, and_, or_, not_ };
  Op op = Op::eq;
  std::string property;      // eq/startswith/any: the wire property name (or the lambda variable)
  nlohmann::json literal;    // eq/startswith: string, bool, null or number
  std::string lambda_var;    // any: the range variable ("c" in any(c:c eq 'x'))
  std::vector<Filter> children;  // and/or: two; not/any: one
};

/// Parses `text`. Throws errors::graph_invalid_filter (400 BadRequest "Invalid filter clause") on
/// syntax errors and errors::graph_unsupported_query for operators azemu does not emulate.
Filter parse_filter(std::string_view text);

/// Throws errors::graph_unsupported_filter unless every property named in `f` is in `allowed`
/// (Graph only filters on indexed properties; `resource` names the type in the message).
void check_filterable(const Filter& f, const std::set<std::string>& allowed, const std::string& resource);

/// True when `entity` (wire JSON) matches. String comparisons ignore case, as Graph's do for
/// directory properties.
bool matches(const Filter& f, const nlohmann::json& entity);

}  // namespace azemu::aad::odata
