// ARM tags: validation with ARM's limits and the tag part of $filter matching. Tags are kept as a
// JSON object of strings (the wire shape), so stores persist them verbatim.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace azemu::arm {

/// Validates a request's "tags" value and returns it as an object (null/absent → {}).
/// Throws InvalidTagCount, InvalidTagNameLength, InvalidTagValueLength, InvalidTagNameCharacters,
/// InvalidTagValue (non-string value), InvalidRequestContent (not an object).
nlohmann::json validated_tags(const nlohmann::json& tags);

/// $filter "tagName eq 'n' [and tagValue eq 'v']": names compare ignoring case (as ARM does),
/// values exactly.
bool tags_match(const nlohmann::json& tags, const std::string& name, const std::optional<std::string>& value);

}  // namespace azemu::arm
