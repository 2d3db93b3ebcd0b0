// Template limits (issue 13 item 1): templates built to exhaust the stack or memory end in
// InvalidTemplate (400 from the Deployments API) and the process keeps serving. Each case was a
// SIGSEGV before the limits: 30k-deep concat(), `[0]` chains, 10k variable chains, deep JSON.
#include "fake-arm/deployments/template/template_limits.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"
#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {

std::string nested_concat(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "concat(";
  s += "'a'";
  for (int i = 0; i < depth; ++i) s += ")";
  return "[" + s + "]";
}

std::string index_chain(int length) {
  std::string s = "[createArray(1)";
  for (int i = 0; i < length; ++i) s += "[0]";
  return s + "]";
}

json deep_object(int depth) {
  json v = "leaf";
  for (int i = 0; i < depth; ++i) v = json{{"a", std::move(v)}};
  return v;
}

/// v0 → v1 → ... → v<n-1> = 'end': each variable refers to the next.
json variable_chain(int n) {
  json vars = json::object();
  for (int i = 0; i + 1 < n; ++i) vars["v" + std::to_string(i)] = "[variables('v" + std::to_string(i + 1) + "')]";
  vars["v" + std::to_string(n - 1)] = "end";
  return vars;
}

json with_output(const std::string& expr, json variables = json::object()) {
  return {{"variables", std::move(variables)}, {"resources", json::array()},
          {"outputs", {{"o", {{"type", "string"}, {"value", expr}}}}}};
}

std::string error_text(const json& t) {
  TemplateError e = error_of([&] { prepare(t, json::object(), test_scope()); });
  CHECK(e.code() == "InvalidTemplate");
  return e.what();
}

}  // namespace

TEST_SUITE("template_limits") {
  TEST_CASE("concat() nested 30k deep is InvalidTemplate (expression length), 200 deep too (nesting)") {
    CHECK(error_text(with_output(nested_concat(30000))).find("The language expression length limit exceeded. Limit: '81920'") !=
          std::string::npos);
    std::string deep = error_text(with_output(nested_concat(200)));
    CHECK(deep.find("nested more than '128' levels") != std::string::npos);
    CHECK(deep.size() < 2000);  // the message quotes the expression's start only
    Plan ok = prepare(with_output(nested_concat(100)), json::object(), test_scope());
    StubResolver stub;
    CHECK(evaluate_outputs(ok, stub.resolver())["o"]["value"] == "a");
  }

  TEST_CASE("a [0] index chain is bounded like calls") {
    CHECK(error_text(with_output(index_chain(30000))).find("length limit exceeded") != std::string::npos);
    CHECK(error_text(with_output(index_chain(20000))).find("nested more than '128' levels") != std::string::npos);
    CHECK(error_text(with_output(index_chain(200))).find("nested more than '128' levels") != std::string::npos);
  }

  TEST_CASE("a chain of 10k variables is InvalidTemplate; a chain of 100 evaluates") {
    std::string m = error_text(with_output("[variables('v0')]", variable_chain(10000)));
    CHECK(m.find("nested more than '512' levels") != std::string::npos);
    CHECK(m.find("The template variable 'v0'") != std::string::npos);
    Plan ok = prepare(with_output("[variables('v0')]", variable_chain(100)), json::object(), test_scope());
    StubResolver stub;
    CHECK(evaluate_outputs(ok, stub.resolver())["o"]["value"] == "end");
  }

  TEST_CASE("template JSON nested 100k deep, or deeper than 64, is InvalidTemplate") {
    json t = with_output("x");
    t["variables"]["deep"] = deep_object(100000);
    CHECK(error_text(t).find("nested more than '64' levels") != std::string::npos);
    t["variables"]["deep"] = deep_object(70);
    CHECK(error_text(t).find("nested more than '64' levels") != std::string::npos);
    t["variables"]["deep"] = deep_object(50);
    CHECK_NOTHROW(prepare(t, json::object(), test_scope()));
  }

  TEST_CASE("json() refuses text nested deeper than 64 levels") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += R"({"a":)";
    text += "1" + std::string(100000, '}');
    json vars = {{"deep", text}};
    // json() runs when the value is evaluated (outputs are not evaluated by prepare()).
    TemplateError e = error_of([&] { eval("[string(json(variables('deep')))]", json::object(), vars); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("nests more than '64' levels") != std::string::npos);
    CHECK(eval("[json('[[1]]')[0][0]]") == 1);
  }

  TEST_CASE("a template over 4 MB is InvalidTemplate") {
    json t = with_output("x");
    t["variables"]["big"] = std::string(kMaxTemplateBytes + 1, 'x');
    CHECK(error_text(t).find("exceeds the maximum size of '4194304' bytes") != std::string::npos);
  }

  TEST_CASE("doubling concat() chains stop at the value size limit instead of exhausting memory") {
    json vars = {{"v0", std::string(1024, 'a')}};
    for (int i = 1; i <= 30; ++i)  // 2^30 KiB if nothing stopped it
      vars["v" + std::to_string(i)] = "[concat(variables('v" + std::to_string(i - 1) + "'), variables('v" +
                                      std::to_string(i - 1) + "'))]";
    CHECK(error_text(with_output("[variables('v30')]", vars)).find("produced a value larger than") != std::string::npos);
  }

  TEST_CASE("syntax errors anywhere in the template fail validation, before anything deploys") {
    json t = {{"resources", json::array({{{"type", "Microsoft.Network/virtualNetworks"}, {"apiVersion", "2022-07-01"},
                                           {"name", "v"}, {"properties", {{"x", "[concat('a']"}}}}})}};
    CHECK(error_text(t).find("properties.x") != std::string::npos);
    // An inner-scope nested template is its own deployment: its expressions are checked there.
    json nested = {{"resources", json::array({{{"type", "Microsoft.Resources/deployments"}, {"apiVersion", "2021-04-01"},
                                                {"name", "n"},
                                                {"properties", {{"expressionEvaluationOptions", {{"scope", "inner"}}},
                                                                {"template", {{"resources", json::array()},
                                                                              {"outputs", {{"o", {{"type", "string"},
                                                                                                  {"value", "[concat(]"}}}}}}}}}}})}};
    CHECK_NOTHROW(prepare(nested, json::object(), test_scope()));
  }

  TEST_CASE("deeper_than() and larger_than() are iterative and exact at the limit") {
    CHECK_FALSE(deeper_than(deep_object(64), 64));
    CHECK(deeper_than(deep_object(65), 64));
    CHECK(deeper_than(deep_object(200000), 64));
    CHECK_FALSE(deeper_than(json("scalar"), 0));
    CHECK_FALSE(larger_than(json::array({"ab", "cd"}), 6));  // 2 elements + 4 bytes
    CHECK(larger_than(json::array({"ab", "cd"}), 5));
  }
}

