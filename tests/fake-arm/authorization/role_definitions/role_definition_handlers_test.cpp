#include "fake-arm/authorization/role_definitions/role_definition_handlers.hpp"

#include "fake-arm/authorization/builtin_roles.hpp"
#include "tests/fake-arm/authorization/rbac_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
const std::string kCustomId = "c0c0c0c0-0000-4000-8000-000000000001";

std::string defs(const std::string& scope, const std::string& rest = "") {
  return scope_url(scope, "/providers/Microsoft.Authorization/roleDefinitions" + rest, "2018-01-01-preview");
}

std::string custom_body(const std::string& name, const std::string& scopes_json) {
  return R"({"name":")" + kCustomId + R"(","properties":{"roleName":")" + name +
         R"(","description":"d","type":"CustomRole","assignableScopes":)" + scopes_json +
         R"(,"permissions":[{"actions":["Microsoft.Compute/*/read"],"notActions":[],"dataActions":[],"notDataActions":[]}]}})";
}
std::string code(const Response& r) { return r.json()["error"]["code"]; }
}  // namespace

TEST_SUITE("role_definition_handlers") {
  TEST_CASE("list at subscription scope has every built-in with subscription-form ids") {
    ArmFixture f;
    auto r = f.call("GET", defs(sub_scope(f)));
    REQUIRE(r.status == 200);
    const auto body = r.json();
    CHECK(body["value"].size() == builtin_roles().size());
    bool found = false;
    for (const auto& d : body["value"]) {
      if (d["name"] != kReaderRoleId) continue;
      found = true;
      CHECK(d["id"] == "/subscriptions/" + f.sub + "/providers/Microsoft.Authorization/roleDefinitions/" + kReaderRoleId);
      CHECK(d["type"] == "Microsoft.Authorization/roleDefinitions");
      CHECK(d["properties"]["roleName"] == "Reader");
      CHECK(d["properties"]["type"] == "BuiltInRole");
      CHECK(d["properties"]["assignableScopes"] == nlohmann::json::array({"/"}));
      CHECK(d["properties"]["permissions"][0]["actions"] == nlohmann::json::array({"*/read"}));
      CHECK(d["properties"]["permissions"][0]["notDataActions"].is_array());
    }
    CHECK(found);
  }

  TEST_CASE("$filter roleName eq and type eq, at group scope too") {
    ArmFixture f;
    f.create_group("rg1");
    auto r = f.call("GET", defs(rg_scope(f, "rg1"), "?$filter=roleName%20eq%20%27Contributor%27"));
    REQUIRE(r.status == 200);
    REQUIRE(r.json()["value"].size() == 1);
    CHECK(r.json()["value"][0]["id"] ==
          "/subscriptions/" + f.sub + "/providers/Microsoft.Authorization/roleDefinitions/" + kContributorRoleId);
    CHECK(f.call("GET", defs(sub_scope(f), "?$filter=type eq 'CustomRole'")).json()["value"].empty());
    CHECK(f.call("GET", defs(sub_scope(f), "?$filter=roleName eq 'Nope'")).json()["value"].empty());
    CHECK(code(f.call("GET", defs(sub_scope(f), "?$filter=atScope()"))) == "InvalidFilterInQueryString");
    CHECK(code(f.call("GET", defs(rg_scope(f, "missing")))) == "ResourceGroupNotFound");
  }

  TEST_CASE("GET by id at subscription and tenant scope; unknown ids") {
    ArmFixture f;
    auto sub = f.call("GET", defs(sub_scope(f), "/" + std::string(kOwnerRoleId)));
    REQUIRE(sub.status == 200);
    CHECK(sub.json()["properties"]["roleName"] == "Owner");
    auto tenant = f.call("GET", kArm + "/providers/Microsoft.Authorization/roleDefinitions/" + kOwnerRoleId + "?api-version=2022-04-01");
    REQUIRE(tenant.status == 200);
    CHECK(tenant.json()["id"] == std::string("/providers/Microsoft.Authorization/roleDefinitions/") + kOwnerRoleId);
    CHECK(f.call("GET", kArm + "/providers/Microsoft.Authorization/roleDefinitions?api-version=1").json()["value"].size() ==
          builtin_roles().size());
    auto missing = f.call("GET", defs(sub_scope(f), "/" + kCustomId));
    CHECK(missing.status == 404);
    CHECK(code(missing) == "RoleDefinitionDoesNotExist");
    // Tenant-scope reads need no role (decision); subscription-scope ones need roleDefinitions/read.
    f.token = nobody_token(f.stack);
    CHECK(f.call("GET", kArm + "/providers/Microsoft.Authorization/roleDefinitions/" + kOwnerRoleId + "?api-version=1").status == 200);
    CHECK(code(f.call("GET", defs(sub_scope(f), "/" + std::string(kOwnerRoleId)))) == "AuthorizationFailed");
  }

  TEST_CASE("custom role lifecycle: create 201, update 200, listed where assignable, delete 200 then 204") {
    ArmFixture f;
    f.create_group("rg1");
    f.create_group("rg2");
    auto created = f.call("PUT", defs(sub_scope(f), "/" + kCustomId), custom_body("VM Reader", "[\"" + rg_scope(f, "RG1") + "\"]"));
    REQUIRE(created.status == 201);
    auto j = created.json();
    CHECK(j["name"] == kCustomId);
    CHECK(j["properties"]["type"] == "CustomRole");
    CHECK(j["properties"]["assignableScopes"] == nlohmann::json::array({rg_scope(f, "rg1")}));  // stored casing
    CHECK(j["properties"]["createdBy"] == f.stack.seed().client_object_id);

    CHECK(f.call("GET", defs(rg_scope(f, "rg1"), "?$filter=type eq 'CustomRole'")).json()["value"].size() == 1);
    CHECK(f.call("GET", defs(rg_scope(f, "rg2"), "?$filter=type eq 'CustomRole'")).json()["value"].empty());
    CHECK(f.call("GET", defs(sub_scope(f), "?$filter=type eq 'CustomRole'")).json()["value"].empty());
    CHECK(f.call("GET", defs(sub_scope(f), "/" + kCustomId)).json()["properties"]["roleName"] == "VM Reader");

    auto updated = f.call("PUT", defs(sub_scope(f), "/" + kCustomId), custom_body("VM Reader 2", "[\"" + sub_scope(f) + "\"]"));
    CHECK(updated.status == 200);
    CHECK(f.call("GET", defs(sub_scope(f), "?$filter=roleName eq 'VM Reader 2'")).json()["value"].size() == 1);

    CHECK(f.call("DELETE", defs(sub_scope(f), "/" + kCustomId)).status == 200);
    CHECK(f.call("DELETE", defs(sub_scope(f), "/" + kCustomId)).status == 204);
    CHECK(f.call("GET", defs(sub_scope(f), "/" + kCustomId)).status == 404);
  }

  TEST_CASE("custom role errors") {
    ArmFixture f;
    const std::string url = defs(sub_scope(f), "/" + kCustomId);
    SUBCASE("built-ins are read-only") {
      CHECK(code(f.call("PUT", defs(sub_scope(f), "/" + std::string(kReaderRoleId)), custom_body("x", "[\"" + sub_scope(f) + "\"]"))) ==
            "CannotModifyBuiltInRole");
      CHECK(code(f.call("DELETE", defs(sub_scope(f), "/" + std::string(kReaderRoleId)))) == "CannotModifyBuiltInRole");
    }
    SUBCASE("names are unique in the directory, built-ins included") {
      CHECK(code(f.call("PUT", url, custom_body("reader", "[\"" + sub_scope(f) + "\"]"))) == "RoleDefinitionWithSameNameExists");
      CHECK(f.call("PUT", url, custom_body("Mine", "[\"" + sub_scope(f) + "\"]")).status == 201);
      auto dup = f.call("PUT", defs(sub_scope(f), "/c0c0c0c0-0000-4000-8000-000000000002"), custom_body("MINE", "[\"" + sub_scope(f) + "\"]"));
      CHECK(dup.status == 409);
      CHECK(code(dup) == "RoleDefinitionWithSameNameExists");
    }
    SUBCASE("assignable scopes must exist and may not be the root") {
      CHECK(code(f.call("PUT", url, custom_body("x", "[]"))) == "InvalidRoleDefinition");
      CHECK(code(f.call("PUT", url, custom_body("x", "[\"/\"]"))) == "InvalidAssignableScope");
      CHECK(code(f.call("PUT", url, custom_body("x", "[\"" + rg_scope(f, "nope") + "\"]"))) == "ResourceGroupNotFound");
      CHECK(code(f.call("PUT", url, custom_body("x", "[\"/subscriptions/55555555-0000-4000-8000-000000000000\"]"))) ==
            "SubscriptionNotFound");
    }
    SUBCASE("body and id shape") {
      CHECK(code(f.call("PUT", url, R"({"properties":{"assignableScopes":[]}})")) == "InvalidRoleDefinition");
      CHECK(code(f.call("PUT", url, R"({"properties":{"roleName":5}})")) == "InvalidRequestContent");
      CHECK(code(f.call("PUT", defs(sub_scope(f), "/not-a-guid"), custom_body("x", "[\"" + sub_scope(f) + "\"]"))) ==
            "InvalidRoleDefinitionId");
      auto body = custom_body("x", "[\"" + sub_scope(f) + "\"]");
      body.replace(body.find("\"CustomRole\""), 12, "\"BuiltInRole\"");
      CHECK(code(f.call("PUT", url, body)) == "InvalidRoleDefinition");
    }
    SUBCASE("a role in use cannot be deleted") {
      REQUIRE(f.call("PUT", url, custom_body("Mine", "[\"" + sub_scope(f) + "\"]")).status == 201);
      grant(f.stack, kNobodyOid, kCustomId, sub_scope(f));
      auto r = f.call("DELETE", url);
      CHECK(r.status == 409);
      CHECK(code(r) == "RoleDefinitionHasAssignments");
    }
    SUBCASE("writing needs roleDefinitions/write on the route scope and every assignable scope") {
      f.create_group("rg1");
      grant(f.stack, kNobodyOid, kUserAccessAdministratorRoleId, rg_scope(f, "rg1"));
      f.token = nobody_token(f.stack);
      auto r = f.call("PUT", defs(rg_scope(f, "rg1"), "/" + kCustomId), custom_body("x", "[\"" + sub_scope(f) + "\"]"));
      CHECK(r.status == 403);
      CHECK(r.json()["error"]["message"].get<std::string>().find("'Microsoft.Authorization/roleDefinitions/write' over scope '/subscriptions/" +
                                                                 f.sub + "'") != std::string::npos);
      CHECK(f.call("PUT", defs(rg_scope(f, "rg1"), "/" + kCustomId), custom_body("x", "[\"" + rg_scope(f, "rg1") + "\"]")).status == 201);
    }
  }

  TEST_CASE("a custom role grants its actions to its assignees") {
    ArmFixture f;
    f.create_group("rg1");
    std::string body = R"({"properties":{"roleName":"Group reader","assignableScopes":[")" + sub_scope(f) +
                       R"("],"permissions":[{"actions":["Microsoft.Resources/subscriptions/resourceGroups/read"]}]}})";
    REQUIRE(f.call("PUT", defs(sub_scope(f), "/" + kCustomId), body).status == 201);
    grant(f.stack, kNobodyOid, kCustomId, sub_scope(f));
    f.token = nobody_token(f.stack);
    CHECK(f.call("GET", f.sub_url("/resourcegroups/rg1")).status == 200);
    CHECK(f.call("PATCH", f.sub_url("/resourcegroups/rg1"), "{}").status == 403);
  }
}
