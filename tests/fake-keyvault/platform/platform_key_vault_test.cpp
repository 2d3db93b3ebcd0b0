// The platform's in-process Key Vault calls for disk encryption: the dual-pass round trip (the
// service principal wraps and stores, the platform reads and unwraps), single-pass secrets with
// ADE's content type and tags, enabledForDiskEncryption as the platform's only grant, Key Vault's
// own rules (disabled secrets), and one audit row per call under the platform's identity.
#include "fake-keyvault/platform/platform_key_vault.hpp"

#include "emulator/json/strings.hpp"
#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

namespace {
const std::string kApi = "?api-version=7.4";
std::string url(const std::string& path) { return kVault + path + kApi; }

struct PlatformFixture {
  KvStack s;
  std::unique_ptr<ports::PlatformKeyVault> platform;
  std::string kid;
  PlatformFixture() {
    auto v = default_vault();
    v.enabled_for_disk_encryption = true;
    s.vaults.vaults["kv1"] = v;
    platform = kv::make_platform_key_vault(s.plane());
    auto r = s.as("POST", url("/keys/myKey/create"), nlohmann::json{{"kty", "RSA"}}.dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    kid = r.json()["key"]["kid"];
  }
  /// What ADE's dual pass does as the service principal: wrapkey + PUT secret (ade.md §1.3).
  std::string store_wrapped(const std::string& passphrase) {
    auto w = s.as("POST", kid + "/wrapkey" + kApi,
                  nlohmann::json{{"alg", "RSA-OAEP"}, {"value", text::base64_encode(passphrase)}}.dump());
    REQUIRE_MESSAGE(w.status == 200, w.body);
    auto put = s.as("PUT", url("/secrets/2f4c"),
                    nlohmann::json{{"value", w.json()["value"]},
                                   {"attributes", {{"enabled", "true"}}},
                                   {"tags", {{"DiskEncryptionKeyEncryptionAlgorithm", "RSA-OAEP"},
                                             {"DiskEncryptionKeyFileName", "LinuxPassPhraseFileName"}}}}.dump());
    REQUIRE_MESSAGE(put.status == 200, put.body);
    return put.json()["id"];
  }
  std::vector<audit::AuditEvent> platform_rows() {
    std::vector<audit::AuditEvent> out;
    for (auto& e : s.audit().list("kv1"))
      if (e.identity.is_object() && e.identity["claim"].value(audit::kClaimObjectId, "") == ports::kPlatformObjectId)
        out.push_back(e);
    return out;
  }
};
}  // namespace

TEST_SUITE("platform_key_vault") {
  TEST_CASE("the platform reads the BEK secret and unwraps it with the KEK; both calls are audited as the platform") {
    PlatformFixture f;
    const std::string passphrase(172, 'p');
    std::string secret_url = f.store_wrapped(passphrase);
    auto secret = f.platform->get_secret(secret_url);
    CHECK(secret.id == secret_url);
    CHECK(secret.tags.at("DiskEncryptionKeyFileName") == "LinuxPassPhraseFileName");
    CHECK(f.platform->unwrap_key(f.kid, secret.tags.at("DiskEncryptionKeyEncryptionAlgorithm"), secret.value) == passphrase);
    auto rows = f.platform_rows();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].operation_name == "SecretGet");
    CHECK(rows[0].properties.value("id", "") == secret_url);
    CHECK(rows[1].operation_name == "KeyUnwrap");
    CHECK(rows[1].properties.value("id", "") == f.kid);
    CHECK(rows[1].http_status_code == 200);
  }

  TEST_CASE("single pass: the platform wraps and writes a secret with ADE's content type and tags") {
    PlatformFixture f;
    std::string wrapped = f.platform->wrap_key(f.kid, "RSA-OAEP", "the-passphrase");
    std::string id = f.platform->set_secret(kVault, "7c1e", wrapped, "Wrapped BEK",
                                            {{"DiskEncryptionKeyFileName", "LinuxPassPhraseFileName_0_0"}, {"MachineName", "myVM"}});
    CHECK(id.rfind(kVault + "/secrets/7c1e/", 0) == 0);
    auto got = f.s.as("GET", id + kApi);
    REQUIRE(got.status == 200);
    CHECK(got.json()["contentType"] == "Wrapped BEK");
    CHECK(got.json()["tags"]["MachineName"] == "myVM");
    CHECK(f.platform->unwrap_key(f.kid, "RSA-OAEP", got.json()["value"]) == "the-passphrase");
    auto rows = f.platform_rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].operation_name == "KeyWrap");
    CHECK(rows[1].operation_name == "SecretSet");
  }

  TEST_CASE("a vault not enabled for disk encryption refuses the platform, with CRP's message, and audits a 403") {
    PlatformFixture f;
    std::string secret_url = f.store_wrapped("x");
    f.s.vaults.vaults["kv1"].enabled_for_disk_encryption = false;
    try {
      f.platform->get_secret(secret_url);
      FAIL("expected a refusal");
    } catch (const ports::PlatformVaultError& e) {
      CHECK(e.code == "Forbidden");
      CHECK(std::string(e.what()).find("has not been enabled for Volume Encryption") != std::string::npos);
    }
    auto rows = f.platform_rows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].http_status_code == 403);
  }

  TEST_CASE("a disabled secret or an unknown key fails with Key Vault's code") {
    PlatformFixture f;
    std::string secret_url = f.store_wrapped("x");
    auto patch = f.s.as("PATCH", secret_url + kApi, nlohmann::json{{"attributes", {{"enabled", false}}}}.dump());
    REQUIRE_MESSAGE(patch.status == 200, patch.body);
    CHECK_THROWS_WITH_AS(f.platform->get_secret(secret_url), doctest::Contains("disabled"), ports::PlatformVaultError);
    try {
      f.platform->unwrap_key(kVault + "/keys/nope/0123", "RSA-OAEP", "AAAA");
      FAIL("expected KeyNotFound");
    } catch (const ports::PlatformVaultError& e) {
      CHECK(e.code == "KeyNotFound");
    }
  }
}