TEST_SUITE("template_limits over HTTP") {
  using azemu::testing::ArmFixture;

  struct Fixture : ArmFixture {
    Fixture() { REQUIRE(create_group("rg").status == 201); }
    azemu::testing::Response deploy(const std::string& name, const std::string& body) {
      return call("PUT", sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/" + name), body);
    }
    azemu::testing::Response deploy(const std::string& name, const json& tmpl) {
      return deploy(name, json{{"properties", {{"mode", "Incremental"}, {"template", tmpl}}}}.dump());
    }
  };

  TEST_CASE("the issue 13 templates answer 400 InvalidTemplate and the stack keeps serving") {
    Fixture f;
    json vm_property = {{"resources", json::array({{{"type", "Microsoft.Network/virtualNetworks"}, {"apiVersion", "2022-07-01"},
                                                    {"name", "v"}, {"location", "westus"},
                                                    {"properties", {{"x", nested_concat(30000)}}}}})}};
    for (const json& t : {vm_property, with_output(index_chain(20000)), with_output("[variables('v0')]", variable_chain(10000))}) {
      auto r = f.deploy("d1", t);
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["code"] == "InvalidTemplate");
    }
    CHECK(f.call("GET", f.sub_url("/resourcegroups/rg")).status == 200);
    CHECK(f.call("GET", f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/d1")).status == 404);
  }

  TEST_CASE("a body nested 100k deep is InvalidRequestContent; over 4 MB is 413 RequestContentTooLarge") {
    Fixture f;
    std::string deep = R"({"properties":{"mode":"Incremental","template":{"resources":[],"variables":{"a":)";
    for (int i = 0; i < 100000; ++i) deep += R"({"a":)";
    deep += "1";
    deep += std::string(100000, '}');
    deep += "}}}";
    auto r = f.deploy("d2", deep);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidRequestContent");
    CHECK(r.body.find("json.exception") == std::string::npos);

    json big = with_output("x");
    big["variables"]["big"] = std::string(kMaxTemplateBytes, 'x');
    auto too_large = f.deploy("d3", big);
    CHECK(too_large.status == 413);
    CHECK(too_large.json()["error"]["code"] == "RequestContentTooLarge");
    CHECK(too_large.json()["error"]["message"] == "The request content size exceeds the maximum size of 4 MB.");
  }
}
