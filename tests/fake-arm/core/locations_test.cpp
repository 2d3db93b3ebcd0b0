#include "fake-arm/core/locations.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm;

TEST_SUITE("locations") {
  TEST_CASE("typed locations normalise to the canonical name") {
    CHECK(canonical_location("West US") == "westus");
    CHECK(find_location("WestUS")->name == "westus");
    CHECK(find_location("west us")->name == "westus");
    CHECK(find_location("Japan East")->display_name == "Japan East");
    CHECK_FALSE(find_location("moon"));
  }

  TEST_CASE("the catalog holds the regions clients use") {
    for (const char* n : {"westus", "eastus", "westeurope", "japaneast", "northeurope", "westus2"}) CHECK(find_location(n));
    CHECK(location_names_joined().find("westus") != std::string::npos);
  }
}
