#include "vm-sim/ade/extension_settings.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;
using nlohmann::json;

TEST_SUITE("extension_settings") {
  json dual_pass() {
    return {{"publicSettings",
             {{"KeyVaultURL", "https://kv.vault.azure.net"}, {"VolumeType", "ALL"}, {"EncryptionOperation", "EnableEncryption"},
              {"KeyEncryptionKeyURL", "https://kv.vault.azure.net/keys/k/0123abcd"}, {"KeyEncryptionAlgorithm", "RSA-OAEP"},
              {"SequenceVersion", "s"}, {"AADClientID", "11111111-2222-3333-4444-555555555555"}, {"AADClientCertThumbprint", nullptr}}},
            {"protectedSettings", {{"AADClientSecret", "pw"}}}};
  }

  TEST_CASE("parse reads public and protected settings; null means empty") {
    AdeSettings s = parse_settings(dual_pass());
    CHECK(s.key_vault_url == "https://kv.vault.azure.net");
    CHECK(s.aad_client_secret == "pw");
    CHECK(s.aad_client_cert_thumbprint.empty());
    CHECK(s.is_enable());
  }

  TEST_CASE("protected settings given as a JSON string are parsed") {
    json hs = dual_pass();
    hs["protectedSettings"] = R"({"AADClientSecret":"s2"})";
    CHECK(parse_settings(hs).aad_client_secret == "s2");
  }

  TEST_CASE("the KEK algorithm defaults to RSA-OAEP") {
    json hs = dual_pass();
    hs["publicSettings"]["KeyEncryptionAlgorithm"] = nullptr;
    CHECK(parse_settings(hs).effective_kek_algorithm() == "RSA-OAEP");
  }

  TEST_CASE("dual-pass prechecks accept the CLI's settings and reject with ADE's messages") {
    PrecheckEnvironment env;
    CHECK_NOTHROW(precheck_dual_pass(parse_settings(dual_pass()), env));
    SUBCASE("http vault URL") {
      json hs = dual_pass();
      hs["publicSettings"]["KeyVaultURL"] = "http://kv.vault.azure.net";
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(hs), env),
                           doctest::Contains("URL should be https: http://kv.vault.azure.net"), PrecheckError);
    }
    SUBCASE("unknown algorithm") {
      json hs = dual_pass();
      hs["publicSettings"]["KeyEncryptionAlgorithm"] = "A256KW";
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(hs), env), "The KEK encryption algorithm requested was not recognized",
                           PrecheckError);
    }
    SUBCASE("volume type") {
      json hs = dual_pass();
      hs["publicSettings"]["VolumeType"] = "Boot";
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(hs), env),
                           "Unknown Volume Type: Boot, has to be one of ['OS', 'Data', 'All']", PrecheckError);
    }
    SUBCASE("AAD client id") {
      json hs = dual_pass();
      hs["publicSettings"]["AADClientID"] = "abc";
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(hs), env), doctest::Contains("AADClientID value is missing or invalid."),
                           PrecheckError);
      hs["publicSettings"].erase("AADClientID");
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(hs), env), "AADClientID property was not found in settings", PrecheckError);
    }
    SUBCASE("no vfat") {
      env.vfat_available = false;
      CHECK_THROWS_WITH_AS(precheck_dual_pass(parse_settings(dual_pass()), env),
                           "Incompatible system, prerequisite vfat module was not found.", PrecheckError);
    }
  }

  TEST_CASE("single-pass prechecks match vault names between resource ids and URLs") {
    json hs = {{"publicSettings",
                {{"KeyVaultURL", "https://kv.vault.azure.net"}, {"VolumeType", "Data"}, {"EncryptionOperation", "EnableEncryption"},
                 {"KeyVaultResourceId", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/KV"},
                 {"KekVaultResourceId", ""}, {"KeyEncryptionKeyURL", nullptr}}}};
    CHECK_NOTHROW(precheck_single_pass(parse_settings(hs), {}));
    hs["publicSettings"]["KeyVaultResourceId"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/other";
    CHECK_THROWS_WITH_AS(precheck_single_pass(parse_settings(hs), {}), doctest::Contains("their key vault names did not match"),
                         PrecheckError);
    hs["publicSettings"]["KeyVaultResourceId"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";
    hs["publicSettings"]["KeyEncryptionKeyURL"] = "https://kv.vault.azure.net/keys/k";
    hs["publicSettings"]["KekVaultResourceId"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";
    CHECK_THROWS_WITH_AS(precheck_single_pass(parse_settings(hs), {}), doctest::Contains("A KEK URL was specified, but it was invalid"),
                         PrecheckError);
  }

  TEST_CASE("canonical_volume_type is case-insensitive") {
    CHECK(canonical_volume_type("ALL") == "All");
    CHECK(canonical_volume_type("data") == "Data");
    CHECK(canonical_volume_type("x").empty());
  }
}
