#include "vm-sim/ade/key_vault_client.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;

TEST_SUITE("key_vault_client") {
  TEST_CASE("the authority comes from the challenge's authorization parameter") {
    CHECK(authorize_uri_from_challenge(
              R"(Bearer authorization="https://login.windows.net/72f988bf", resource="https://vault.azure.net")") ==
          "https://login.windows.net/72f988bf");
    CHECK(authorize_uri_from_challenge("Bearer realm=\"\"").empty());
  }

  TEST_CASE("the token resource starts at the last 'vault' of the host") {
    CHECK(vault_resource_from_url("https://myvault.vault.azure.net") == "https://vault.azure.net");
    CHECK(vault_resource_from_url("https://kv.vault.azemu.localhost:8443/") == "https://vault.azemu.localhost:8443");
    CHECK_THROWS_AS(vault_resource_from_url("https://example.com"), KeyVaultFailure);
  }

  TEST_CASE("url_join strips trailing slashes as the extension's urljoin") {
    CHECK(url_join("https://kv.vault.azure.net/", "keys") == "https://kv.vault.azure.net/keys");
  }

  TEST_CASE("python_quote keeps '/' like urllib.quote") {
    CHECK(python_quote("https://vault.azure.net") == "https%3A//vault.azure.net");
    CHECK(python_quote("a+b=c~") == "a%2Bb%3Dc%7E");
  }

  TEST_CASE("request bodies are the extension's hand-built JSON") {
    CHECK(wrap_request_body("RSA-OAEP", "QUJD") == R"({"alg":"RSA-OAEP","value":"QUJD"})");
    CHECK(secret_request_body("v", "RSA-OAEP", "LinuxPassPhraseFileName") ==
          R"({"value":"v","attributes":{"enabled":"true"},"tags":{"DiskEncryptionKeyEncryptionAlgorithm":"RSA-OAEP","DiskEncryptionKeyFileName":"LinuxPassPhraseFileName"}})");
    CHECK(secret_request_body("v", "", "f") == R"({"value":"v","attributes":{"enabled":"true"},"tags":{"DiskEncryptionKeyFileName":"f"}})");
  }
}
