// fuzz_aad_bodies: bodies of Entra's token endpoints (form-encoded) and Microsoft Graph's
// POST/PATCH routes (fake-aad/mount.cpp), one route per input (route_body_fuzzer.hpp). The stack
// holds an application "fuzzapp" with its service principal, so PATCH and addPassword reach them.
#include "tests/fuzz/support/route_body_fuzzer.hpp"

namespace {
using namespace azemu::fuzz;

const auto kSeed = azemu::testing::test_seed();
const std::string kLogin = "https://login.microsoftonline.com/";
const std::string kGraph = "https://graph.microsoft.com/v1.0";
const std::string kForm = "application/x-www-form-urlencoded";

std::vector<BodyRoute> routes;  // rebuilt by setup(): the application's ids change with every stack

void setup(FuzzStack& s) {
  auto app = setup_call(s, Audience::graph, "POST", kGraph + "/applications", R"({"displayName":"fuzzapp"})").json();
  const std::string app_id = app.at("appId"), app_object = app.at("id");
  auto sp = setup_call(s, Audience::graph, "POST", kGraph + "/servicePrincipals", R"({"appId":")" + app_id + R"("})").json();
  const std::string sp_object = sp.at("id");
  routes = {
      {"POST", kLogin + kSeed.tenant_id + "/oauth2/v2.0/token", Audience::arm, kForm},      // A
      {"POST", kLogin + kSeed.tenant_id + "/oauth2/token", Audience::arm, kForm},           // B
      {"POST", kLogin + "adfs/oauth2/token", Audience::arm, kForm},                        // C
      {"POST", kLogin + "organizations/oauth2/v2.0/devicecode", Audience::arm, kForm},     // D
      {"POST", kLogin + "devicelogin", Audience::arm, kForm},                              // E
      {"POST", kGraph + "/applications", Audience::graph},                                 // F
      {"PATCH", kGraph + "/applications/" + app_object, Audience::graph},                  // G
      {"POST", kGraph + "/applications/" + app_object + "/addPassword", Audience::graph},   // H
      {"POST", kGraph + "/applications/" + app_object + "/removePassword", Audience::graph},  // I
      {"POST", kGraph + "/directoryObjects/getByIds", Audience::graph},                    // J
      {"POST", kGraph + "/servicePrincipals", Audience::graph},                            // K
      {"PATCH", kGraph + "/servicePrincipals/" + sp_object, Audience::graph},              // L
      {"POST", kGraph + "/servicePrincipals/" + sp_object + "/addPassword", Audience::graph},  // M
      {"POST", kGraph + "/users", Audience::graph},                                        // N
      {"PATCH", kGraph + "/users/" + kSeed.admin_object_id, Audience::graph},              // O
      {"POST", kLogin + kSeed.tenant_id + "/oauth2/v2.0/token", Audience::arm, "application/json"},  // P
  };
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiet_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Never destroyed: the store keeps per-thread connections in thread_local maps that exit() tears
  // down before static objects, so a static stack would touch freed memory on its way out.
  static FuzzStack& stack = *new FuzzStack(setup);
  fuzz_route_body(stack, routes, data, size);
  return 0;
}
