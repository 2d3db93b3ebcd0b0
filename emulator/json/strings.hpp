// Small string helpers every service needs (case folding, base64url, percent-decoding).
// Kept here so no service grows its own copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace azemu::text {

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);
std::vector<std::string> split(std::string_view s, char sep);

std::string base64url_encode(std::string_view bytes);
/// Accepts standard or URL-safe alphabets, with or without padding; throws std::invalid_argument.
std::string base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

/// Decodes %XX escapes; `plus_is_space` for form bodies.
std::string percent_decode(std::string_view s, bool plus_is_space = false);
std::string percent_encode(std::string_view s);

}  // namespace azemu::text
