#include "fake-arm/providers/keyvault/vaults/vault_service.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm;

TEST_SUITE("vault_service") {
  TEST_CASE("vault names: 3-24 of letters, digits and single hyphens, starting with a letter") {
    for (const char* ok : {"abc", "a1b", "My-Vault-01", "aaaaaaaaaaaaaaaaaaaaaaaa"}) CHECK(valid_vault_name(ok));
    for (const char* bad : {"", "ab", "1ab", "-ab", "ab-", "a--b", "a_b", "a.b", "aaaaaaaaaaaaaaaaaaaaaaaaa"})
      CHECK_FALSE(valid_vault_name(bad));
  }

  TEST_CASE("permission names follow Key Vault's lists, ignoring case") {
    CHECK(valid_key_permission("unwrapKey"));
    CHECK(valid_key_permission("WRAPKEY"));
    CHECK(valid_key_permission("getrotationpolicy"));
    CHECK_FALSE(valid_key_permission("set"));
    CHECK(valid_secret_permission("Set"));
    CHECK_FALSE(valid_secret_permission("create"));
    CHECK(valid_certificate_permission("manageissuers"));
    CHECK_FALSE(valid_certificate_permission("wrapKey"));
    CHECK(valid_storage_permission("regeneratekey"));
    CHECK_FALSE(valid_storage_permission("sign"));
  }
}
