#include "fake-arm/authorization/role_assignments/role_assignment_handlers.hpp"

#include "fake-arm/authorization/builtin_roles.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/authorization/rbac_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
const std::string kName1 = "a1a1a1a1-0000-4000-8000-000000000001";
const std::string kName2 = "a1a1a1a1-0000-4000-8000-000000000002";

std::string assignments(const std::string& scope, const std::string& rest = "") {
  return scope_url(scope, "/providers/Microsoft.Authorization/roleAssignments" + rest, "2020-04-01-preview");
}
std::string role_id(const ArmFixture& f, const std::string& guid) {
  return "/subscriptions/" + f.sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
}
std::string body(const std::string& role, const std::string& principal, const std::string& extra = "") {
  return R"({"properties":{"roleDefinitionId":")" + role + R"(","principalId":")" + principal + "\"" + extra + "}}";
}
std::string code(const Response& r) { return r.json()["error"]["code"]; }
std::size_t count_rows(TestStack& s) {
  return s.db().read([](store::Connection& c) {
    auto q = c.query("SELECT count(*) FROM arm_role_assignments");
    q.step();
    return static_cast<std::size_t>(q.int64(0));
  });
}
void put_vault(ArmFixture& f, const std::string& rg, const std::string& name) {
  auto id = ResourceId::resource(f.sub, rg, "Microsoft.KeyVault", "vaults", name);
  f.stack.db().write([&](store::Connection& c) {
    ResourceStore().put(c, {id, "Microsoft.KeyVault/vaults", "westus", {}, {{"id", id.str()}}, 1, 1});
  });
}
}  // namespace

