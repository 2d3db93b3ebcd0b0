// The $filter subset Microsoft.Authorization lists accept: atScope(), assignedTo('id'),
// principalId eq 'id' (role assignments) and roleName eq 'X', type eq 'BuiltInRole|CustomRole'
// (role definitions), joined by "and". Spec: learn.microsoft.com "List Azure role assignments using
// the REST API" and RoleDefinitions_List. Anything else is InvalidFilterInQueryString, never ignored.
#pragma once

#include <optional>
#include <string>

namespace azemu::arm {

struct RbacFilter {
  bool at_scope = false;                      // atScope(): at or above the scope only
  std::optional<std::string> principal_id;    // principalId eq '…' (lower-cased)
  std::optional<std::string> assigned_to;     // assignedTo('…') (lower-cased; no groups, so = principalId)
  std::optional<std::string> role_name;       // roleName eq '…'
  std::optional<std::string> role_type;       // type eq 'BuiltInRole' | 'CustomRole'
};

/// Parses `filter`; throws InvalidFilterInQueryString for anything outside the subset.
RbacFilter parse_rbac_filter(const std::string& filter);

}  // namespace azemu::arm
