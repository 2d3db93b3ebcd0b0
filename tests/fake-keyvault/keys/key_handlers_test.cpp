// Keys over HTTP through the whole pipeline: KeyBundle shape (public parts only), every key type,
// wrap/unwrap and sign/verify round trips, key_ops/enabled/nbf/exp enforcement, the soft-delete
// lifecycle, backup/restore (and tampering), import, update, list paging and HSM rules.
#include "fake-keyvault/keys/key_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

namespace {
const std::string kApi = "?api-version=7.4";
std::string url(const std::string& path) { return kVault + path + kApi; }
nlohmann::json create(KvStack& s, const std::string& name, const nlohmann::json& body) {
  auto r = s.as("POST", url("/keys/" + name + "/create"), body.dump());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}
std::string b64u(const std::string& s) { return text::base64url_encode(s); }
std::string sha256_of_zeros() { return std::string(32, '\0'); }
}  // namespace

TEST_SUITE("key_handlers") {
  TEST_CASE("CreateKey returns a KeyBundle with a versioned kid and only public parts") {
    KvStack s;
    auto b = create(s, "myKey", {{"kty", "RSA"}, {"attributes", {{"enabled", true}}}});
    std::string kid = b["key"]["kid"];
    CHECK(kid.rfind("https://kv1.vault.azure.net/keys/myKey/", 0) == 0);
    CHECK(kid.size() == std::string("https://kv1.vault.azure.net/keys/myKey/").size() + 32);
    CHECK(b["key"]["kty"] == "RSA");
    CHECK(b["key"]["e"] == "AQAB");
    CHECK(b["key"]["key_ops"] == nlohmann::json({"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"}));
    for (const char* f : {"d", "p", "q", "dp", "dq", "qi"}) CHECK_FALSE(b["key"].contains(f));
    CHECK(b["attributes"]["enabled"] == true);
    CHECK(b["attributes"]["created"] == s.clock.now_unix());
    CHECK(b["attributes"]["recoveryLevel"] == "Recoverable+Purgeable");
    CHECK(b["attributes"]["recoverableDays"] == 90);
    CHECK(b["attributes"]["exportable"] == false);
    CHECK(b["tags"].is_null());

    auto g = s.as("GET", url("/keys/MYKEY"));
    CHECK(g.status == 200);
    CHECK(g.json()["key"] == b["key"]);
  }

  TEST_CASE("private key material is stored sealed, never in clear") {
    KvStack s;
    create(s, "k", {{"kty", "EC"}});
    auto st = s.db().conn().query("SELECT sealed, meta FROM kv_key_versions");
    REQUIRE(st.step());
    CHECK(st.text(1).find("\"d\"") == std::string::npos);
    CHECK(st.text(0).size() > 40);
  }

  TEST_CASE("every key type and size can be created; HSM types need a premium vault") {
    KvStack s;
    for (int size : {2048, 3072, 4096})
      CHECK(create(s, "rsa" + std::to_string(size), {{"kty", "RSA"}, {"key_size", size}})["key"].contains("n"));
    for (std::string crv : {"P-256", "P-384", "P-521", "P-256K"})
      CHECK(create(s, "ec" + std::to_string(crv.size()) + crv.substr(2), {{"kty", "EC"}, {"crv", crv}})["key"]["crv"] == crv);
    auto r = s.as("POST", url("/keys/h/create"), R"({"kty":"RSA-HSM"})");
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "BadParameter");
    CHECK(r.json()["error"]["message"] == "Hardware key operation not allowed on standard vault");
    CHECK(s.as("POST", url("/keys/o/create"), R"({"kty":"oct"})").status == 400);
    CHECK(s.as("POST", url("/keys/o/create"), R"({"kty":"RSA","key_size":1024})").status == 400);
    s.vaults.vaults["kv1"].sku = "premium";
    CHECK(create(s, "h", {{"kty", "EC-HSM"}})["key"]["kty"] == "EC-HSM");
  }

  TEST_CASE("wrapKey/unwrapKey and encrypt/decrypt round-trip with every RSA algorithm, lenient base64 in") {
    KvStack s;
    auto kid = create(s, "kek", {{"kty", "RSA"}})["key"]["kid"].get<std::string>();
    std::string path = kid.substr(kVault.size());
    std::string secret(172, 'z');
    for (std::string alg : {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"}) {
      CAPTURE(alg);
      // Standard alphabet with padding, as the ADE extension sends it.
      auto w = s.as("POST", url(path + "/wrapkey"), nlohmann::json({{"alg", alg}, {"value", text::base64_encode(secret)}}).dump());
      REQUIRE(w.status == 200);
      CHECK(w.json()["kid"] == kid);
      auto u = s.as("POST", url(path + "/unwrapKey"), nlohmann::json({{"alg", alg}, {"value", w.json()["value"]}}).dump());
      REQUIRE(u.status == 200);
      CHECK(text::base64_decode(u.json()["value"].get<std::string>()) == secret);
      auto e = s.as("POST", url(path + "/encrypt"), nlohmann::json({{"alg", alg}, {"value", b64u("hi")}}).dump());
      auto d = s.as("POST", url(path + "/decrypt"), nlohmann::json({{"alg", alg}, {"value", e.json()["value"]}}).dump());
      CHECK(text::base64_decode(d.json()["value"].get<std::string>()) == "hi");
    }
  }

  TEST_CASE("sign and verify through the service for RSA and EC") {
    KvStack s;
    create(s, "r", {{"kty", "RSA"}});
    create(s, "e", {{"kty", "EC"}, {"crv", "P-256K"}});
    for (auto [key, alg] : {std::pair{"r", "PS256"}, std::pair{"e", "ES256K"}}) {
      auto sig = s.as("POST", url(std::string("/keys/") + key + "/sign"),
                      nlohmann::json({{"alg", alg}, {"value", b64u(sha256_of_zeros())}}).dump());
      REQUIRE_MESSAGE(sig.status == 200, sig.body);
      auto v = s.as("POST", url(std::string("/keys/") + key + "/verify"),
                    nlohmann::json({{"alg", alg}, {"digest", b64u(sha256_of_zeros())}, {"value", sig.json()["value"]}}).dump());
      CHECK(v.json()["value"] == true);
      auto bad = s.as("POST", url(std::string("/keys/") + key + "/verify"),
                      nlohmann::json({{"alg", alg}, {"digest", b64u(std::string(32, '\1'))}, {"value", sig.json()["value"]}}).dump());
      CHECK(bad.json()["value"] == false);
    }
  }

  TEST_CASE("key_ops, enabled, nbf and exp are enforced") {
    KvStack s;
    auto op = [&](const std::string& name, const std::string& which) {
      std::string body = which == "sign" ? nlohmann::json({{"alg", "RS256"}, {"value", b64u(sha256_of_zeros())}}).dump()
                                         : nlohmann::json({{"alg", "RSA-OAEP"}, {"value", b64u("x")}}).dump();
      return s.as("POST", url("/keys/" + name + "/" + which), body);
    };
    create(s, "limited", {{"kty", "RSA"}, {"key_ops", {"wrapKey", "unwrapKey"}}});
    CHECK(op("limited", "wrapKey").status == 200);
    auto r = op("limited", "sign");
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "BadParameter");

    create(s, "off", {{"kty", "RSA"}, {"attributes", {{"enabled", "false"}}}});  // string form accepted
    CHECK(op("off", "wrapKey").status == 200);  // public-key operations stay allowed
    auto d = op("off", "sign");
    CHECK(d.status == 403);
    CHECK(d.json()["error"]["innererror"]["code"] == "KeyDisabled");
    CHECK(d.json()["error"]["message"] == "Operation sign is not allowed on a disabled key.");

    auto now = s.clock.now_unix();
    create(s, "later", {{"kty", "RSA"}, {"attributes", {{"nbf", now + 100}}}});
    CHECK(op("later", "encrypt").status == 403);
    s.clock.advance(std::chrono::seconds(200));
    CHECK(op("later", "encrypt").status == 200);

    create(s, "old", {{"kty", "RSA"}, {"attributes", {{"exp", s.clock.now_unix() + 10}}}});
    s.clock.advance(std::chrono::seconds(20));
    auto x = op("old", "wrapKey");
    CHECK(x.status == 403);
    CHECK(x.json()["error"]["innererror"]["code"] == "KeyExpired");
  }

  TEST_CASE("new versions, list, versions, update") {
    KvStack s;
    auto v1 = create(s, "k", {{"kty", "RSA"}})["key"]["kid"].get<std::string>();
    auto v2 = create(s, "k", {{"kty", "EC"}})["key"]["kid"].get<std::string>();
    CHECK(v1 != v2);
    CHECK(s.as("GET", url("/keys/k")).json()["key"]["kid"] == v2);  // newest
    CHECK(s.as("GET", v1 + kApi).json()["key"]["kty"] == "RSA");
    CHECK(s.as("GET", url("/keys/k/" + std::string(32, '0'))).json()["error"]["code"] == "KeyNotFound");
    auto list = s.as("GET", url("/keys")).json();
    REQUIRE(list["value"].size() == 1);
    CHECK(list["value"][0]["kid"] == "https://kv1.vault.azure.net/keys/k");
    CHECK(list["nextLink"].is_null());
    CHECK(s.as("GET", url("/keys/k/versions")).json()["value"].size() == 2);

    auto u = s.as("PATCH", v1 + kApi, R"({"key_ops":["sign"],"attributes":{"enabled":false},"tags":{"a":"b"}})");
    REQUIRE(u.status == 200);
    CHECK(u.json()["key"]["key_ops"] == nlohmann::json({"sign"}));
    CHECK(u.json()["attributes"]["enabled"] == false);
    CHECK(u.json()["tags"]["a"] == "b");
    CHECK(s.as("PATCH", url("/keys/k"), R"({"tags":{"x":1}})").status == 400);
  }

  TEST_CASE("list pages with maxresults and a nextLink") {
    KvStack s;
    for (int i = 0; i < 3; ++i) create(s, "k" + std::to_string(i), {{"kty", "EC"}});
    auto p1 = s.as("GET", kVault + "/keys?api-version=7.4&maxresults=2").json();
    CHECK(p1["value"].size() == 2);
    std::string next = p1["nextLink"];
    auto p2 = s.as("GET", next).json();
    CHECK(p2["value"].size() == 1);
    CHECK(p2["nextLink"].is_null());
  }

  TEST_CASE("soft delete lifecycle: delete, get deleted, name in use, recover, purge, retention") {
    KvStack s;
    create(s, "k", {{"kty", "RSA"}});
    auto d = s.as("DELETE", url("/keys/k"));
    REQUIRE(d.status == 200);
    auto now = s.clock.now_unix();
    CHECK(d.json()["recoveryId"] == "https://kv1.vault.azure.net/deletedkeys/k");
    CHECK(d.json()["deletedDate"] == now);
    CHECK(d.json()["scheduledPurgeDate"] == now + 90 * 86400);
    CHECK(s.as("GET", url("/keys/k")).status == 404);
    CHECK(s.as("GET", url("/deletedkeys/k")).status == 200);
    CHECK(s.as("GET", url("/deletedkeys")).json()["value"].size() == 1);
    auto c = s.as("POST", url("/keys/k/create"), R"({"kty":"RSA"})");
    CHECK(c.status == 409);
    CHECK(c.json()["error"]["innererror"]["code"] == "ObjectIsDeletedButRecoverable");
    CHECK(s.as("POST", url("/deletedkeys/k/recover")).status == 200);
    CHECK(s.as("GET", url("/keys/k")).status == 200);

    s.as("DELETE", url("/keys/k"));
    CHECK(s.as("DELETE", url("/deletedkeys/k")).status == 204);
    CHECK(s.as("GET", url("/deletedkeys/k")).status == 404);
    CHECK(s.as("POST", url("/keys/k/create"), R"({"kty":"RSA"})").status == 200);

    SUBCASE("retention ends in a purge") {
      s.as("DELETE", url("/keys/k"));
      s.clock.advance(std::chrono::hours(24 * 91));
      CHECK(s.as("GET", url("/deletedkeys/k")).status == 404);
    }
    SUBCASE("purge protection refuses purge") {
      s.vaults.vaults["kv1"].purge_protection = true;
      s.as("DELETE", url("/keys/k"));
      auto p = s.as("DELETE", url("/deletedkeys/k"));
      CHECK(p.status == 403);
      CHECK(s.as("GET", url("/keys")).status == 200);
    }
  }

  TEST_CASE("backup and restore keep every version; a tampered blob is 400") {
    KvStack s;
    create(s, "k", {{"kty", "RSA"}});
    auto kid = create(s, "k", {{"kty", "RSA"}})["key"]["kid"].get<std::string>();
    auto w = s.as("POST", kid + "/wrapkey" + kApi, nlohmann::json({{"alg", "RSA-OAEP"}, {"value", b64u("dek")}}).dump());
    std::string blob = s.as("POST", url("/keys/k/backup")).json()["value"];
    CHECK(s.as("POST", url("/keys/restore"), nlohmann::json({{"value", blob}}).dump()).status == 409);
    s.as("DELETE", url("/keys/k"));
    s.as("DELETE", url("/deletedkeys/k"));

    std::string tampered = blob;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    auto t = s.as("POST", url("/keys/restore"), nlohmann::json({{"value", tampered}}).dump());
    CHECK(t.status == 400);
    CHECK(t.json()["error"]["code"] == "BadParameter");

    auto r = s.as("POST", url("/keys/restore"), nlohmann::json({{"value", blob}}).dump());
    REQUIRE(r.status == 200);
    CHECK(r.json()["key"]["kid"] == kid);
    CHECK(s.as("GET", url("/keys/k/versions")).json()["value"].size() == 2);
    auto u = s.as("POST", kid + "/unwrapkey" + kApi, nlohmann::json({{"alg", "RSA-OAEP"}, {"value", w.json()["value"]}}).dump());
    CHECK(text::base64_decode(u.json()["value"].get<std::string>()) == "dek");
  }

  TEST_CASE("ImportKey accepts a JWK with private parts and returns only the public ones") {
    KvStack s;
    // A P-256 key pair: d from RFC 7515 appendix A.3, x/y = d·G (the x/y printed next to that d in
    // this test before belonged to another key; imports now check the pair).
    nlohmann::json jwk = {{"kty", "EC"}, {"crv", "P-256"},
                          {"x", "w16dbsrQnsInMIUHzVOBU29ekZgjnseTIJMW__yn_ns"},
                          {"y", "5oNeFDfNj65c_acEfmUWPYp_9tJfB0o5K-c94oKYBg0"},
                          {"d", "jpsQnnGQmL-YBIffH1136cLSWK1VudpuKvEkd6YpGQ8"}};
    auto r = s.as("PUT", url("/keys/imp"), nlohmann::json({{"key", jwk}, {"tags", {{"src", "test"}}}}).dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.json()["key"]["x"] == jwk["x"]);
    CHECK_FALSE(r.json()["key"].contains("d"));
    CHECK(s.as("PUT", url("/keys/bad"), R"({"key":{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}})").status == 400);
  }

  TEST_CASE("rotate creates a new version and the rotation policy round-trips") {
    KvStack s;
    auto v1 = create(s, "k", {{"kty", "RSA"}, {"key_size", 3072}})["key"]["kid"].get<std::string>();
    auto p = s.as("PUT", url("/keys/k/rotationpolicy"),
                  R"({"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}})");
    REQUIRE(p.status == 200);
    CHECK(s.as("GET", url("/keys/k/rotationpolicy")).json()["attributes"]["expiryTime"] == "P90D");
    auto r = s.as("POST", url("/keys/k/rotate"));
    REQUIRE(r.status == 200);
    CHECK(r.json()["key"]["kid"] != v1);
    CHECK(text::base64_decode(r.json()["key"]["n"].get<std::string>()).size() == 384);
    CHECK(r.json()["attributes"]["exp"] == s.clock.now_unix() + 90 * 86400);
  }
}
