// Tag validation and matching; see tags.hpp.
#include "fake-arm/core/tags.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxNameLength = 512;
constexpr std::size_t kMaxValueLength = 256;

bool reserved_character(unsigned char c) {
  return c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '%' || c == '&' || c == '\\' || c == '?' || c == '/';
}
}  // namespace

nlohmann::json validated_tags(const nlohmann::json& tags) {
  if (tags.is_null()) return nlohmann::json::object();
  if (!tags.is_object()) throw errors::invalid_request_content("tags must be an object of strings");
  if (tags.size() > kMaxTags) throw errors::invalid_tag_count(tags.size());
  for (const auto& [name, value] : tags.items()) {
    if (name.empty() || name.size() > kMaxNameLength) throw errors::invalid_tag_name_length(name);
    for (unsigned char c : name)
      if (reserved_character(c)) throw errors::invalid_tag_name_characters(name);
    if (!value.is_string()) throw errors::invalid_tag_value(name);
    if (value.get_ref<const std::string&>().size() > kMaxValueLength) throw errors::invalid_tag_value_length(name);
  }
  return tags;
}

bool tags_match(const nlohmann::json& tags, const std::string& name, const std::optional<std::string>& value) {
  if (!tags.is_object()) return false;
  for (const auto& [k, v] : tags.items())
    if (text::iequals(k, name)) return !value || (v.is_string() && v.get<std::string>() == *value);
  return false;
}

}  // namespace azemu::arm
