// resolve_confidential_client against the TestStack's directory: the seeded service principal resolves, an unknown
// application is AADSTS700016, and an application registered without a service principal is AADSTS7000229.
#include "fake-aad/token/clients.hpp"

#include "emulator/error/azure_error.hpp"
#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad;
using azemu::testing::TestStack;

namespace {
struct Fixture {
  TestStack stack;
  DirectoryStore directory{stack.db()};
  TenantSegment tenant = resolve_tenant_segment(directory, stack.seed().tenant_id);

  Client resolve(const std::string& client_id, const std::string& secret) {
    return resolve_confidential_client(directory, client_id, secret, tenant, stack.clock().now_unix());
  }
};

// The AzureError a call throws (its kind, code and message are what the token endpoint writes).
AzureError thrown_by(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const AzureError& e) {
    return e;
  }
  FAIL("no AzureError thrown");
  return AzureError(ErrorKind::Internal, "", "");
}
}  // namespace

TEST_SUITE("clients") {

TEST_CASE("the seeded service principal resolves as a confidential client") {
  Fixture f;
  const auto& s = f.stack.seed();
  Client c = f.resolve(s.client_id, s.client_secret);
  CHECK(c.confidential);
  REQUIRE(c.sp);
  CHECK(c.sp->object_id == s.client_object_id);
}

TEST_CASE("an unknown application is AADSTS700016 unauthorized_client") {
  Fixture f;
  auto e = thrown_by([&] { f.resolve("99999999-0000-4000-8000-000000000009", "x"); });
  CHECK(e.aad_codes() == std::vector<int>{700016});
  CHECK(e.code() == "unauthorized_client");
}

// Observed: Entra answers 401 invalid_client AADSTS7000229 for an application whose service principal is missing
// in the tenant (e.g. `az ad sp delete` while the application stays), not 700016 (the application is known).
TEST_CASE("an application without a service principal is AADSTS7000229 invalid_client (401)") {
  Fixture f;
  const auto& s = f.stack.seed();
  Application app;
  app.object_id = "55555555-0000-4000-8000-000000000005";
  app.tenant_id = s.tenant_id;
  app.app_id = "66666666-0000-4000-8000-000000000006";
  app.display_name = "no-sp";
  REQUIRE(f.directory.insert_application(app) == InsertOutcome::inserted);
  auto e = thrown_by([&] { f.resolve(app.app_id, "any secret"); });
  CHECK(e.aad_codes() == std::vector<int>{7000229});
  CHECK(e.code() == "invalid_client");
  CHECK(http_status(e.kind()) == 401);
  CHECK(e.message() == "AADSTS7000229: The client application " + app.app_id +
                           " is missing service principal in the tenant " + s.tenant_id +
                           ". See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");
}

}  // TEST_SUITE
