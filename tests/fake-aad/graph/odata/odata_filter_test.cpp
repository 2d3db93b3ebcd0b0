// $filter parsing and evaluation over wire JSON: the forms az sends, combinators, case folding,
// malformed and unsupported clauses.
#include "fake-aad/graph/odata/odata_filter.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad::odata;

namespace {
const nlohmann::json kSp = {{"appId", "11111111-0000-4000-8000-000000000001"},
                            {"displayName", "azure-cli-2024-01-01"},
                            {"accountEnabled", true},
                            {"servicePrincipalNames", {"11111111-0000-4000-8000-000000000001", "api://thing"}}};

bool eval(const std::string& f) { return matches(parse_filter(f), kSp); }

std::string code_of(const std::string& f) {
  try {
    parse_filter(f);
  } catch (const AzureError& e) {
    return e.code() + ": " + e.message();
  }
  return "";
}
}  // namespace

TEST_SUITE("odata_filter") {

TEST_CASE("eq, startswith and any() match as Graph does, ignoring case of string values") {
  CHECK(eval("appId eq '11111111-0000-4000-8000-000000000001'"));
  CHECK(eval("displayName eq 'AZURE-CLI-2024-01-01'"));
  CHECK_FALSE(eval("displayName eq 'azure-cli'"));
  CHECK(eval("startswith(displayName,'azure-cli-')"));
  CHECK(eval("startswith( displayName , 'AZURE' )"));
  CHECK_FALSE(eval("startswith(displayName,'cli')"));
  CHECK(eval("servicePrincipalNames/any(c:c eq 'api://thing')"));
  CHECK(eval("servicePrincipalNames/any(x: x eq 'API://THING')"));
  CHECK_FALSE(eval("servicePrincipalNames/any(c:c eq 'api://other')"));
  CHECK(eval("servicePrincipalNames/any(c:startswith(c,'api://'))"));
  CHECK(eval("accountEnabled eq true"));
  CHECK_FALSE(eval("accountEnabled eq false"));
}

TEST_CASE("and, or, not and parentheses combine clauses") {
  CHECK(eval("startswith(displayName,'azure') and appId eq '11111111-0000-4000-8000-000000000001'"));
  CHECK_FALSE(eval("startswith(displayName,'azure') and appId eq 'x'"));
  CHECK(eval("appId eq 'x' or displayName eq 'azure-cli-2024-01-01'"));
  CHECK(eval("not (appId eq 'x')"));
  CHECK(eval("(appId eq 'x' or appId eq 'y') or accountEnabled eq true"));
}

TEST_CASE("quotes inside literals are doubled") {
  nlohmann::json e = {{"displayName", "O'Brien"}};
  CHECK(matches(parse_filter("displayName eq 'O''Brien'"), e));
}

TEST_CASE("malformed filters are 400 BadRequest 'Invalid filter clause'") {
  for (std::string bad : {"displayName eq", "displayName 'x'", "startswith(displayName,'x'", "appId eq 'open",
                          "servicePrincipalNames/all(c:c eq 'x')", "(appId eq 'x'", "appId eq 'x' and", "",
                          "frobnicate(displayName,'x')", "appId eq 'x' extra"}) {
    CAPTURE(bad);
    CHECK(code_of(bad).rfind("BadRequest: Invalid filter clause", 0) == 0);
  }
}

TEST_CASE("number literals that do not parse are an invalid filter, not an exception") {
  // Was: std::stoll threw std::invalid_argument / std::out_of_range and the request got a 500.
  for (std::string bad : {"appId eq -", "appId eq --1", "appId eq 1-2", "appId eq 99999999999999999999999"}) {
    CAPTURE(bad);
    CHECK(code_of(bad).rfind("BadRequest: Invalid filter clause", 0) == 0);
  }
  CHECK(matches(parse_filter("n eq -12"), nlohmann::json{{"n", -12}}));
}

TEST_CASE("a filter nested 10k deep is an invalid filter, not a stack overflow") {
  CHECK(code_of(std::string(10000, '(') + "appId eq 'x'" + std::string(10000, ')')).find("nests more than 100 levels") !=
        std::string::npos);
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "not ";
  CHECK(code_of(nots + "appId eq 'x'").find("nests more than 100 levels") != std::string::npos);
  CHECK(eval(std::string(50, '(') + "accountEnabled eq true" + std::string(50, ')')));
}

TEST_CASE("operators azemu does not emulate are Request_UnsupportedQuery") {
  CHECK(code_of("displayName ne 'x'").rfind("Request_UnsupportedQuery", 0) == 0);
  CHECK(code_of("endswith(displayName,'x')").rfind("Request_UnsupportedQuery", 0) == 0);
}

TEST_CASE("check_filterable rejects properties the resource does not index, but not lambda variables") {
  auto f = parse_filter("servicePrincipalNames/any(c:c eq 'x') and displayName eq 'y'");
  CHECK_NOTHROW(check_filterable(f, {"servicePrincipalNames", "displayName"}, "ServicePrincipal"));
  try {
    check_filterable(parse_filter("secret eq 'x'"), {"displayName"}, "ServicePrincipal");
    FAIL("expected a throw");
  } catch (const AzureError& e) {
    CHECK(e.code() == "Request_UnsupportedQuery");
    CHECK(e.message() == "Unsupported or invalid query filter clause specified for property 'secret' of resource 'ServicePrincipal'.");
  }
}

}
