#include "fake-arm/deployments/deployment_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/mount.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using json = nlohmann::json;

namespace {

struct DeployFixture : ArmFixture {
  DeployFixture() { REQUIRE(create_group("rg").status == 201); }

  std::string dep_url(const std::string& name, const std::string& rest = "", const std::string& group = "rg") const {
    return sub_url("/resourcegroups/" + group + "/providers/Microsoft.Resources/deployments/" + name + rest);
  }
  std::string sub_dep_url(const std::string& name, const std::string& rest = "") const {
    return sub_url("/providers/Microsoft.Resources/deployments/" + name + rest);
  }
  std::string vault_url(const std::string& name, const std::string& group = "rg") const {
    return sub_url("/resourceGroups/" + group + "/providers/Microsoft.KeyVault/vaults/" + name, "2022-07-01");
  }
  Response deploy(const std::string& name, const json& tmpl, const json& params = json::object(),
                  const std::string& mode = "Incremental") {
    return call("PUT", dep_url(name), json{{"properties", {{"template", tmpl}, {"parameters", params}, {"mode", mode}}}}.dump());
  }
  json get(const std::string& url) { return call("GET", url).json(); }
};

/// A vault resource as templates write it (tenant from subscription(), no access policies).
json vault_resource(const std::string& name_expr, json extra = json::object()) {
  json r = {{"type", "Microsoft.KeyVault/vaults"},
            {"apiVersion", "2022-07-01"},
            {"name", name_expr},
            {"location", "[resourceGroup().location]"},
            {"properties",
             {{"tenantId", "[subscription().tenantId]"},
              {"sku", {{"family", "A"}, {"name", "standard"}}},
              {"accessPolicies", json::array()}}}};
  r.update(extra);
  return r;
}

json base_template(json resources, json outputs = json::object()) {
  return {{"$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"},
          {"contentVersion", "1.0.0.0"},
          {"resources", std::move(resources)},
          {"outputs", std::move(outputs)}};
}

/// Parameters, variables, a copy loop of three vaults, a condition and reference() in outputs.
json copy_template() {
  json t = base_template(
      json::array({vault_resource("[concat(variables('prefix'), copyIndex())]",
                                  {{"copy", {{"name", "vaults"}, {"count", "[parameters('count')]"}}}}),
                   vault_resource("skipped-kv", {{"condition", "[parameters('withExtra')]"}})}),
      {{"firstUri",
        {{"type", "string"},
         {"value", "[reference(resourceId('Microsoft.KeyVault/vaults', concat(variables('prefix'), '0'))).vaultUri]"}}},
       {"prefixOut", {{"type", "string"}, {"value", "[variables('prefix')]"}}}});
  t["parameters"] = {{"count", {{"type", "int"}, {"defaultValue", 3}}},
                     {"withExtra", {{"type", "bool"}, {"defaultValue", false}}},
                     {"secret", {{"type", "securestring"}, {"defaultValue", "hush"}}}};
  t["variables"] = {{"prefix", "kvcopy"}};
  return t;
}

}  // namespace

