// Secrets over HTTP: set/get/list/versions/update, the disabled-secret 403, the 25 KB limit,
// the soft-delete lifecycle, backup/restore, and values sealed at rest.
#include "fake-keyvault/secrets/secret_handlers.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

namespace {
const std::string kApi = "?api-version=7.4";
std::string url(const std::string& path) { return kVault + path + kApi; }
}  // namespace

TEST_SUITE("secret_handlers") {
  TEST_CASE("SetSecret makes a new version each time and GetSecret returns the value") {
    KvStack s;
    auto r1 = s.as("PUT", url("/secrets/bek"), R"({"value":"one","contentType":"BEK","tags":{"MachineName":"vm1"},"attributes":{"enabled":"true"}})");
    REQUIRE_MESSAGE(r1.status == 200, r1.body);
    auto b = r1.json();
    CHECK(b["value"] == "one");
    CHECK(b["contentType"] == "BEK");
    CHECK(b["tags"]["MachineName"] == "vm1");
    CHECK(b["attributes"]["enabled"] == true);
    CHECK(b["attributes"]["recoveryLevel"] == "Recoverable+Purgeable");
    std::string id1 = b["id"];
    CHECK(id1.size() == std::string("https://kv1.vault.azure.net/secrets/bek/").size() + 32);
    auto id2 = s.as("PUT", url("/secrets/bek"), R"({"value":"two"})").json()["id"].get<std::string>();
    CHECK(id1 != id2);
    CHECK(s.as("GET", url("/secrets/bek")).json()["value"] == "two");
    CHECK(s.as("GET", id1 + kApi).json()["value"] == "one");
    CHECK(s.as("GET", url("/secrets/bek/")).status == 200);  // trailing slash (JS SDK)
    CHECK(s.as("GET", url("/secrets/nope")).json()["error"]["code"] == "SecretNotFound");
  }

  TEST_CASE("lists never carry values") {
    KvStack s;
    s.as("PUT", url("/secrets/a"), R"({"value":"x"})");
    s.as("PUT", url("/secrets/a"), R"({"value":"y"})");
    s.as("PUT", url("/secrets/b"), R"({"value":"z"})");
    auto l = s.as("GET", url("/secrets")).json();
    REQUIRE(l["value"].size() == 2);
    CHECK(l["value"][0]["id"] == "https://kv1.vault.azure.net/secrets/a");
    CHECK_FALSE(l["value"][0].contains("value"));
    auto v = s.as("GET", url("/secrets/a/versions")).json();
    CHECK(v["value"].size() == 2);
    CHECK_FALSE(v["value"][0].contains("value"));
  }

  TEST_CASE("a disabled secret refuses get with 403 SecretDisabled; update does not change the value") {
    KvStack s;
    auto id = s.as("PUT", url("/secrets/s"), R"({"value":"v"})").json()["id"].get<std::string>();
    auto u = s.as("PATCH", id + kApi, R"({"attributes":{"enabled":false},"contentType":"text/plain"})");
    REQUIRE(u.status == 200);
    CHECK_FALSE(u.json().contains("value"));
    CHECK(u.json()["contentType"] == "text/plain");
    auto g = s.as("GET", url("/secrets/s"));
    CHECK(g.status == 403);
    CHECK(g.json()["error"]["code"] == "Forbidden");
    CHECK(g.json()["error"]["message"] == "Operation get is not allowed on a disabled secret.");
    CHECK(g.json()["error"]["innererror"]["code"] == "SecretDisabled");
  }

  TEST_CASE("values above 25 KB are rejected, at the limit accepted") {
    KvStack s;
    CHECK(s.as("PUT", url("/secrets/big"), nlohmann::json({{"value", std::string(25 * 1024, 'a')}}).dump()).status == 200);
    auto r = s.as("PUT", url("/secrets/big"), nlohmann::json({{"value", std::string(25 * 1024 + 1, 'a')}}).dump());
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "BadParameter");
    CHECK(s.as("PUT", url("/secrets/bad_name"), R"({"value":"x"})").status == 400);
    CHECK(s.as("PUT", url("/secrets/x"), R"({"value":1})").status == 400);
    CHECK(s.as("PUT", url("/secrets/x"), R"(not json)").status == 400);
  }

  TEST_CASE("values are sealed at rest") {
    KvStack s;
    s.as("PUT", url("/secrets/s"), R"({"value":"very-secret-value"})");
    auto st = s.db().conn().query("SELECT sealed || meta FROM kv_secret_versions");
    REQUIRE(st.step());
    CHECK(st.text(0).find("very-secret-value") == std::string::npos);
  }

  TEST_CASE("soft delete lifecycle for secrets") {
    KvStack s;
    s.as("PUT", url("/secrets/s"), R"({"value":"v"})");
    auto d = s.as("DELETE", url("/secrets/s"));
    REQUIRE(d.status == 200);
    CHECK(d.json()["recoveryId"] == "https://kv1.vault.azure.net/deletedsecrets/s");
    CHECK_FALSE(d.json().contains("value"));
    CHECK(s.as("GET", url("/secrets/s")).status == 404);
    auto c = s.as("PUT", url("/secrets/s"), R"({"value":"w"})");
    CHECK(c.status == 409);
    CHECK(c.json()["error"]["message"] ==
          "Secret s is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the "
          "secret can only be recovered or purged.");
    CHECK(s.as("GET", url("/deletedsecrets")).json()["value"].size() == 1);
    CHECK(s.as("POST", url("/deletedsecrets/s/recover")).status == 200);
    CHECK(s.as("GET", url("/secrets/s")).json()["value"] == "v");
    s.as("DELETE", url("/secrets/s"));
    CHECK(s.as("DELETE", url("/deletedsecrets/s")).status == 204);
    CHECK(s.as("GET", url("/deletedsecrets/s")).status == 404);
  }

  TEST_CASE("backup and restore of secrets; tampering is 400") {
    KvStack s;
    s.as("PUT", url("/secrets/s"), R"({"value":"v1"})");
    s.as("PUT", url("/secrets/s"), R"({"value":"v2"})");
    std::string blob = s.as("POST", url("/secrets/s/backup")).json()["value"];
    s.as("DELETE", url("/secrets/s"));
    s.as("DELETE", url("/deletedsecrets/s"));
    std::string bad = blob;
    bad[10] = bad[10] == 'x' ? 'y' : 'x';
    CHECK(s.as("POST", url("/secrets/restore"), nlohmann::json({{"value", bad}}).dump()).status == 400);
    auto r = s.as("POST", url("/secrets/restore"), nlohmann::json({{"value", blob}}).dump());
    REQUIRE(r.status == 200);
    CHECK(s.as("GET", url("/secrets/s")).json()["value"] == "v2");
    CHECK(s.as("GET", url("/secrets/s/versions")).json()["value"].size() == 2);
  }
}
