#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {
Plan with(const json& decls, const json& values) { return prepare({{"parameters", decls}}, values, test_scope()); }
std::string message(const json& decls, const json& values) {
  return error_of([&] { with(decls, values); }).what();
}
}  // namespace

TEST_SUITE("parameters") {
  TEST_CASE("provided values, defaults (expressions too) and the report hides secure values") {
    json decls = {{"name", {{"type", "string"}}},
                  {"count", {{"type", "int"}, {"defaultValue", 2}}},
                  {"derived", {{"type", "string"}, {"defaultValue", "[concat(parameters('name'), '-x')]"}}},
                  {"pwd", {{"type", "securestring"}}},
                  {"cfg", {{"type", "secureObject"}, {"defaultValue", {{"a", 1}}}}},
                  {"flag", {{"type", "Bool"}, {"defaultValue", false}}},
                  {"list", {{"type", "array"}, {"defaultValue", json::array()}}}};
    Plan p = with(decls, {{"NAME", {{"value", "vm"}}}, {"pwd", {{"value", "s3cret"}}}});
    const json& r = p.parameters();
    CHECK(r["name"] == json{{"type", "String"}, {"value", "vm"}});
    CHECK(r["count"] == json{{"type", "Int"}, {"value", 2}});
    CHECK(r["derived"]["value"] == "vm-x");
    CHECK(r["pwd"] == json{{"type", "SecureString"}});
    CHECK(r["cfg"] == json{{"type", "SecureObject"}});
    CHECK(r["flag"]["type"] == "Bool");
    CHECK(r["list"]["type"] == "Array");
    // The secure value is still usable inside the template.
    StubResolver stub;
    CHECK(evaluate(p, "[parameters('pwd')]", stub.resolver()) == "s3cret");
  }

  TEST_CASE("a missing value without default is reported as not provided") {
    CHECK(message({{"adminPassword", {{"type", "securestring"}}}}, json::object())
              .find("The value for the template parameter 'adminPassword' at 'parameters.adminPassword' is not provided.") !=
          std::string::npos);
  }

  TEST_CASE("values for undeclared parameters are rejected listing the supported ones") {
    auto m = message({{"a", {{"type", "string"}, {"defaultValue", "x"}}}}, {{"zzz", {{"value", 1}}}});
    CHECK(m.find("The template parameters 'zzz' in the parameters file are not valid") != std::string::npos);
    CHECK(m.find("The only supported parameters for this template are 'a'") != std::string::npos);
  }

  TEST_CASE("type mismatches use ARM's JToken wording") {
    auto e = error_of([] { with({{"n", {{"type", "int"}}}}, {{"n", {{"value", "5"}}}}); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("Template parameter JToken type is not valid. Expected 'Integer'. Actual 'String'.") !=
          std::string::npos);
    CHECK(error_of([] { with({{"b", {{"type", "bool"}}}}, {{"b", {{"value", "true"}}}}); }).code() == "InvalidTemplate");
  }

  TEST_CASE("allowedValues, min/max value, min/max length") {
    json sku = {{"sku", {{"type", "string"}, {"allowedValues", {"Standard_LRS", "Premium_LRS"}}}}};
    CHECK(message(sku, {{"sku", {{"value", "Gold"}}}})
              .find("The provided value 'Gold' for the template parameter 'sku' at 'parameters.sku' is not valid. The parameter "
                    "value is not part of the allowed value(s): 'Standard_LRS,Premium_LRS'.") != std::string::npos);
    CHECK_NOTHROW(with(sku, {{"sku", {{"value", "Premium_LRS"}}}}));
    json n = {{"n", {{"type", "int"}, {"minValue", 1}, {"maxValue", 5}}}};
    CHECK(message(n, {{"n", {{"value", 0}}}}).find("Value should be greater than or equal to '1'.") != std::string::npos);
    CHECK(message(n, {{"n", {{"value", 6}}}}).find("Value should be less than or equal to '5'.") != std::string::npos);
    json s = {{"s", {{"type", "string"}, {"minLength", 3}, {"maxLength", 4}}}};
    CHECK(message(s, {{"s", {{"value", "ab"}}}}).find("Length of the value should be greater than or equal to '3'.") != std::string::npos);
    CHECK(message(s, {{"s", {{"value", "abcde"}}}}).find("Length of the value should be less than or equal to '4'.") != std::string::npos);
    json a = {{"a", {{"type", "array"}, {"allowedValues", {"x", "y"}}}}};
    CHECK_NOTHROW(with(a, {{"a", {{"value", {"y", "x"}}}}}));
    CHECK(error_of([&] { with(a, {{"a", {{"value", {"z"}}}}}); }).code() == "InvalidTemplate");
  }

  TEST_CASE("bad declarations are invalid templates") {
    CHECK(message({{"p", {{"type", "decimal"}}}}, json::object()).find("the type 'decimal' is not supported") != std::string::npos);
    CHECK(message({{"p", {{"defaultValue", 1}}}}, json::object()).find("the property 'type' is required") != std::string::npos);
    CHECK(message({{"a", {{"type", "string"}, {"defaultValue", "[parameters('a')]"}}}}, json::object()).find("refers to itself") !=
          std::string::npos);
    CHECK(message({{"a", {{"type", "string"}, {"defaultValue", "[variables('v')]"}}}}, json::object()).find("not expected") !=
          std::string::npos);
  }
}
