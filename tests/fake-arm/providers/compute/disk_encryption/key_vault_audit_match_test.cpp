#include "fake-arm/providers/compute/disk_encryption/key_vault_audit_match.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm::compute;

namespace {
const std::string kVer = "0123456789abcdef0123456789abcdef";
const std::string kOtherVer = "fedcba9876543210fedcba9876543210";

audit::AuditEvent row(const std::string& vault, const std::string& request_uri, const std::string& id = "") {
  audit::AuditEvent e;
  e.vault_name = vault;
  e.request_uri = request_uri;
  e.properties = nlohmann::json::object();
  if (!id.empty()) e.properties["id"] = id;
  return e;
}
}  // namespace

TEST_SUITE("key_vault_audit_match") {
  TEST_CASE("vault_object_ref splits vault, collection, name and a 32-hex version") {
    auto s = vault_object_ref("https://V1.vault.azure.net/secrets/3f25-ab/" + kVer);
    REQUIRE(s);
    CHECK(s->vault == "v1");
    CHECK(s->collection == "secrets");
    CHECK(s->name == "3f25-ab");
    CHECK(s->version == kVer);

    auto op = vault_object_ref("https://v1.vault.azemu.localhost:8443/keys/kek/wrapkey?api-version=2015-06-01");
    REQUIRE(op);
    CHECK(op->vault == "v1");
    CHECK(op->name == "kek");
    CHECK(op->version.empty());  // "wrapkey" is an operation, not a version

    auto deleted = vault_object_ref("https://v1.vault.azure.net/deletedsecrets/s1/recover");
    REQUIRE(deleted);
    CHECK(deleted->collection == "secrets");

    CHECK_FALSE(vault_object_ref("https://v1.vault.azure.net/keys?"));
    CHECK_FALSE(vault_object_ref("https://management.azure.com/subscriptions/x/resourceGroups/rg"));
    CHECK_FALSE(vault_object_ref("http://v1.vault.azure.net/keys/k/" + kVer));
  }

  TEST_CASE("a secret matches by vault and name in any version; a key only in its version or none") {
    auto bek = *vault_object_ref("https://v1.vault.azure.net/secrets/bek/" + kVer);
    auto kek = *vault_object_ref("https://v1.vault.azure.net/keys/kek/" + kVer);
    // SecretSet on the unversioned name; the row's id names the version it made.
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/secrets/bek?api-version=2015-06-01",
                          "https://v1.vault.azure.net/secrets/bek/" + kOtherVer), &bek, &kek) == KeyTouch::bek);
    // Same names in another vault: not these keys.
    CHECK(audit_touch(row("v2", "https://v2.vault.azure.net/secrets/bek?api-version=7.4"), &bek, &kek) == KeyTouch::none);
    // Cloud-mode host of the same vault.
    CHECK(audit_touch(row("v1", "https://v1.vault.azemu.localhost:8443/keys/KEK/" + kVer + "/unwrapkey?api-version=7.4"),
                      &bek, &kek) == KeyTouch::kek);
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/keys/kek/" + kOtherVer + "/wrapkey"), &bek, &kek) ==
          KeyTouch::none);
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/keys/kek/wrapkey"), &bek, &kek) == KeyTouch::kek);
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/keys?"), &bek, &kek) == KeyTouch::none);
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/secrets/bek2"), &bek, &kek) == KeyTouch::none);
    // The SDK's anonymous challenge on the KEK's URL is not access to it; an authenticated 401 is.
    auto challenge = row("v1", "https://v1.vault.azure.net/keys/kek/" + kVer + "/wrapkey");
    challenge.http_status_code = 401;
    CHECK(audit_touch(challenge, &bek, &kek) == KeyTouch::none);
    challenge.identity = {{"claim", {{"appid", "a"}}}};
    CHECK(audit_touch(challenge, &bek, &kek) == KeyTouch::kek);
    // Without a KEK only the secret can match.
    CHECK(audit_touch(row("v1", "https://v1.vault.azure.net/keys/kek/" + kVer), &bek, nullptr) == KeyTouch::none);
  }
}
