// UTF-8 validation for client input (paths, bodies) before it is parsed or echoed.
#pragma once

#include <string_view>

namespace azemu::text {

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no truncation.
bool is_valid_utf8(std::string_view s);

}  // namespace azemu::text
