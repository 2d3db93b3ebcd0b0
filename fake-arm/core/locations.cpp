// Location normalisation and catalog lookups; see locations.hpp (catalog data lives in
// resources/locations_catalog.cpp).
#include "fake-arm/core/locations.hpp"

#include <cctype>

namespace azemu::arm {

std::string canonical_location(std::string_view typed) {
  std::string out;
  for (unsigned char c : typed)
    if (!std::isspace(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

std::optional<LocationInfo> find_location(std::string_view typed) {
  const std::string key = canonical_location(typed);
  for (const auto& l : location_catalog())
    if (l.name == key || canonical_location(l.display_name) == key) return l;
  return std::nullopt;
}

std::string location_names_joined() {
  std::string out;
  for (const auto& l : location_catalog()) out += (out.empty() ? "" : ",") + l.name;
  return out;
}

}  // namespace azemu::arm