TEST_SUITE("role_assignment_handlers") {
  TEST_CASE("PUT at resource-group scope answers 201 with ARM's assignment body, then GET and GET by id") {
    ArmFixture f;
    f.create_group("rg1");
    const std::string admin = f.stack.seed().admin_object_id;
    auto r = f.call("PUT", assignments(rg_scope(f, "RG1"), "/" + kName1), body(role_id(f, kReaderRoleId), admin));
    REQUIRE(r.status == 201);
    auto j = r.json();
    const std::string id = rg_scope(f, "rg1") + "/providers/Microsoft.Authorization/roleAssignments/" + kName1;
    CHECK(j["id"] == id);
    CHECK(j["name"] == kName1);
    CHECK(j["type"] == "Microsoft.Authorization/roleAssignments");
    const auto& p = j["properties"];
    CHECK(p["roleDefinitionId"] == role_id(f, kReaderRoleId));
    CHECK(p["principalId"] == admin);
    CHECK(p["principalType"] == "User");  // from the directory when not given
    CHECK(p["scope"] == rg_scope(f, "rg1"));
    CHECK(p["condition"].is_null());
    CHECK(p["conditionVersion"].is_null());
    CHECK(p["delegatedManagedIdentityResourceId"].is_null());
    CHECK(p["description"].is_null());
    CHECK(p["createdBy"] == f.stack.seed().client_object_id);
    CHECK(p["updatedBy"] == f.stack.seed().client_object_id);
    CHECK(p["createdOn"].get<std::string>().back() == 'Z');

    CHECK(f.call("GET", assignments(rg_scope(f, "rg1"), "/" + kName1)).json() == j);
    CHECK(f.call("GET", kArm + "/" + id + "?api-version=2022-04-01").json()["id"] == id);  // "//{id}" form
    auto elsewhere = f.call("GET", assignments(sub_scope(f), "/" + kName1));
    CHECK(elsewhere.status == 404);
    CHECK(code(elsewhere) == "RoleAssignmentNotFound");
  }

  TEST_CASE("PUT at subscription and resource scope; the tenant form of roleDefinitionId is accepted") {
    ArmFixture f;
    f.create_group("rg1");
    put_vault(f, "rg1", "kv1");
    const std::string vault = rg_scope(f, "rg1") + "/providers/Microsoft.KeyVault/vaults/kv1";
    auto r = f.call("PUT", assignments(vault, "/" + kName1),
                    body("/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
                         f.stack.seed().client_object_id, R"(,"principalType":"ServicePrincipal","description":"kv")"));
    REQUIRE(r.status == 201);
    CHECK(r.json()["properties"]["scope"] == vault);
    CHECK(r.json()["properties"]["roleDefinitionId"] == role_id(f, "4633458b-17de-408a-b874-0445c86b69e6"));
    CHECK(r.json()["properties"]["description"] == "kv");
    auto s = f.call("PUT", assignments(sub_scope(f), "/" + kName2), body(kReaderRoleId, f.stack.seed().admin_object_id));
    CHECK(s.status == 201);  // a bare GUID works too
    CHECK(code(f.call("PUT", assignments(rg_scope(f, "rg1") + "/providers/Microsoft.KeyVault/vaults/nope", "/" + kName2),
                      body(kReaderRoleId, f.stack.seed().admin_object_id))) == "ResourceNotFound");
  }

  TEST_CASE("PUT at a Key Vault key or secret scope needs that key or secret; the key scope grants its data actions") {
    ArmFixture f;
    f.create_group("rg1");
    const std::string vault_body = R"({"location":"westus","properties":{"tenantId":")" + f.stack.seed().tenant_id +
                                   R"(","sku":{"family":"A","name":"standard"},"enableRbacAuthorization":true}})";
    const std::string vault = rg_scope(f, "rg1") + "/providers/Microsoft.KeyVault/vaults/kv1";
    REQUIRE(f.call("PUT", scope_url(vault, "", "2022-07-01"), vault_body).status == 201);
    const std::string sp = f.stack.seed().client_object_id;
    const std::string crypto_user = "12338af0-0e69-4776-bea7-57ae8d297424";
    const std::string officer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";  // Key Vault Secrets Officer
    const std::string admin = "00482a5a-887f-4fb3-b363-3b7fe8e74483";    // Key Vault Administrator
    auto missing = f.call("PUT", assignments(vault + "/keys/k1", "/" + kName1), body(role_id(f, crypto_user), sp));
    CHECK(code(missing) == "ResourceNotFound");
    CHECK(missing.json()["error"]["message"].get<std::string>().find("'Microsoft.KeyVault/vaults/keys/kv1/k1'") !=
          std::string::npos);

    // The key and the secret exist once the data plane made them (as the SP, Key Vault Administrator at the vault).
    REQUIRE(f.call("PUT", assignments(vault, "/a1a1a1a1-0000-4000-8000-000000000009"), body(role_id(f, admin), sp)).status == 201);
    const std::string kv_token = f.stack.mint({{"aud", "https://vault.azure.net"}});
    REQUIRE(f.stack.call_as(kv_token, "POST", "https://kv1.vault.azure.net/keys/k1/create?api-version=7.4", R"({"kty":"RSA"})").status == 200);
    REQUIRE(f.stack.call_as(kv_token, "PUT", "https://kv1.vault.azure.net/secrets/s1?api-version=7.4", R"({"value":"v"})").status == 200);
    auto r = f.call("PUT", assignments(vault + "/keys/k1", "/" + kName1), body(role_id(f, crypto_user), sp));
    REQUIRE(r.status == 201);
    CHECK(r.json()["properties"]["scope"] == vault + "/keys/k1");
    CHECK(f.call("PUT", assignments(vault + "/secrets/s1", "/" + kName2), body(role_id(f, officer), sp)).status == 201);
    CHECK(code(f.call("PUT", assignments(rg_scope(f, "rg1") + "/providers/Microsoft.KeyVault/vaults/nope/keys/k1",
                                         "/a1a1a1a1-0000-4000-8000-000000000003"),
                      body(role_id(f, crypto_user), sp))) == "ResourceNotFound");
    // A soft-deleted key is no scope for a new assignment either.
    REQUIRE(f.stack.call_as(kv_token, "DELETE", "https://kv1.vault.azure.net/keys/k1?api-version=7.4").status == 200);
    CHECK(code(f.call("PUT", assignments(vault + "/keys/k1", "/a1a1a1a1-0000-4000-8000-000000000004"),
                      body(role_id(f, officer), sp))) == "ResourceNotFound");

    // Without the vault-wide role, the object-scoped ones grant their object only.
    REQUIRE(f.call("DELETE", assignments(vault, "/a1a1a1a1-0000-4000-8000-000000000009")).status == 200);
    const auto& vaults = f.stack.vaults();
    CHECK(vaults.data_action_allowed(sp, "Microsoft.KeyVault/vaults/keys/sign/action", vault + "/keys/k1"));
    CHECK_FALSE(vaults.data_action_allowed(sp, "Microsoft.KeyVault/vaults/keys/sign/action", vault + "/keys/k2"));
    CHECK_FALSE(vaults.data_action_allowed(sp, "Microsoft.KeyVault/vaults/keys/read", vault));
    CHECK(vaults.data_action_allowed(sp, "Microsoft.KeyVault/vaults/secrets/setSecret/action", vault + "/secrets/s1"));
    CHECK_FALSE(vaults.data_action_allowed(sp, "Microsoft.KeyVault/vaults/secrets/setSecret/action", vault + "/secrets/s2"));
  }

  TEST_CASE("list: atScope() is at-or-above, principalId/assignedTo and no filter include below") {
    ArmFixture f;
    f.create_group("rg1");
    const std::string admin = f.stack.seed().admin_object_id;
    REQUIRE(f.call("PUT", assignments(rg_scope(f, "rg1"), "/" + kName1), body(role_id(f, kReaderRoleId), admin)).status == 201);
    // Seeded: Owner for the bootstrap SP and the admin at subscription scope.
    auto at_sub = f.call("GET", assignments(sub_scope(f), "?$filter=atScope()"));
    REQUIRE(at_sub.status == 200);
    CHECK(at_sub.json()["value"].size() == 2);
    CHECK(f.call("GET", assignments(rg_scope(f, "rg1"), "?$filter=atScope()")).json()["value"].size() == 3);
    CHECK(f.call("GET", assignments(sub_scope(f))).json()["value"].size() == 3);
    auto mine = f.call("GET", assignments(sub_scope(f), "?$filter=principalId%20eq%20%27" + admin + "%27"));
    CHECK(mine.json()["value"].size() == 2);
    CHECK(f.call("GET", assignments(sub_scope(f), "?$filter=assignedTo('" + admin + "')")).json()["value"].size() == 2);
    CHECK(f.call("GET", assignments(sub_scope(f), "?$filter=atScope() and assignedTo('" + admin + "')")).json()["value"].size() == 1);
    CHECK(code(f.call("GET", assignments(sub_scope(f), "?$filter=roleName eq 'x'"))) == "InvalidFilterInQueryString");
  }

  TEST_CASE("DELETE answers 200 with the assignment, then 204; it stops granting at once") {
    ArmFixture f;
    f.create_group("rg1");
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "rg1"));
    auto listed = f.call("GET", assignments(rg_scope(f, "rg1"), "?$filter=atScope()")).json();
    std::string name;
    for (const auto& a : listed["value"])
      if (a["properties"]["principalId"] == kNobodyOid) name = a["name"];
    REQUIRE_FALSE(name.empty());
    auto nobody = nobody_token(f.stack);
    CHECK(f.stack.call_as(nobody, "GET", f.sub_url("/resourcegroups/rg1")).status == 200);
    auto del = f.call("DELETE", assignments(rg_scope(f, "rg1"), "/" + name));
    CHECK(del.status == 200);
    CHECK(del.json()["name"] == name);
    CHECK(f.call("DELETE", assignments(rg_scope(f, "rg1"), "/" + name)).status == 204);
    CHECK(f.stack.call_as(nobody, "GET", f.sub_url("/resourcegroups/rg1")).status == 403);
  }

  TEST_CASE("bad input is refused and nothing is half-created") {
    ArmFixture f;
    const std::size_t before = count_rows(f.stack);
    const std::string admin = f.stack.seed().admin_object_id;
    SUBCASE("unknown role id") {
      auto r = f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, "99999999-0000-4000-8000-000000000000"), admin));
      CHECK(r.status == 400);
      CHECK(code(r) == "RoleDefinitionDoesNotExist");
      CHECK(r.json()["error"]["message"] == "The specified role definition with ID '99999999-0000-4000-8000-000000000000' does not exist.");
    }
    SUBCASE("unknown principal") {
      auto r = f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, kReaderRoleId), kNobodyOid));
      CHECK(r.status == 400);
      CHECK(code(r) == "PrincipalNotFound");
      CHECK(r.json()["error"]["message"].get<std::string>().find("Principal " + kNobodyOid + " does not exist in the directory " +
                                                                 f.stack.seed().tenant_id + ". Check that you have the correct principal ID.") == 0);
    }
    SUBCASE("duplicate (scope, role, principal) under another name") {
      auto r = f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, kOwnerRoleId), admin));
      CHECK(r.status == 409);
      CHECK(code(r) == "RoleAssignmentExists");
      CHECK(r.json()["error"]["message"] == "The role assignment already exists.");
    }
    SUBCASE("same name, different content") {
      REQUIRE(f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, kReaderRoleId), admin)).status == 201);
      CHECK(f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, kReaderRoleId), admin, R"(,"description":"x")")).status == 200);
      auto r = f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(role_id(f, kContributorRoleId), admin));
      CHECK(r.status == 409);
      CHECK(code(r) == "RoleAssignmentUpdateNotPermitted");
      CHECK(count_rows(f.stack) == before + 1);
      return;
    }
    SUBCASE("shapes: name, principal id, role id, principal type, body, scope") {
      CHECK(code(f.call("PUT", assignments(sub_scope(f), "/not-a-guid"), body(kReaderRoleId, admin))) == "InvalidRoleAssignmentId");
      CHECK(code(f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(kReaderRoleId, "x"))) == "InvalidPrincipalId");
      CHECK(code(f.call("PUT", assignments(sub_scope(f), "/" + kName1), body("/x/Reader", admin))) == "InvalidRoleDefinitionId");
      CHECK(code(f.call("PUT", assignments(sub_scope(f), "/" + kName1), body(kReaderRoleId, admin, R"(,"principalType":"ServicePrincipal")"))) ==
            "UnmatchedPrincipalType");
      CHECK(code(f.call("PUT", assignments(sub_scope(f), "/" + kName1), R"({"properties":{"principalId":5}})")) == "InvalidRequestContent");
      CHECK(code(f.call("PUT", assignments(rg_scope(f, "nope"), "/" + kName1), body(kReaderRoleId, admin))) == "ResourceGroupNotFound");
    }
    CHECK(count_rows(f.stack) == before);
  }

  TEST_CASE("a custom role can only be assigned inside its assignable scopes") {
    ArmFixture f;
    f.create_group("rg1");
    f.create_group("rg2");
    const std::string custom = "c1c1c1c1-0000-4000-8000-000000000001";
    REQUIRE(f.call("PUT", scope_url(sub_scope(f), "/providers/Microsoft.Authorization/roleDefinitions/" + custom),
                   R"({"properties":{"roleName":"Only rg1","assignableScopes":[")" + rg_scope(f, "rg1") + R"("]}})")
                .status == 201);
    const std::string admin = f.stack.seed().admin_object_id;
    CHECK(code(f.call("PUT", assignments(rg_scope(f, "rg2"), "/" + kName1), body(role_id(f, custom), admin))) ==
          "RoleAssignmentScopeNotAssignableToRoleDefinition");
    CHECK(f.call("PUT", assignments(rg_scope(f, "rg1"), "/" + kName1), body(role_id(f, custom), admin)).status == 201);
  }

  TEST_CASE("deleting a group deletes the assignments scoped inside it, and only those") {
    ArmFixture f;
    f.create_group("doomed");
    f.create_group("kept");
    put_vault(f, "doomed", "kv1");
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "doomed"));
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "doomed") + "/providers/Microsoft.KeyVault/vaults/kv1");
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "kept"));
    grant(f.stack, kNobodyOid, kReaderRoleId, rg_scope(f, "doomed2"));  // a name sharing the prefix
    const std::size_t before = count_rows(f.stack);
    REQUIRE(f.call("DELETE", f.sub_url("/resourcegroups/DOOMED")).status == 202);
    CHECK(count_rows(f.stack) == before - 2);
    CHECK(f.call("GET", assignments(rg_scope(f, "kept"), "?$filter=atScope()")).json()["value"].size() == 3);
  }

  TEST_CASE("reading and deleting assignments need their own actions") {
    ArmFixture f;
    f.token = nobody_token(f.stack);
    auto r = f.call("GET", assignments(sub_scope(f), "?$filter=atScope()"));
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["message"].get<std::string>().find("'Microsoft.Authorization/roleAssignments/read'") != std::string::npos);
    grant(f.stack, kNobodyOid, kReaderRoleId, sub_scope(f));
    CHECK(f.call("GET", assignments(sub_scope(f), "?$filter=atScope()")).status == 200);
    auto del = f.call("DELETE", assignments(sub_scope(f), "/" + kName1));
    CHECK(del.status == 403);
    CHECK(del.json()["error"]["message"].get<std::string>().find("'Microsoft.Authorization/roleAssignments/delete'") != std::string::npos);
  }
}
