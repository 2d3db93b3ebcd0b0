#include "fake-arm/authorization/authorizer.hpp"

#include "fake-arm/authorization/builtin_roles.hpp"
#include "tests/fake-arm/authorization/rbac_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
const std::string kVault = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";

std::string err_code(const Response& r) { return r.json()["error"]["code"]; }
std::string err_message(const Response& r) { return r.json()["error"]["message"]; }
}  // namespace

TEST_SUITE("authorizer") {
  TEST_CASE("action patterns: '*' anywhere, case-insensitive") {
    CHECK(action_matches("*", "Microsoft.Resources/subscriptions/read"));
    CHECK(action_matches("*/read", "Microsoft.Resources/subscriptions/read"));
    CHECK_FALSE(action_matches("*/read", "Microsoft.Resources/subscriptions/resourceGroups/write"));
    CHECK(action_matches("Microsoft.Resources/*", "microsoft.resources/subscriptions/resourcegroups/delete"));
    CHECK(action_matches("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write"));
    CHECK_FALSE(action_matches("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/read"));
    CHECK(action_matches("Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/locations/deletedVaults/read"));
    CHECK_FALSE(action_matches("Microsoft.Compute/disks/read", "Microsoft.Compute/disks/readx"));
    CHECK(action_matches("a*b*c", "a--b--b--c"));
  }

  TEST_CASE("notActions subtract only within their own permission block") {
    std::vector<Permission> p = {{{"*"}, {"Microsoft.Authorization/*/Write"}, {}, {}}};
    CHECK(permissions_allow(p, "Microsoft.Compute/virtualMachines/write"));
    CHECK_FALSE(permissions_allow(p, "Microsoft.Authorization/roleAssignments/write"));
    p.push_back({{"Microsoft.Authorization/roleAssignments/write"}, {}, {}, {}});
    CHECK(permissions_allow(p, "Microsoft.Authorization/roleAssignments/write"));
    CHECK_FALSE(permissions_allow({}, "anything/read"));
  }

  TEST_CASE("grants inherit down the scope tree, never up or sideways") {
    Grants g({{"/subscriptions/s/resourcegroups/rg", find_builtin_role(kReaderRoleId)->permissions}});
    CHECK(g.allows("Microsoft.KeyVault/vaults/read", kVault));
    CHECK(g.allows("Microsoft.Resources/subscriptions/resourceGroups/read", "/subscriptions/S/resourceGroups/RG"));
    CHECK_FALSE(g.allows("Microsoft.KeyVault/vaults/write", kVault));
    CHECK_FALSE(g.allows("Microsoft.Resources/subscriptions/read", "/subscriptions/s"));
    CHECK_FALSE(g.allows("Microsoft.KeyVault/vaults/read", "/subscriptions/s/resourceGroups/rg2"));
    CHECK_FALSE(g.allows("Microsoft.KeyVault/vaults/read", "/subscriptions/s/resourceGroups/rg-other"));
    CHECK(g.touches("/subscriptions/s"));
    CHECK(g.touches(kVault));
    CHECK_FALSE(g.touches("/subscriptions/t"));
    CHECK_FALSE(Grants({}).touches("/subscriptions/s"));
  }

  TEST_CASE("AuthorizationFailed names the appId (or UPN), object id, action and scope") {
    auth::Principal sp;
    sp.object_id = "oid-1";
    sp.app_id = "app-1";
    AzureError e = Authorizer::denied(sp, "Microsoft.Resources/subscriptions/read", "/subscriptions/s");
    CHECK(e.kind() == ErrorKind::Forbidden);
    CHECK(e.code() == "AuthorizationFailed");
    CHECK(e.message() ==
          "The client 'app-1' with object id 'oid-1' does not have authorization to perform action "
          "'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/s' or the scope is invalid. If access "
          "was recently granted, please refresh your credentials.");
    sp.upn = "u@x.com";
    CHECK(Authorizer::denied(sp, "a", "/").message().find("The client 'u@x.com' with object id 'oid-1'") == 0);
  }

  TEST_CASE("a principal without roles sees no subscriptions and is refused everything else") {
    ArmFixture f;
    f.create_group("rg1");
    f.token = nobody_token(f.stack);
    auto subs = f.call("GET", kArm + "/subscriptions?api-version=2022-12-01");
    REQUIRE(subs.status == 200);
    CHECK(subs.json()["value"].empty());
    CHECK(f.call("GET", kArm + "/tenants?api-version=2022-12-01").status == 200);  // tenants need no role

    auto get = f.call("GET", f.sub_url(""));
    CHECK(get.status == 403);
    CHECK(err_code(get) == "AuthorizationFailed");
    CHECK(err_message(get) == "The client '" + kNobodyApp + "' with object id '" + kNobodyOid +
                                  "' does not have authorization to perform action "
                                  "'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/" + f.sub +
                                  "' or the scope is invalid. If access was recently granted, please refresh your "
                                  "credentials.");
    CHECK(f.call("GET", f.sub_url("/locations")).status == 403);
    CHECK(f.call("GET", f.sub_url("/resourcegroups")).status == 403);
    CHECK(f.call("GET", f.sub_url("/resources")).status == 403);
    CHECK(f.call("GET", f.sub_url("/providers")).status == 403);
    auto put = f.create_group("rg2");
    CHECK(put.status == 403);
    CHECK(err_message(put).find("'Microsoft.Resources/subscriptions/resourceGroups/write' over scope '/subscriptions/" +
                                f.sub + "/resourceGroups/rg2'") != std::string::npos);
    // Authorization comes before existence: a missing group is 403, not 404.
    CHECK(f.call("GET", f.sub_url("/resourcegroups/missing")).status == 403);
    CHECK(f.call("DELETE", f.sub_url("/resourcegroups/rg1")).status == 403);
    CHECK(f.call("GET", f.sub_url("/resourcegroups/rg1/providers/Microsoft.KeyVault/vaults/kv")).status == 403);
    // Tenant-level reads need no role.
    CHECK(f.call("GET", kArm + "/providers/Microsoft.KeyVault?api-version=2021-04-01").status == 200);
    // Unknown subscriptions stay 404 (nothing is revealed).
    CHECK(f.call("GET", kArm + "/subscriptions/55555555-0000-4000-8000-000000000000?api-version=1").status == 404);
  }

  TEST_CASE("a user is named by UPN in AuthorizationFailed") {
    ArmFixture f;
    f.token = f.stack.mint({{"oid", kNobodyOid}, {"upn", "someone@azemu.onmicrosoft.com"}, {"idtyp", "user"}});
    auto r = f.call("GET", f.sub_url(""));
    CHECK(r.status == 403);
    CHECK(err_message(r).find("The client 'someone@azemu.onmicrosoft.com' with object id '" + kNobodyOid + "'") == 0);
  }

  TEST_CASE("a group-scoped Reader sees the subscription and only its group, read-only") {
    ArmFixture f;
    f.create_group("mine");
    f.create_group("theirs");
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "mine"));
    f.token = nobody_token(f.stack);
    CHECK(f.call("GET", kArm + "/subscriptions?api-version=2022-12-01").json()["value"].size() == 1);
    CHECK(f.call("GET", f.sub_url("")).status == 200);
    auto groups = f.call("GET", f.sub_url("/resourcegroups"));
    REQUIRE(groups.status == 200);
    REQUIRE(groups.json()["value"].size() == 1);
    CHECK(groups.json()["value"][0]["name"] == "mine");
    CHECK(f.call("GET", f.sub_url("/resourcegroups/MINE")).status == 200);
    CHECK(f.call("GET", f.sub_url("/resourcegroups/mine/resources")).status == 200);
    CHECK(f.call("GET", f.sub_url("/resourcegroups/theirs")).status == 403);
    CHECK(f.call("PATCH", f.sub_url("/resourcegroups/mine"), "{}").status == 403);
    CHECK(f.call("DELETE", f.sub_url("/resourcegroups/mine")).status == 403);
    // Providers are read at subscription scope: the group grant does not reach up there.
    CHECK(f.call("GET", f.sub_url("/providers")).status == 403);
  }

  TEST_CASE("Contributor manages resources but not access; Reader cannot register providers") {
    ArmFixture f;
    grant(f.stack, kNobodyOid, kContributorRoleId, sub_scope(f));
    f.token = nobody_token(f.stack);
    CHECK(f.create_group("rg1").status == 201);
    CHECK(f.call("POST", f.sub_url("/providers/Microsoft.KeyVault/register")).status == 200);
    auto assign = f.call("PUT", scope_url(sub_scope(f), "/providers/Microsoft.Authorization/roleAssignments/"
                                                          "5a5a5a5a-0000-4000-8000-000000000001"),
                         R"({"properties":{"roleDefinitionId":"/subscriptions/)" + f.sub +
                             R"(/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","principalId":")" +
                             f.stack.seed().admin_object_id + R"("}})");
    CHECK(assign.status == 403);
    CHECK(err_message(assign).find("'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/" +
                                   f.sub + "/providers/Microsoft.Authorization/roleAssignments/"
                                           "5a5a5a5a-0000-4000-8000-000000000001'") != std::string::npos);
    CHECK(f.call("DELETE", f.sub_url("/resourcegroups/rg1")).status == 202);

    ArmFixture g;
    grant(g.stack, kNobodyOid, kReaderRoleId, sub_scope(g));
    g.token = nobody_token(g.stack);
    auto reg = g.call("POST", g.sub_url("/providers/Microsoft.KeyVault/register"));
    CHECK(reg.status == 403);
    CHECK(err_message(reg).find("'Microsoft.KeyVault/register/action'") != std::string::npos);
    CHECK(g.call("GET", g.sub_url("/providers/Microsoft.KeyVault")).status == 200);
    CHECK(g.call("GET", g.sub_url("/resources")).status == 200);
  }

  TEST_CASE("the seeded admin user and bootstrap service principal are Owner") {
    ArmFixture f;
    CHECK(f.stack.call_as(f.stack.sp_token(), "GET", f.sub_url("")).status == 200);
    CHECK(f.stack.call_as(f.stack.user_token(), "PUT", f.sub_url("/resourcegroups/u1"), R"({"location":"westus"})").status == 201);
  }
}
