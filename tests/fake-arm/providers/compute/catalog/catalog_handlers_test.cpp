#include "fake-arm/providers/compute/catalog/catalog_handlers.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing;
namespace compute = azemu::arm::compute;

namespace {
const std::string kCompute = "/providers/Microsoft.Compute/locations/westus";
const std::string kCentOS = kCompute + "/publishers/OpenLogic/artifacttypes/vmimage/offers/CentOS";
}  // namespace

TEST_SUITE("catalog_handlers") {
  TEST_CASE("GET an image version: Azure's id, name, location and properties") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url(kCentOS + "/skus/7.2n/versions/7.2.20160629", "2022-11-01"));
    REQUIRE(r.status == 200);
    auto j = r.json();
    CHECK(j["id"] == "/Subscriptions/" + f.sub +
                         "/Providers/Microsoft.Compute/Locations/westus/Publishers/OpenLogic/ArtifactTypes/VMImage/"
                         "Offers/CentOS/Skus/7.2n/Versions/7.2.20160629");
    CHECK(j["name"] == "7.2.20160629");
    CHECK(j["location"] == "westus");
    auto p = j["properties"];
    CHECK(p["osDiskImage"]["operatingSystem"] == "Linux");
    CHECK(p["osDiskImage"]["sizeInGb"] == 30);
    CHECK(p["hyperVGeneration"] == "V1");
    CHECK(p["architecture"] == "x64");
    CHECK(p["dataDiskImages"].empty());
    CHECK(p["features"].is_array());
    CHECK_FALSE(p.contains("plan"));
  }

  TEST_CASE("an unknown image version is Azure's 404 NotFound") {
    ArmFixture f;
    for (const std::string& path : {kCentOS + "/skus/7.2n/versions/1.2.3", kCentOS + "/skus/nope/versions/1.2.3",
                                    kCentOS + "/skus/7.2n/versions/latest", kCentOS + "/skus/nope/versions"}) {
      INFO(path);
      auto r = f.call("GET", f.sub_url(path, "2022-11-01"));
      CHECK(r.status == 404);
      CHECK(r.json()["error"]["code"] == "NotFound");
      CHECK(r.json()["error"]["message"] == "Artifact: VMImage was not found.");
    }
    auto offers = f.call("GET", f.sub_url(kCompute + "/publishers/Nobody/artifacttypes/vmimage/offers", "2022-11-01"));
    CHECK(offers.status == 404);
    CHECK(offers.json()["error"]["message"] == "Publisher: Nobody was not found.");
  }

  TEST_CASE("lists are bare arrays with ids in the catalog's spelling") {
    ArmFixture f;
    auto pubs = f.call("GET", f.sub_url(kCompute + "/publishers", "2020-06-01"));
    REQUIRE(pubs.status == 200);
    REQUIRE(pubs.json().is_array());
    bool found = false;
    for (const auto& p : pubs.json())
      if (p["name"] == "OpenLogic") {
        found = true;
        CHECK(p["id"] == "/Subscriptions/" + f.sub + "/Providers/Microsoft.Compute/Locations/westus/Publishers/OpenLogic");
      }
    CHECK(found);
    auto skus = f.call("GET", f.sub_url(kCompute + "/publishers/openlogic/artifacttypes/vmimage/offers/centos/skus"));
    REQUIRE(skus.status == 200);
    auto first = skus.json()[0];
    CHECK(first["id"].get<std::string>().find("/Publishers/OpenLogic/ArtifactTypes/VMImage/Offers/CentOS/Skus/") !=
          std::string::npos);
    CHECK(first["properties"]["automaticOSUpgradeProperties"]["automaticOSUpgradeSupported"] == false);
  }

  TEST_CASE("versions: $top=1&$orderby=name desc is how az resolves latest") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url(kCentOS + "/skus/7.5/versions?$top=1&$orderby=name%20desc", "2022-08-01"));
    REQUIRE(r.status == 200);
    REQUIRE(r.json().size() == 1);
    CHECK(r.json()[0]["name"] == "7.5.201808150");
    CHECK_FALSE(r.json()[0].contains("properties"));
    auto all = f.call("GET", f.sub_url(kCentOS + "/skus/7.5/versions?$expand=properties", "2022-08-01"));
    REQUIRE(all.json().size() == 3);
    CHECK(all.json()[0]["name"] == "7.5.20180626");
    CHECK(all.json()[0]["properties"]["architecture"] == "x64");
    auto bad = f.call("GET", f.sub_url(kCentOS + "/skus/7.5/versions?$top=zero", "2022-08-01"));
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "InvalidQueryParameterValue");
  }

  TEST_CASE("an unknown region is NoRegisteredProviderFound") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url("/providers/Microsoft.Compute/locations/atlantis/publishers", "2022-11-01"));
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "NoRegisteredProviderFound");
    auto sizes = f.call("GET", f.sub_url("/providers/Microsoft.Compute/locations/atlantis/vmSizes", "2022-11-01"));
    CHECK(sizes.status == 400);
  }

  TEST_CASE("vmSizes lists every size") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url(kCompute + "/vmSizes", "2022-11-01"));
    REQUIRE(r.status == 200);
    bool found = false;
    const auto sizes = r.json();
    for (const auto& s : sizes["value"])
      if (s["name"] == "Standard_DS1_v2") {
        found = true;
        CHECK(s["numberOfCores"] == 1);
        CHECK(s["memoryInMB"] == 3584);
        CHECK(s["maxDataDiskCount"] == 4);
        CHECK(s["osDiskSizeInMB"] == 1047552);
        CHECK(s["resourceDiskSizeInMB"] == 7168);
      }
    CHECK(found);
  }

  TEST_CASE("resource skus: all regions, or one with $filter=location eq") {
    ArmFixture f;
    auto one = f.call("GET", f.sub_url("/providers/Microsoft.Compute/skus?$filter=location%20eq%20%27WestUS%27", "2021-07-01"));
    REQUIRE(one.status == 200);
    const auto westus = one.json();
    REQUIRE_FALSE(westus["value"].empty());
    for (const auto& s : westus["value"]) CHECK(s["locations"][0] == "westus");
    auto all = f.call("GET", f.sub_url("/providers/Microsoft.Compute/skus", "2021-07-01"));
    CHECK(all.json()["value"].size() > one.json()["value"].size());
    auto bad = f.call("GET", f.sub_url("/providers/Microsoft.Compute/skus?$filter=name%20eq%20%27x%27", "2021-07-01"));
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "InvalidFilterInQueryString");
  }

  TEST_CASE("a caller without a role is refused; an unknown subscription is 404") {
    ArmFixture f;
    auto stranger = f.stack.mint({{"oid", "99999999-0000-4000-8000-000000000000"}});
    auto r = f.stack.call_as(stranger, "GET", f.sub_url(kCompute + "/publishers", "2022-11-01"));
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["code"] == "AuthorizationFailed");
    auto missing = f.call("GET", kArm + "/subscriptions/55555555-0000-4000-8000-000000000000" + kCompute +
                                     "/vmSizes?api-version=2022-11-01");
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "SubscriptionNotFound");
  }

  TEST_CASE("VM extension images: types, versions newest-first with $orderby/$top, one version, NotFound") {
    ArmFixture f;
    // az looks for the extension's publisher in ListPublishers first.
    bool listed = false;
    for (const auto& p : f.call("GET", f.sub_url(kCompute + "/publishers", "2024-11-01")).json())
      listed = listed || p["name"] == "Microsoft.Azure.Extensions";
    CHECK(listed);
    const std::string pub = kCompute + "/publishers/microsoft.azure.extensions/artifacttypes/vmextension/types";
    auto types = f.call("GET", f.sub_url(pub, "2024-11-01"));
    REQUIRE(types.status == 200);
    REQUIRE(types.json().is_array());
    CHECK(types.json()[0]["name"] == "CustomScript");
    CHECK(types.json()[0]["properties"]["operatingSystem"] == "Linux");
    // What az's _normalize_extension_version reads: the versions, of which it takes the highest.
    auto versions = f.call("GET", f.sub_url(pub + "/customscript/versions", "2024-11-01") + "&$orderby=name%20desc&$top=1");
    REQUIRE(versions.status == 200);
    REQUIRE(versions.json().size() == 1);
    CHECK(versions.json()[0]["name"] == "2.1.10");
    CHECK(versions.json()[0]["id"].get<std::string>().find("/Publishers/Microsoft.Azure.Extensions/ArtifactTypes/"
                                                            "VMExtension/Types/CustomScript/Versions/2.1.10") !=
          std::string::npos);
    auto all = f.call("GET", f.sub_url(pub + "/CustomScript/versions", "2024-11-01")).json();
    CHECK(all.size() == 3);
    CHECK(all[0]["name"] == "2.0.7");  // lowest first without $orderby
    CHECK(f.call("GET", f.sub_url(pub + "/CustomScript/versions/2.1.6", "2024-11-01")).json()["name"] == "2.1.6");
    auto missing = f.call("GET", f.sub_url(pub + "/NoSuchType/versions", "2024-11-01"));
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["message"] == "Artifact: VMExtension was not found.");
    CHECK(f.call("GET", f.sub_url(pub + "/CustomScript/versions/9.9", "2024-11-01")).status == 404);
    auto no_pub = f.call("GET", f.sub_url(kCompute + "/publishers/Nobody/artifacttypes/vmextension/types", "2024-11-01"));
    CHECK(no_pub.status == 404);
    CHECK(no_pub.json()["error"]["message"] == "Publisher: Nobody was not found.");
  }

  TEST_CASE("the alias document is served at GitHub's URL and at /azemu/aliases.json, anonymously") {
    ArmFixture f;
    auto gh = f.stack.call(
        "GET", "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-templates/aliases.json");
    REQUIRE(gh.status == 200);
    CHECK(nlohmann::json::parse(gh.body)["outputs"]["aliases"]["value"]["Linux"]["Ubuntu2204"]["sku"] == "22_04-lts-gen2");
    auto local = f.stack.call("GET", kArm + "/azemu/aliases.json");
    CHECK(local.status == 200);
    CHECK(local.body == gh.body);
    auto other = f.stack.call("GET", "https://raw.githubusercontent.com/Azure/azure-cli/main/src/azure-cli/setup.py");
    CHECK(other.status == 404);
    CHECK(other.body == "404: Not Found");
  }

  TEST_CASE("query parsers") {
    CHECK(compute::parse_sku_location_filter(std::nullopt) == std::nullopt);
    CHECK(compute::parse_sku_location_filter("location eq 'eastus'") == "eastus");
    CHECK(compute::parse_sku_location_filter("Location EQ 'eastus' ") == "eastus");
    CHECK_THROWS(compute::parse_sku_location_filter("location ne 'eastus'"));
    CHECK(compute::parse_version_query("2", "name desc").top == 2u);
    CHECK(compute::parse_version_query(std::nullopt, "name desc").descending);
    CHECK_FALSE(compute::parse_version_query(std::nullopt, "name").descending);
    CHECK_THROWS(compute::parse_version_query("-1", std::nullopt));
    CHECK_THROWS(compute::parse_version_query(std::nullopt, "version"));
  }
}
