// The teaching UI's view of the directory: users, apps with their credentials' hints, SPs; never a secret or hash.
#include "fake-aad/teaching/directory_view.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;

TEST_SUITE("directory_view") {
  TEST_CASE("the seeded tenant, admin user, bootstrap app with its credential hint; no secret, no hash") {
    testing::TestStack s;
    auto j = aad::teaching::directory(s.db());
    const auto& seed = s.seed();
    CHECK(j["tenants"][0]["id"] == seed.tenant_id);
    bool admin = false;
    for (const auto& u : j["users"]) admin = admin || u["userPrincipalName"] == seed.admin_user;
    CHECK(admin);
    bool app = false;
    for (const auto& a : j["applications"])
      if (a["appId"] == seed.client_id) {
        app = true;
        REQUIRE(a["passwordCredentials"].size() == 1);
        CHECK(a["passwordCredentials"][0]["hint"] == seed.client_secret.substr(0, 3));
      }
    CHECK(app);
    CHECK(j["servicePrincipals"].size() >= 1);
    std::string text = j.dump();
    CHECK(text.find(seed.client_secret) == std::string::npos);
    CHECK(text.find(seed.admin_password) == std::string::npos);
    CHECK(text.find("hash") == std::string::npos);
    CHECK(text.find("salt") == std::string::npos);
  }
}
