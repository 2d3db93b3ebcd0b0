// Scope parsing and resource recognition (pure logic, plus the directory for registered apps).
#include "fake-aad/token/scopes.hpp"

#include "fake-aad/errors.hpp"
#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad;

TEST_SUITE("scopes") {

TEST_CASE("/.default keeps the resource's own trailing slash") {
  auto r = parse_scope("https://management.core.windows.net//.default offline_access openid profile");
  CHECK(r.resource == "https://management.core.windows.net/");
  CHECK(r.scope_echo == "https://management.core.windows.net//.default");
  CHECK(r.dot_default);
  CHECK(parse_scope("https://vault.azure.net/.default").resource == "https://vault.azure.net");
}

TEST_CASE("a permission scope maps to its resource; bare permissions and OIDC-only requests mean Graph") {
  auto r = parse_scope("https://graph.microsoft.com/User.Read https://graph.microsoft.com/Directory.Read.All");
  CHECK(r.resource == "https://graph.microsoft.com");
  CHECK(r.scope_echo == "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Directory.Read.All");
  CHECK_FALSE(r.dot_default);
  CHECK(parse_scope("User.Read").resource == "https://graph.microsoft.com");
  CHECK(parse_scope("openid profile").resource == "https://graph.microsoft.com");
  CHECK(parse_scope("openid profile").scope_echo.empty());
}

TEST_CASE("scopes of two resources are rejected with AADSTS28000") {
  try {
    parse_scope("https://vault.azure.net/.default https://graph.microsoft.com/.default");
    FAIL("expected AzureError");
  } catch (const AzureError& e) {
    CHECK(e.code() == "invalid_scope");
    CHECK(e.aad_codes() == std::vector<int>{28000});
  }
}

TEST_CASE("known resources: both modes, any port, first-party app ids, directory apps") {
  testing::TestStack stack;
  cloud::HostNames names;
  DirectoryStore dir(stack.db());
  CHECK(resource_known("https://management.core.windows.net/", names, dir));
  CHECK(resource_known("https://management.azure.com", names, dir));
  CHECK(resource_known("HTTPS://GRAPH.MICROSOFT.COM/", names, dir));
  CHECK(resource_known("cfa8b339-82a2-471a-a3c9-0fc0be7a4093", names, dir));
  CHECK(resource_known("https://vault.azemu.localhost:8443", names, dir));
  CHECK(resource_known("https://management.azemu.localhost:8443/", names, dir));
  CHECK(resource_known("https://graph.azemu.localhost", names, dir));
  CHECK_FALSE(resource_known("https://graph.azemu.localhost:84x3", names, dir));
  CHECK_FALSE(resource_known("https://storage.azure.com", names, dir));
  CHECK_FALSE(resource_known("https://evil.azemu.localhost", names, dir));
  CHECK(resource_known(stack.seed().client_id, names, dir));

  Application app;
  app.object_id = "55555555-0000-4000-8000-000000000005";
  app.tenant_id = stack.seed().tenant_id;
  app.app_id = "55555555-0000-4000-8000-000000000006";
  app.display_name = "api";
  app.identifier_uris = {"api://my-api"};
  dir.insert_application(app);
  CHECK(resource_known("api://my-api/", names, dir));
}

}
