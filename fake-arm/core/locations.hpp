// Azure regions: the catalog (data in resources/locations_catalog.cpp) and the one function that
// turns what a user typed ("West US", "WestUS", "westus") into ARM's canonical name ("westus").
// Lookups never throw; callers decide which error an unknown location is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm {

struct LocationInfo {
  std::string name;                    // "westus"
  std::string display_name;            // "West US"
  std::string regional_display_name;   // "(US) West US"
  std::string geography_group;         // "US"
  std::string physical_location;       // "California"
  std::string latitude, longitude;     // strings, as ARM prints them
  std::string paired_region;           // "eastus" ("" when none)
};

/// Every region azemu offers, in ARM's order.
const std::vector<LocationInfo>& location_catalog();

/// Lower case with spaces removed: "West US" → "westus". Does not check the catalog.
std::string canonical_location(std::string_view typed);

/// The catalog entry for a typed location (name or display name, any case/spacing).
std::optional<LocationInfo> find_location(std::string_view typed);

/// "eastus,westus,..." (canonical names, comma-separated), for error messages.
std::string location_names_joined();

}  // namespace azemu::arm
