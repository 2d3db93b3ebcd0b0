// The region catalog (the one home for region names, display names and metadata). Values copied
// from `GET /subscriptions/{s}/locations?api-version=2022-12-01` on the public cloud; the list is a
// realistic subset, not every region.
#include "fake-arm/core/locations.hpp"

namespace azemu::arm {

const std::vector<LocationInfo>& location_catalog() {
  static const std::vector<LocationInfo> catalog = {
      {"eastus", "East US", "(US) East US", "US", "Virginia", "37.3719", "-79.8164", "westus"},
      {"eastus2", "East US 2", "(US) East US 2", "US", "Virginia", "36.6681", "-78.3889", "centralus"},
      {"southcentralus", "South Central US", "(US) South Central US", "US", "Texas", "29.4167", "-98.5", "northcentralus"},
      {"westus2", "West US 2", "(US) West US 2", "US", "Washington", "47.233", "-119.852", "westcentralus"},
      {"westus3", "West US 3", "(US) West US 3", "US", "Phoenix", "33.448376", "-112.074036", "eastus"},
      {"australiaeast", "Australia East", "(Asia Pacific) Australia East", "Asia Pacific", "New South Wales", "-33.86", "151.2094", "australiasoutheast"},
      {"southeastasia", "Southeast Asia", "(Asia Pacific) Southeast Asia", "Asia Pacific", "Singapore", "1.283", "103.833", "eastasia"},
      {"northeurope", "North Europe", "(Europe) North Europe", "Europe", "Ireland", "53.3478", "-6.2597", "westeurope"},
      {"swedencentral", "Sweden Central", "(Europe) Sweden Central", "Europe", "Gävle", "60.67488", "17.14127", "swedensouth"},
      {"uksouth", "UK South", "(Europe) UK South", "Europe", "London", "50.941", "-0.799", "ukwest"},
      {"westeurope", "West Europe", "(Europe) West Europe", "Europe", "Netherlands", "52.3667", "4.9", "northeurope"},
      {"centralus", "Central US", "(US) Central US", "US", "Iowa", "41.5908", "-93.6208", "eastus2"},
      {"southafricanorth", "South Africa North", "(Africa) South Africa North", "Africa", "Johannesburg", "-25.73134", "28.21837", "southafricawest"},
      {"centralindia", "Central India", "(Asia Pacific) Central India", "Asia Pacific", "Pune", "18.5822", "73.9197", "southindia"},
      {"eastasia", "East Asia", "(Asia Pacific) East Asia", "Asia Pacific", "Hong Kong", "22.267", "114.188", "southeastasia"},
      {"japaneast", "Japan East", "(Asia Pacific) Japan East", "Asia Pacific", "Tokyo, Saitama", "35.68", "139.77", "japanwest"},
      {"koreacentral", "Korea Central", "(Asia Pacific) Korea Central", "Asia Pacific", "Seoul", "37.5665", "126.978", "koreasouth"},
      {"canadacentral", "Canada Central", "(Canada) Canada Central", "Canada", "Toronto", "43.653", "-79.383", "canadaeast"},
      {"francecentral", "France Central", "(Europe) France Central", "Europe", "Paris", "46.3772", "2.373", "francesouth"},
      {"germanywestcentral", "Germany West Central", "(Europe) Germany West Central", "Europe", "Frankfurt", "50.110924", "8.682127", "germanynorth"},
      {"norwayeast", "Norway East", "(Europe) Norway East", "Europe", "Norway", "59.913868", "10.752245", "norwaywest"},
      {"switzerlandnorth", "Switzerland North", "(Europe) Switzerland North", "Europe", "Zurich", "47.451542", "8.564572", "switzerlandwest"},
      {"brazilsouth", "Brazil South", "(South America) Brazil South", "South America", "Sao Paulo State", "-23.55", "-46.633", "southcentralus"},
      {"northcentralus", "North Central US", "(US) North Central US", "US", "Illinois", "41.8819", "-87.6278", "southcentralus"},
      {"westus", "West US", "(US) West US", "US", "California", "37.783", "-122.417", "eastus"},
      {"japanwest", "Japan West", "(Asia Pacific) Japan West", "Asia Pacific", "Osaka", "34.6939", "135.5022", "japaneast"},
      {"westcentralus", "West Central US", "(US) West Central US", "US", "Wyoming", "40.89", "-110.234", "westus2"},
      {"ukwest", "UK West", "(Europe) UK West", "Europe", "Cardiff", "53.427", "-3.084", "uksouth"},
  };
  return catalog;
}

}  // namespace azemu::arm
