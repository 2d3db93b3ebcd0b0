#include "fake-arm/resources/metadata/metadata_handlers.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing;

TEST_SUITE("metadata_handlers") {
  TEST_CASE("proxy mode describes the public cloud, without a token, also at //metadata") {
    TestStack stack;
    auto r = stack.call("GET", "https://management.azure.com//metadata/endpoints?api-version=2015-01-01");
    REQUIRE(r.status == 200);
    auto j = r.json();
    CHECK(j["authentication"]["loginEndpoint"] == "https://login.microsoftonline.com/");
    CHECK(j["authentication"]["audiences"][0] == "https://management.core.windows.net/");
    CHECK(j["resourceManager"] == "https://management.azure.com/");
    CHECK(j["microsoftGraphResourceId"] == "https://graph.microsoft.com/");
    CHECK(j["suffixes"]["keyVaultDns"] == "vault.azure.net");
    CHECK(j.contains("galleryEndpoint"));
    CHECK(j.contains("graphEndpoint"));
    CHECK(j.contains("portalEndpoint"));
  }

  TEST_CASE("cloud mode uses the cloud base names, the ADFS authority and the same port") {
    TestStack stack;
    auto j = stack.call("GET", "https://management.azemu.localhost:8443/metadata/endpoints?api-version=2015-01-01").json();
    CHECK(j["authentication"]["loginEndpoint"] == "https://login.azemu.localhost:8443/adfs");
    CHECK(j["resourceManager"] == "https://management.azemu.localhost:8443/");
    CHECK(j["graphEndpoint"] == "https://graph.azemu.localhost:8443/");
    CHECK(j["suffixes"]["keyVaultDns"] == "vault.azemu.localhost:8443");
    CHECK(j["authentication"]["audiences"][0] == "https://management.core.windows.net/");
  }
}
