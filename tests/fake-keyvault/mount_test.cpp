// The vault-host route table end to end through the pipeline: the 401 challenge in proxy and
// cloud mode, token failures, unknown vaults, missing api-version, trailing slashes and
// case-insensitive operation segments.
#include "fake-keyvault/mount.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

TEST_SUITE("mount") {
  TEST_CASE("--kv-throttling azure: past 4,000 secret transactions in 10 s the vault answers 429 Throttled") {
    KvStack s;
    s.vaults.vaults["kv1"] = default_vault();
    http::VaultThrottle throttle(s.clock);
    s.pipeline().throttle_vaults(throttle);
    const std::string url = kVault + "/secrets/missing?api-version=7.4";
    for (int i = 0; i < 4000; ++i) REQUIRE(s.as("GET", url).status == 404);  // 404s count too: only 429s do not
    auto r = s.as("GET", url);
    CHECK(r.status == 429);
    CHECK(r.json()["error"]["code"] == "Throttled");
    CHECK(r.json()["error"]["message"].get<std::string>().find("too many requests") != std::string::npos);
    CHECK(r.header("retry-after") == "10");
    s.clock.advance(std::chrono::seconds(10));
    CHECK(s.as("GET", url).status == 404);
  }

  TEST_CASE("a request without a token gets 401 with the proxy-mode challenge") {
    KvStack s;
    auto r = s.call("GET", kVault + "/keys?");  // the ADE extension's probe: no api-version, no token
    CHECK(r.status == 401);
    CHECK(r.header("www-authenticate") ==
          "Bearer authorization=\"https://login.microsoftonline.com/" + kTenant + "\", resource=\"https://vault.azure.net\"");
    CHECK(r.json()["error"]["code"] == "Unauthorized");
    CHECK(r.json()["error"]["message"] == "AKV10000: Request is missing a Bearer or PoP token.");
  }

  TEST_CASE("cloud-mode challenge names the local login host and the vault suffix with its port") {
    KvStack s;
    auto r = s.call("POST", "https://kv1.vault.azemu.localhost:8443/keys/k/create?api-version=7.4-preview.1");
    CHECK(r.status == 401);
    CHECK(r.header("www-authenticate") == "Bearer authorization=\"https://login.azemu.localhost:8443/" + kTenant +
                                              "\", resource=\"https://vault.azemu.localhost:8443\"");
    SUBCASE("without a port the resource has none either") {
      auto r2 = s.call("GET", "https://kv1.vault.azemu.localhost/keys?api-version=7.4");
      CHECK(r2.header("www-authenticate").find("resource=\"https://vault.azemu.localhost\"") != std::string::npos);
    }
  }

  TEST_CASE("a token for the cloud-mode resource with port is accepted and kids carry the port") {
    KvStack s;
    auto r = s.as("POST", "https://kv1.vault.azemu.localhost:8443/keys/k/create?api-version=7.4", R"({"kty":"EC"})",
                  {{"aud", "https://vault.azemu.localhost:8443"}});
    REQUIRE(r.status == 200);
    CHECK(r.json()["key"]["kid"].get<std::string>().rfind("https://kv1.vault.azemu.localhost:8443/keys/k/", 0) == 0);
  }

  TEST_CASE("a token for another audience gets AKV10022 with the challenge") {
    KvStack s;
    auto r = s.as("GET", kVault + "/keys?api-version=7.4", "", {{"aud", "https://management.core.windows.net/"}});
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["message"].get<std::string>().rfind("AKV10022: Invalid audience.", 0) == 0);
    CHECK(!r.header("www-authenticate").empty());
  }

  TEST_CASE("an expired token gets 401") {
    KvStack s;
    auto t = s.token();
    s.clock.advance(std::chrono::hours(2));
    auto r = s.call("GET", kVault + "/keys?api-version=7.4", "", {{"Authorization", "Bearer " + t}});
    CHECK(r.status == 401);
    CHECK(!r.header("www-authenticate").empty());
  }

  TEST_CASE("a token from another tenant gets AKV10032") {
    KvStack s;
    auto r = s.as("GET", kVault + "/keys?api-version=7.4", "", {{"tid", kOtherTenant}});
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["message"].get<std::string>().rfind("AKV10032: Invalid issuer.", 0) == 0);
    CHECK(r.header("www-authenticate").find(kTenant) != std::string::npos);
  }

  TEST_CASE("an unknown vault answers 404 VaultNotFound with or without a token") {
    KvStack s;
    CHECK(s.call("GET", "https://nope.vault.azure.net/keys?api-version=7.4").status == 404);
    auto r = s.as("GET", "https://nope.vault.azure.net/keys?api-version=7.4");
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "VaultNotFound");
    CHECK(s.as("GET", "https://nope.vault.azure.net/bogus/path").json()["error"]["code"] == "VaultNotFound");
  }

  TEST_CASE("missing api-version, trailing slashes and lower-case operation segments are accepted") {
    KvStack s;
    REQUIRE(s.as("POST", kVault + "/keys/k/create", R"({"kty":"RSA"})").status == 200);
    CHECK(s.as("GET", kVault + "/keys/k/?api-version=7.4").status == 200);
    CHECK(s.as("GET", kVault + "/keys").status == 200);
    CHECK(s.as("POST", kVault + "/KEYS/k/CREATE?api-version=2015-06-01", R"({"kty":"RSA"})").status == 200);
    CHECK(s.as("POST", kVault + "/keys/k/wrapkey?api-version=2025-07-01", R"({"alg":"RSA-OAEP","value":"AAEC"})").status == 200);
  }

  TEST_CASE("an unknown path on a known vault is a Key Vault 404") {
    KvStack s;
    auto r = s.as("GET", kVault + "/nothing-here?api-version=7.4");
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "NotFound");
  }

  TEST_CASE("certificates answer 501 AzemuNotImplemented after the usual challenge") {
    KvStack s;
    CHECK(s.call("GET", kVault + "/certificates?api-version=7.4").status == 401);
    auto r = s.as("GET", kVault + "/certificates?api-version=7.4");
    CHECK(r.status == 501);
    CHECK(r.json()["error"]["code"] == "AzemuNotImplemented");
    CHECK(s.as("POST", kVault + "/certificates/c1/create?api-version=7.4", "{}").status == 501);
    CHECK(s.as("GET", kVault + "/deletedcertificates?api-version=7.4").status == 501);
  }
}
