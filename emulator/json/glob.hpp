// '*'-only wildcard matching, ignoring ASCII case: RBAC actions ("Microsoft.KeyVault/vaults/*/read")
// and fault-rule paths share it.
#pragma once

#include <string_view>

namespace azemu::text {

/// True when `pattern` matches all of `s`; '*' matches any run of characters (including '/').
/// Iterative with one backtrack point, so no pattern can blow up.
bool glob_match(std::string_view pattern, std::string_view s);

}  // namespace azemu::text
