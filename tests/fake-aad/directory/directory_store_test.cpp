// DirectoryStore and seed() against real SQLite: seed idempotence, case-insensitive UPNs and
// domains, the ports::Directory view, resources by identifierUri.
#include "fake-aad/directory/directory_store.hpp"

#include "fake-aad/mount.hpp"
#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad;

namespace {
std::int64_t count(store::Database& db, const char* table) {
  return db.read([&](store::Connection& c) {
    auto s = c.query(std::string("SELECT count(*) FROM ") + table);
    s.step();
    return s.int64(0);
  });
}
}  // namespace

TEST_SUITE("directory_store") {

TEST_CASE("seed inserts the tenant, admin, bootstrap app, SP and secret, and a second seed changes nothing") {
  testing::TestStack stack;  // already seeded once
  DirectoryStore dir(stack.db());
  const auto& s = stack.seed();
  auto hash_before = dir.find_user(s.admin_object_id)->password->hash;
  aad::seed(stack.db(), s);
  aad::seed(stack.db(), s);
  for (const char* t : {"aad_tenants", "aad_users", "aad_applications", "aad_service_principals", "aad_password_credentials"}) {
    CAPTURE(t);
    CHECK(count(stack.db(), t) == 1);
  }
  CHECK(dir.find_user(s.admin_object_id)->password->hash == hash_before);

  auto tenant = dir.find_tenant(s.tenant_id);
  REQUIRE(tenant);
  CHECK(tenant->display_name == "azemu");
  CHECK(tenant->default_domain == s.tenant_domain);
  CHECK(dir.find_user(s.admin_object_id)->display_name == "azemu admin");
  CHECK(dir.find_application_by_app_id(s.client_id)->display_name == "azemu-bootstrap");
  CHECK(dir.find_service_principal_by_app_id(s.client_id)->object_id == s.client_object_id);
  auto creds = dir.password_credentials(s.client_app_object_id);
  REQUIRE(creds.size() == 1);
  CHECK(creds[0].hint == s.client_secret.substr(0, 3));
  CHECK(verify_password(s.client_secret, creds[0].secret));
}

TEST_CASE("UPNs, app ids and domains are found case-insensitively; UPNs are unique") {
  testing::TestStack stack;
  DirectoryStore dir(stack.db());
  const auto& s = stack.seed();
  CHECK(dir.find_user_by_upn("ADMIN@AZEMU.ONMICROSOFT.COM"));
  CHECK(dir.find_tenant("AZEMU.onmicrosoft.com"));
  CHECK(dir.find_application_by_app_id("11111111-0000-4000-8000-000000000001"));
  User dup;
  dup.object_id = "66666666-0000-4000-8000-000000000006";
  dup.tenant_id = s.tenant_id;
  dup.user_principal_name = "Admin@Azemu.OnMicrosoft.com";
  dup.display_name = "dup";
  CHECK(dir.insert_user(dup) == InsertOutcome::already_exists);
}

TEST_CASE("make_directory lists the seeded tenant and only knows tenant ids") {
  testing::TestStack stack;
  auto directory = make_directory(stack.db());
  auto tenants = directory->tenants();
  REQUIRE(tenants.size() == 1);
  CHECK(tenants[0].id == stack.seed().tenant_id);
  CHECK(tenants[0].default_domain == stack.seed().tenant_domain);
  CHECK(directory->tenant_exists(stack.seed().tenant_id));
  CHECK_FALSE(directory->tenant_exists(stack.seed().tenant_domain));
  CHECK_FALSE(directory->tenant_exists("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
}

}
