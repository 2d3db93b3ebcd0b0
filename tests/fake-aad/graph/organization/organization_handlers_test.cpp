// GET /organization lists the caller's tenant with its verified (default) domain.
#include "fake-aad/graph/organization/organization_handlers.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

TEST_SUITE("organization_handlers") {

TEST_CASE("organization is the caller's tenant") {
  TestStack s;
  auto r = s.call_as(plain_sp_graph_token(s), "GET", kGraph + "/organization");
  REQUIRE(r.status == 200);
  auto v = r.json()["value"];
  REQUIRE(v.size() == 1);
  CHECK(v[0]["id"] == s.seed().tenant_id);
  CHECK(v[0]["tenantType"] == "AAD");
  CHECK(v[0]["verifiedDomains"][0]["name"] == s.seed().tenant_domain);
  CHECK(v[0]["verifiedDomains"][0]["isDefault"] == true);
  CHECK(r.json()["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#organization");
}

}