TEST_SUITE("deployment_handlers") {
  TEST_CASE("PUT accepts (201 + polling headers), then the deployment runs to Succeeded") {
    DeployFixture f;
    auto r = f.deploy("dep1", copy_template(), {{"count", {{"value", 3}}}, {"secret", {{"value", "s3cret"}}}});
    REQUIRE(r.status == 201);
    auto accepted = r.json();
    CHECK(accepted["id"] == "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Resources/deployments/dep1");
    CHECK(accepted["type"] == "Microsoft.Resources/deployments");
    CHECK(accepted["properties"]["provisioningState"] == "Accepted");
    CHECK(r.header("retry-after") == "1");
    const std::string poll = r.header("azure-asyncoperation");
    REQUIRE(!poll.empty());
    CHECK(f.call("GET", poll).json()["status"] == "Succeeded");

    auto d = f.get(f.dep_url("dep1"));
    const auto& p = d["properties"];
    CHECK(p["provisioningState"] == "Succeeded");
    CHECK(p["mode"] == "Incremental");
    CHECK(p["outputs"]["firstUri"]["value"] == "https://kvcopy0.vault.azure.net/");
    CHECK(p["outputs"]["prefixOut"]["value"] == "kvcopy");
    CHECK(p["outputResources"].size() == 3);
    CHECK(p["parameters"]["count"]["value"] == 3);
    CHECK_FALSE(p["parameters"]["secret"].contains("value"));  // securestring never echoed
    CHECK(p["providers"][0]["namespace"] == "Microsoft.KeyVault");
    CHECK(p["providers"][0]["resourceTypes"][0]["locations"] == json{"westus"});
    CHECK(p["duration"].get<std::string>().starts_with("PT"));
    CHECK_FALSE(p.contains("error"));
    for (int i = 0; i < 3; ++i) CHECK(f.call("GET", f.vault_url("kvcopy" + std::to_string(i))).status == 200);
    CHECK(f.call("GET", f.vault_url("skipped-kv")).status == 404);  // condition false

    auto ops = f.get(f.dep_url("dep1", "/operations"))["value"];
    REQUIRE(ops.size() == 4);  // three vaults + EvaluateDeploymentOutput
    CHECK(ops[0]["properties"]["provisioningOperation"] == "Create");
    CHECK(ops[0]["properties"]["provisioningState"] == "Succeeded");
    CHECK(ops[0]["properties"]["statusCode"] == "Created");
    CHECK(ops[0]["properties"]["targetResource"]["resourceType"] == "Microsoft.KeyVault/vaults");
    CHECK(ops[3]["properties"]["provisioningOperation"] == "EvaluateDeploymentOutput");
    // The spec's group-scope path (az deployment operation group list) has no providers segment.
    CHECK(f.get(f.sub_url("/resourcegroups/rg/deployments/dep1/operations"))["value"].size() == 4);
    const std::string op_id = ops[0]["operationId"];
    auto one = f.call("GET", f.dep_url("dep1", "/operations/" + op_id));
    CHECK(one.status == 200);
    CHECK(one.json()["properties"]["targetResource"]["resourceName"] == ops[0]["properties"]["targetResource"]["resourceName"]);
    CHECK(f.call("GET", f.dep_url("dep1", "/operations/0000000000000000")).json()["error"]["code"] ==
          "DeploymentOperationNotFound");

    // A second PUT of the same name redeploys: 200, and the vaults are updated ("OK").
    auto again = f.deploy("dep1", copy_template());
    CHECK(again.status == 200);
    auto ops2 = f.get(f.dep_url("dep1", "/operations"))["value"];
    CHECK(ops2[0]["properties"]["statusCode"] == "OK");
  }

  TEST_CASE("template errors are 400 and nothing is stored; validate answers the same way") {
    DeployFixture f;
    json cyclic = base_template(json::array({vault_resource("kva", {{"dependsOn", {"kvb"}}}),
                                             vault_resource("kvb", {{"dependsOn", {"kva"}}})}));
    auto r = f.deploy("bad", cyclic);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidTemplate");
    CHECK(r.json()["error"]["message"].get<std::string>().find("Circular dependency") != std::string::npos);
    auto missing = f.call("GET", f.dep_url("bad"));
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "DeploymentNotFound");
    CHECK(missing.json()["error"]["message"] == "Deployment 'bad' could not be found.");
    CHECK(f.call("HEAD", f.dep_url("bad")).status == 404);

    auto v = f.call("POST", f.dep_url("bad", "/validate"), json{{"properties", {{"template", cyclic}, {"mode", "Incremental"}}}}.dump());
    CHECK(v.status == 400);
    CHECK(v.json()["error"]["code"] == "InvalidTemplate");

    auto ok = f.call("POST", f.dep_url("good", "/validate"),
                     json{{"properties", {{"template", copy_template()}, {"mode", "Incremental"}}}}.dump());
    CHECK(ok.status == 200);
    CHECK(ok.json()["properties"]["provisioningState"] == "Succeeded");
    CHECK(ok.json()["properties"]["validatedResources"].size() == 3);
    CHECK(f.call("GET", f.dep_url("good")).status == 404);  // validate stores nothing
    CHECK(f.call("GET", f.vault_url("kvcopy0")).status == 404);

    SUBCASE("missing required parameter") {
      json t = base_template(json::array());
      t["parameters"] = {{"needed", {{"type", "string"}}}};
      auto p = f.deploy("noparam", t);
      CHECK(p.status == 400);
      CHECK(p.json()["error"]["code"].get<std::string>().starts_with("InvalidTemplate"));
    }
    SUBCASE("bodies") {
      CHECK(f.call("PUT", f.dep_url("x"), R"({"properties":{"mode":"Incremental"}})").json()["error"]["code"] ==
            "InvalidRequestContent");
      CHECK(f.call("PUT", f.dep_url("x"), R"({"properties":{"mode":"Sideways","template":{}}})").json()["error"]["code"] ==
            "InvalidRequestContent");
      auto link = f.call("PUT", f.dep_url("x"), R"({"properties":{"templateLink":{"uri":"https://x/t.json"}}})");
      CHECK(link.json()["error"]["code"] == "AzemuNotImplemented");
      CHECK(f.call("PUT", f.dep_url("x", "", "nogroup"), json{{"properties", {{"template", copy_template()}}}}.dump())
                .json()["error"]["code"] == "ResourceGroupNotFound");
    }
  }

  TEST_CASE("az's JSONC body (unquoted template key, comments) is accepted") {
    DeployFixture f;
    // azure-cli JsonCTemplatePolicy splices the file text in as `template:{...}`.
    const std::string body = R"({"properties": {"parameters": {}, "mode": "Incremental", template:{
      // a comment az leaves in
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0", /* block comment */
      "resources": [], "outputs": {"url": {"type": "string", "value": "http://x//y"}}}}})";
    auto r = f.call("PUT", f.dep_url("jsonc"), body);
    REQUIRE(r.status == 201);
    CHECK(f.get(f.dep_url("jsonc"))["properties"]["outputs"]["url"]["value"] == "http://x//y");
  }

  TEST_CASE("a failing resource fails the deployment; independent resources stay, dependents are not tried") {
    DeployFixture f;
    json t = base_template(json::array({vault_resource("goodkv1"), vault_resource("bad--name"),
                                        vault_resource("afterbad", {{"dependsOn", {"bad--name"}}})}));
    auto r = f.deploy("faildep", t);
    REQUIRE(r.status == 201);
    auto status = f.call("GET", r.header("azure-asyncoperation")).json();
    CHECK(status["status"] == "Failed");
    CHECK(status["error"]["code"] == "DeploymentFailed");
    CHECK(status["error"]["details"][0]["code"] == "VaultNameNotValid");

    auto d = f.get(f.dep_url("faildep"));
    const auto& err = d["properties"]["error"];
    CHECK(d["properties"]["provisioningState"] == "Failed");
    CHECK(err["code"] == "DeploymentFailed");
    CHECK(err["message"].get<std::string>().starts_with("At least one resource deployment operation failed."));
    REQUIRE(err["details"].size() == 1);
    CHECK(err["details"][0]["code"] == "VaultNameNotValid");
    CHECK(err["details"][0]["target"].get<std::string>().ends_with("/vaults/bad--name"));
    CHECK(err["details"][0]["message"].get<std::string>().find("'bad--name'") != std::string::npos);
    CHECK(f.call("GET", f.vault_url("goodkv1")).status == 200);
    CHECK(f.call("GET", f.vault_url("afterbad")).status == 404);

    auto ops = f.get(f.dep_url("faildep", "/operations"))["value"];
    REQUIRE(ops.size() == 2);
    int failed = 0;
    for (const auto& op : ops)
      if (op["properties"]["provisioningState"] == "Failed") {
        ++failed;
        CHECK(op["properties"]["statusCode"] == "BadRequest");
        CHECK(op["properties"]["statusMessage"]["error"]["code"] == "VaultNameNotValid");
      }
    CHECK(failed == 1);

    auto failed_only = f.get(f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/?$filter=" +
                                       text::percent_encode("provisioningState eq 'Failed'")));
    CHECK(failed_only["value"].size() == 1);
  }

  TEST_CASE("unknown resource types fail that resource with ARM's error") {
    DeployFixture f;
    json t = base_template(json::array({{{"type", "Contoso.Widgets/widgets"}, {"apiVersion", "2020-01-01"}, {"name", "w1"}}}));
    REQUIRE(f.deploy("unknown", t).status == 201);
    auto err = f.get(f.dep_url("unknown"))["properties"]["error"];
    CHECK(err["details"][0]["code"] == "InvalidResourceNamespace");
  }

  TEST_CASE("nested deployments are real child deployments; their outputs flow back") {
    DeployFixture f;
    REQUIRE(f.create_group("other").status == 201);
    json inner = base_template(json::array({vault_resource("[parameters('kvName')]")}),
                               {{"innerUri", {{"type", "string"}, {"value", "[reference(parameters('kvName')).vaultUri]"}}}});
    inner["parameters"] = {{"kvName", {{"type", "string"}}}};
    json nested = {{"type", "Microsoft.Resources/deployments"},
                   {"apiVersion", "2021-04-01"},
                   {"name", "child"},
                   {"resourceGroup", "other"},
                   {"properties",
                    {{"mode", "Incremental"},
                     {"expressionEvaluationOptions", {{"scope", "inner"}}},
                     {"parameters", {{"kvName", {{"value", "nestedkv"}}}}},
                     {"template", inner}}}};
    json t = base_template(json::array({nested}),
                           {{"fromChild",
                             {{"type", "string"},
                              {"value", "[reference(resourceId('other', 'Microsoft.Resources/deployments', 'child')).outputs.innerUri.value]"}}}});
    REQUIRE(f.deploy("parent", t).status == 201);
    auto d = f.get(f.dep_url("parent"));
    INFO(d.dump());
    CHECK(d["properties"]["provisioningState"] == "Succeeded");
    CHECK(d["properties"]["outputs"]["fromChild"]["value"] == "https://nestedkv.vault.azure.net/");
    CHECK(d["properties"]["outputResources"][0]["id"].get<std::string>().ends_with("/resourceGroups/other/providers/Microsoft.KeyVault/vaults/nestedkv"));
    auto child = f.get(f.dep_url("child", "", "other"));
    CHECK(child["properties"]["provisioningState"] == "Succeeded");
    CHECK(f.call("GET", f.vault_url("nestedkv", "other")).status == 200);

    SUBCASE("a failing child fails the parent with the child's error") {
      json bad = nested;
      bad["name"] = "badchild";
      bad["properties"]["parameters"]["kvName"]["value"] = "x";  // too short
      REQUIRE(f.deploy("parent2", base_template(json::array({bad}))).status == 201);
      auto err = f.get(f.dep_url("parent2"))["properties"]["error"];
      CHECK(err["code"] == "DeploymentFailed");
      CHECK(err["details"][0]["code"] == "DeploymentFailed");
      CHECK(err["details"][0]["details"][0]["code"] == "VaultNameNotValid");
      CHECK(f.get(f.dep_url("badchild", "", "other"))["properties"]["provisioningState"] == "Failed");
    }
  }

  TEST_CASE("subscription scope: a template creates a resource group and deploys into it") {
    DeployFixture f;
    json nested = {{"type", "Microsoft.Resources/deployments"},
                   {"apiVersion", "2021-04-01"},
                   {"name", "intoGroup"},
                   {"resourceGroup", "[parameters('rgName')]"},
                   {"dependsOn", {"[parameters('rgName')]"}},
                   {"properties",
                    {{"mode", "Incremental"},
                     {"expressionEvaluationOptions", {{"scope", "inner"}}},
                     {"template", base_template(json::array({vault_resource("subkv")}))}}}};
    json t = base_template(json::array({{{"type", "Microsoft.Resources/resourceGroups"},
                                         {"apiVersion", "2021-04-01"},
                                         {"name", "[parameters('rgName')]"},
                                         {"location", "eastus"},
                                         {"tags", {{"env", "test"}}}},
                                        nested}));
    t["$schema"] = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    t["parameters"] = {{"rgName", {{"type", "string"}}}};
    const json body = {{"location", "westus"}, {"properties", {{"template", t}, {"mode", "Incremental"}, {"parameters", {{"rgName", {{"value", "made-by-template"}}}}}}}};
    auto r = f.call("PUT", f.sub_dep_url("subdep"), body.dump());
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto d = f.get(f.sub_dep_url("subdep"));
    CHECK(d["location"] == "westus");
    CHECK(d["id"] == "/subscriptions/" + f.sub + "/providers/Microsoft.Resources/deployments/subdep");
    CHECK(d["properties"]["provisioningState"] == "Succeeded");
    auto g = f.get(f.sub_url("/resourcegroups/made-by-template"));
    CHECK(g["location"] == "eastus");
    CHECK(g["tags"]["env"] == "test");
    CHECK(f.call("GET", f.vault_url("subkv", "made-by-template")).status == 200);
    CHECK(f.get(f.sub_url("/providers/Microsoft.Resources/deployments/"))["value"].size() == 1);

    json no_loc = body;
    no_loc.erase("location");
    CHECK(f.call("PUT", f.sub_dep_url("subdep2"), no_loc.dump()).json()["error"]["code"] == "LocationRequired");
    json moved = body;
    moved["location"] = "eastus";
    CHECK(f.call("PUT", f.sub_dep_url("subdep"), moved.dump()).json()["error"]["code"] == "InvalidDeploymentLocation");
  }

  TEST_CASE("list, HEAD, exportTemplate, cancel and delete") {
    DeployFixture f;
    REQUIRE(f.deploy("a", base_template(json::array())).status == 201);
    REQUIRE(f.deploy("b", base_template(json::array())).status == 201);
    CHECK(f.call("HEAD", f.dep_url("a")).status == 204);
    auto all = f.get(f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/"));
    CHECK(all["value"].size() == 2);
    auto top = f.get(f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/?$top=1"));
    CHECK(top["value"].size() == 1);
    CHECK(top.contains("nextLink"));
    auto bad_filter = f.call("GET", f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/?$filter=" +
                                              text::percent_encode("name eq 'a'")));
    CHECK(bad_filter.status == 400);
    CHECK(bad_filter.json()["error"]["code"] == "InvalidFilterInQueryString");

    auto exported = f.call("POST", f.dep_url("a", "/exportTemplate"));
    CHECK(exported.status == 200);
    CHECK(exported.json()["template"]["contentVersion"] == "1.0.0.0");

    auto cancel = f.call("POST", f.dep_url("a", "/cancel"));
    CHECK(cancel.status == 409);
    CHECK(cancel.json()["error"]["code"] == "DeploymentCannotBeCanceled");

    auto del = f.call("DELETE", f.dep_url("a"));
    CHECK(del.status == 202);
    CHECK(!del.header("location").empty());
    CHECK(f.call("GET", f.dep_url("a")).status == 404);
    CHECK(f.call("DELETE", f.dep_url("a")).status == 204);

    // Deleting the group takes its deployments with it.
    REQUIRE(f.call("DELETE", f.sub_url("/resourcegroups/rg")).status == 202);
    REQUIRE(f.create_group("rg").status == 201);
    CHECK(f.call("GET", f.dep_url("b")).status == 404);
  }

  TEST_CASE("Complete mode deletes the group's resources the template does not declare") {
    DeployFixture f;
    REQUIRE(f.deploy("one", base_template(json::array({vault_resource("keepkv"), vault_resource("dropkv")}))).status == 201);
    REQUIRE(f.deploy("two", base_template(json::array({vault_resource("keepkv")})), json::object(), "Complete").status == 201);
    auto d = f.get(f.dep_url("two"));
    INFO(d.dump());
    CHECK(d["properties"]["provisioningState"] == "Succeeded");
    CHECK(d["properties"]["mode"] == "Complete");
    CHECK(f.call("GET", f.vault_url("keepkv")).status == 200);
    CHECK(f.call("GET", f.vault_url("dropkv")).status == 404);
    bool deleted = false;
    auto ops = f.get(f.dep_url("two", "/operations"))["value"];
    INFO(ops.dump());
    for (const auto& op : ops)
      deleted |= op["properties"]["provisioningOperation"] == "Delete";
    CHECK(deleted);
  }

  TEST_CASE("a deployment left Running by a previous process is failed by start-up recovery") {
    DeployFixture f;
    const std::string id = "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Resources/deployments/stale";
    f.stack.db().write([&](store::Connection& c) {
      c.run("INSERT INTO arm_deployments (id_key, id, subscription_id, group_key, location, state, operation_id, body, "
            "started_ms, changed_ms) VALUES (?, ?, ?, 'rg', NULL, 'Running', 'op-x', ?, 1, 1)",
            text::to_lower(id), id, f.sub,
            json{{"mode", "Incremental"}, {"template", json::object()}, {"parameters", json::object()},
                 {"providers", json::array()}, {"dependencies", json::array()}, {"outputResources", json::array()}}
                .dump());
      c.run("INSERT INTO arm_operations (id, subscription_id, namespace, location, kind, status, started_at) "
            "VALUES ('op-x', ?, 'Microsoft.Resources', '', 'deploymentCreate', 'InProgress', 1)", f.sub);
    });
    CHECK(arm::recover_interrupted_work(f.stack.db(), f.stack.clock()) == 1);
    auto d = f.get(f.dep_url("stale"));
    INFO(d.dump());
    CHECK(d["properties"]["provisioningState"] == "Failed");
    CHECK(d["properties"]["error"]["code"] == "DeploymentInterrupted");
  }

  TEST_CASE("RBAC: a caller without a role gets AuthorizationFailed") {
    DeployFixture f;
    auto stranger = f.stack.mint({{"oid", "11111111-2222-3333-4444-555555555555"}});
    auto r = f.stack.call_as(stranger, "PUT", f.dep_url("x"), json{{"properties", {{"template", base_template(json::array())}}}}.dump());
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["code"] == "AuthorizationFailed");
  }
}
