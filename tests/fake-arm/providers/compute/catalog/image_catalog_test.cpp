#include "fake-arm/providers/compute/catalog/image_catalog.hpp"

#include "fake-arm/providers/compute/catalog/aliases_doc.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::compute;

TEST_SUITE("image_catalog") {
  TEST_CASE("the ADE tutorial image exists exactly as az vm create asks for it") {
    auto img = find_image("OpenLogic", "CentOS", "7.2n", "7.2.20160629");
    REQUIRE(img);
    CHECK(img->publisher == "OpenLogic");
    CHECK(img->offer == "CentOS");
    CHECK(img->sku == "7.2n");
    CHECK(img->version == "7.2.20160629");
    CHECK(img->os_type == "Linux");
    CHECK(img->hyper_v_generation == "V1");
    CHECK(img->os_disk_size_gb == 30);
    CHECK(img->architecture == "x64");
    CHECK(img->plan.is_null());
  }

  TEST_CASE("lookups ignore case and return the catalog's spelling") {
    auto img = find_image("openlogic", "centos", "7.2N", "7.2.20160629");
    REQUIRE(img);
    CHECK(img->publisher == "OpenLogic");
    CHECK(img->sku == "7.2n");
    CHECK_FALSE(find_image("OpenLogic", "CentOS", "7.2n", "7.2.19990101"));
    CHECK_FALSE(find_image("OpenLogic", "CentOS", "nope", "latest"));
    CHECK_FALSE(find_image("Nobody", "CentOS", "7.2n", "latest"));
  }

  TEST_CASE("latest is the numerically highest version, not the lexically highest") {
    // 7.5.201808150 > 7.5.20180815 numerically (a longer build stamp), and 7.9 < 7.10-style parts.
    auto img = find_image("OpenLogic", "CentOS", "7.5", "latest");
    REQUIRE(img);
    CHECK(img->version == "7.5.201808150");
    CHECK(find_image("Canonical", "UbuntuServer", "18.04-LTS", "LATEST")->version == "18.04.202306070");
  }

  TEST_CASE("compare_versions compares each dot part as a number") {
    CHECK(compare_versions("7.10", "7.9") > 0);
    CHECK(compare_versions("7.9", "7.10") < 0);
    CHECK(compare_versions("7.2.20160629", "7.2.20160629") == 0);
    CHECK(compare_versions("7.2", "7.2.1") < 0);
    CHECK(compare_versions("007", "7") == 0);
    CHECK(compare_versions("1.a", "1.B") < 0);
    CHECK(compare_versions("99999999999999999999.1", "1.1") > 0);  // no overflow
  }

  TEST_CASE("versions are listed lowest first; gen2 skus are V2 with Trusted Launch features") {
    auto versions = image_versions("OpenLogic", "CentOS", "7_9-gen2");
    REQUIRE(versions);
    REQUIRE(versions->size() >= 2);
    for (std::size_t i = 1; i < versions->size(); ++i)
      CHECK(compare_versions((*versions)[i - 1].version, (*versions)[i].version) < 0);
    CHECK(versions->front().hyper_v_generation == "V2");
    auto features = image_features(versions->front());
    REQUIRE(features.is_array());
    CHECK(features[0]["name"] == "SecurityType");
    CHECK(features[0]["value"] == "TrustedLaunchSupported");
    CHECK_FALSE(image_versions("OpenLogic", "CentOS", "nope"));
  }

  TEST_CASE("publishers, offers and skus the brief's images need are listed") {
    auto pubs = image_publishers();
    for (const char* p : {"Canonical", "Debian", "OpenLogic", "RedHat", "SUSE"})
      CHECK(std::find(pubs.begin(), pubs.end(), p) != pubs.end());
    auto offers = image_offers("canonical");
    REQUIRE(offers);
    CHECK(std::find(offers->begin(), offers->end(), "0001-com-ubuntu-server-jammy") != offers->end());
    CHECK_FALSE(image_offers("Nobody"));
    auto skus = image_skus("SUSE", "sles-15-sp4");
    REQUIRE(skus);
    CHECK(*skus == std::vector<std::string>{"gen1", "gen2"});
    CHECK(find_image("RedHat", "RHEL", "8-lvm", "latest"));
    CHECK(find_image("Debian", "debian-11", "11", "latest"));
    CHECK(find_image("Canonical", "0001-com-ubuntu-server-focal", "20_04-lts-gen2", "latest")->hyper_v_generation == "V2");
  }

  TEST_CASE("Flatcar carries its marketplace plan; Windows images are Windows") {
    auto flatcar = find_image("kinvolk", "flatcar-container-linux-free", "stable", "latest");
    REQUIRE(flatcar);
    CHECK(flatcar->plan["product"] == "flatcar-container-linux-free");
    CHECK(flatcar->plan["name"] == "stable");
    auto win = find_image("MicrosoftWindowsServer", "WindowsServer", "2022-Datacenter", "latest");
    REQUIRE(win);
    CHECK(win->os_type == "Windows");
    CHECK(win->os_disk_size_gb == 127);
  }

  TEST_CASE("every image the alias document names resolves in the catalog") {
    auto doc = nlohmann::json::parse(vm_image_aliases_json());
    int n = 0;
    for (const auto& [os, aliases] : doc["outputs"]["aliases"]["value"].items())
      for (const auto& [alias, a] : aliases.items()) {
        INFO(alias);
        CHECK(find_image(a["publisher"].get<std::string>(), a["offer"].get<std::string>(), a["sku"].get<std::string>(),
                         a["version"].get<std::string>()));
        ++n;
      }
    CHECK(n >= 7);
  }

  TEST_CASE("the alias document is today's Azure one: Ubuntu2404 and AzureLinux4, no Debian12") {
    auto doc = nlohmann::json::parse(vm_image_aliases_json());
    const auto& linux_aliases = doc["outputs"]["aliases"]["value"]["Linux"];
    for (const char* alias : {"Ubuntu2204", "Ubuntu2404", "Ubuntu2404Pro", "SuseSles15SP5", "RHELRaw8LVMGen2", "AzureLinux4"})
      CHECK_MESSAGE(linux_aliases.contains(alias), alias);
    CHECK_FALSE(linux_aliases.contains("Debian12"));
    CHECK_FALSE(linux_aliases.contains("UbuntuLTS"));
    auto noble = find_image("Canonical", "ubuntu-24_04-lts", "server", "latest");
    REQUIRE(noble);
    CHECK(noble->hyper_v_generation == "V2");
    auto arm = find_image("microsoftazurelinux", "azurelinux-4", "4-arm64", "latest");
    REQUIRE(arm);
    CHECK(arm->architecture == "Arm64");
  }
}
