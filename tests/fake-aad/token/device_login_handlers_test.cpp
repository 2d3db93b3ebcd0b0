// The local device-login page: GET renders the form, POST checks the password and approves.
#include "fake-aad/token/device_login_handlers.hpp"

#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing::aad;
using azemu::testing::TestStack;

TEST_SUITE("device_login_handlers") {

TEST_CASE("GET /devicelogin renders a form with the code prefilled and escaped") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.azemu.localhost:8443/devicelogin?code=AB%3Cx");
  CHECK(r.status == 200);
  CHECK(r.header("content-type").rfind("text/html", 0) == 0);
  CHECK(r.body.find("name=\"password\"") != std::string::npos);
  CHECK(r.body.find("AB&lt;x") != std::string::npos);
}

TEST_CASE("POST /devicelogin approves only with the right password") {
  TestStack stack;
  auto dc = post_form(stack, "https://login.azemu.localhost:8443/organizations/oauth2/v2.0/devicecode",
                      form({{"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"}, {"scope", "openid"}}))
                .json();
  std::string code = dc["user_code"];
  auto bad = post_form(stack, "https://login.azemu.localhost:8443/devicelogin",
                       form({{"code", code}, {"username", stack.seed().admin_user}, {"password", "nope"}}));
  CHECK(bad.status == 400);
  auto good = post_form(stack, "https://login.azemu.localhost:8443/devicelogin",
                        form({{"code", code}, {"username", stack.seed().admin_user},
                              {"password", stack.seed().admin_password}}));
  CHECK(good.status == 200);
  CHECK(good.body.find("You have signed in") != std::string::npos);
  auto again = post_form(stack, "https://login.azemu.localhost:8443/devicelogin",
                         form({{"code", code}, {"username", stack.seed().admin_user},
                               {"password", stack.seed().admin_password}}));
  CHECK(again.status == 400);
}

}
