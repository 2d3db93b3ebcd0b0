// The teaching UI's view of keys and secrets: metadata and soft-delete dates, never a value or key material.
#include "fake-keyvault/teaching/objects_view.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

TEST_SUITE("objects_view") {
  TEST_CASE("keys and secrets with versions, tags and content type; no value, no JWK; deleted ones with purge dates") {
    KvStack s;
    REQUIRE(s.as("PUT", kVault + "/secrets/bek?api-version=7.4",
                 R"({"value":"TOP-SECRET-PASSPHRASE","contentType":"Wrapped BEK","tags":{"DiskEncryptionKeyFileName":"LinuxPassPhraseFileName"}})")
                .status == 200);
    REQUIRE(s.as("POST", kVault + "/keys/myKey/create?api-version=7.4", R"({"kty":"RSA","key_size":2048})").status == 200);
    REQUIRE(s.as("PUT", kVault + "/secrets/gone?api-version=7.4", R"({"value":"x"})").status == 200);
    REQUIRE(s.as("DELETE", kVault + "/secrets/gone?api-version=7.4").status == 200);
    auto j = kv::teaching::objects(s.db());
    std::string text = j.dump();
    CHECK(text.find("TOP-SECRET-PASSPHRASE") == std::string::npos);
    CHECK(text.find("\"n\"") == std::string::npos);  // no JWK modulus
    REQUIRE(j["keys"].size() == 1);
    CHECK(j["keys"][0]["versions"][0]["kty"] == "RSA");
    REQUIRE(j["secrets"].size() == 2);
    const auto& bek = j["secrets"][0];
    CHECK(bek["name"] == "bek");
    CHECK(bek["versions"][0]["contentType"] == "Wrapped BEK");
    CHECK(bek["versions"][0]["tags"]["DiskEncryptionKeyFileName"] == "LinuxPassPhraseFileName");
    CHECK(bek["deletedDate"].is_null());
    CHECK(j["secrets"][1]["deletedDate"].is_number());
    CHECK(j["secrets"][1]["scheduledPurgeDate"].get<std::int64_t>() > j["secrets"][1]["deletedDate"].get<std::int64_t>());
  }
}
