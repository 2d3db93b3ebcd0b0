// The Graph authorization table (graph_authorizer.hpp) against the seeded role rows.
#include "fake-aad/graph/graph_authorizer.hpp"

#include "tests/support/test_stack.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad;

namespace {
auth::Principal who(auth::PrincipalKind kind, const std::string& tenant, const std::string& oid) {
  auth::Principal p;
  p.kind = kind;
  p.tenant_id = tenant;
  p.object_id = oid;
  return p;
}
}  // namespace

TEST_SUITE("graph_authorizer") {

TEST_CASE("reads for all, application registration for users and admins, user writes for admins") {
  testing::TestStack s;
  DirectoryStore dir(s.db());
  GraphAuthorizer authz(dir);
  const auto& seed = s.seed();
  auto admin_user = who(auth::PrincipalKind::user, seed.tenant_id, seed.admin_object_id);
  auto admin_sp = who(auth::PrincipalKind::app, seed.tenant_id, seed.client_object_id);
  auto user = who(auth::PrincipalKind::user, seed.tenant_id, "33333333-0000-4000-8000-000000000003");
  auto sp = who(auth::PrincipalKind::app, seed.tenant_id, "44444444-0000-4000-8000-000000000004");

  for (const auto& p : {admin_user, admin_sp, user, sp}) CHECK_NOTHROW(authz.authorize(p, GraphAction::read));
  CHECK_NOTHROW(authz.authorize(admin_user, GraphAction::write_users));
  CHECK_NOTHROW(authz.authorize(admin_sp, GraphAction::write_users));
  CHECK_THROWS_AS(authz.authorize(user, GraphAction::write_users), AzureError);
  CHECK_THROWS_AS(authz.authorize(sp, GraphAction::write_users), AzureError);
  CHECK_NOTHROW(authz.authorize(user, GraphAction::register_application));
  CHECK_NOTHROW(authz.authorize(admin_sp, GraphAction::register_application));
  CHECK_THROWS_AS(authz.authorize(sp, GraphAction::register_application), AzureError);
  // The role is per tenant.
  CHECK_THROWS_AS(authz.authorize(who(auth::PrincipalKind::app, "55555555-0000-4000-8000-000000000005",
                                      seed.client_object_id), GraphAction::write_users), AzureError);
}

}
