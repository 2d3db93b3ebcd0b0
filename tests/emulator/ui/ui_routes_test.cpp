// The UI's routes: static files with a strict CSP, the admin token, console input refusals.
#include "emulator/ui/ui_routes.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/http/server.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::ui;
using nlohmann::json;

namespace {
struct Routes {
  UiSources sources;
  std::unique_ptr<UiModel> model;
  http::Router router;
  explicit Routes(UiOptions o) {
    sources.vms = [] { return json{{"vms", json::array()}}; };
    model = std::make_unique<UiModel>(sources, default_checklist(), o);
    mount(router, *model);
  }
  http::Reply call(const std::string& method, const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request req;
    req.method = method;
    http::parse_target(req, target);
    req.target = target;
    req.headers = std::move(headers);
    req.host_info.kind = cloud::HostKind::local;
    auto m = router.match(req);
    REQUIRE(m.route != nullptr);
    return m.route->handler(req);
  }
};

std::string header(const http::Reply& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}
}  // namespace

TEST_SUITE("ui_routes") {
  TEST_CASE("on loopback: the page, its modules with a strict CSP, the event stream reply") {
    Routes r({});
    auto index = r.call("GET", "/ui/");
    CHECK(index.status == 200);
    CHECK(index.content_type == "text/html; charset=utf-8");
    CHECK(header(index, "Content-Security-Policy").find("default-src 'self'") != std::string::npos);
    CHECK(r.call("GET", "/ui").status == 301);
    CHECK(r.call("GET", "/ui/app.js").content_type == "text/javascript; charset=utf-8");
    CHECK(r.call("GET", "/ui/nope.js").status == 404);
    CHECK(r.call("GET", "/ui/events").content_type == http::kEventStreamType);
  }

  TEST_CASE("on a non-loopback address without an admin token the UI refuses everyone") {
    UiOptions o;
    o.exposed = true;
    Routes r(o);
    CHECK_THROWS_WITH_AS(r.call("GET", "/ui/"), doctest::Contains("--admin-token"), AzureError);
  }

  TEST_CASE("with an admin token: the query sets the cookie, the cookie or a bearer lets in, anything else is 401") {
    UiOptions o;
    SUBCASE("on loopback") { o.exposed = false; }
    SUBCASE("on a non-loopback address") { o.exposed = true; }
    o.admin_token = "s3cret-token";
    Routes r(o);
    CHECK_THROWS_AS(r.call("GET", "/ui/"), AzureError);
    CHECK_THROWS_AS(r.call("GET", "/ui/?token=wrong"), AzureError);
    auto first = r.call("GET", "/ui/?token=s3cret-token");
    CHECK(first.status == 200);
    CHECK(header(first, "Set-Cookie").find("azemu_ui=s3cret-token; Path=/; HttpOnly; SameSite=Strict") == 0);
    CHECK(r.call("GET", "/ui/app.js", {{"cookie", "a=b; azemu_ui=s3cret-token"}}).status == 200);
    CHECK(r.call("GET", "/ui/app.js", {{"authorization", "Bearer s3cret-token"}}).status == 200);
    CHECK_THROWS_AS(r.call("GET", "/ui/app.js", {{"cookie", "azemu_ui=s3cret-tokeX"}}), AzureError);
  }

  TEST_CASE("console input: refused from a form (not JSON) and without --ui-console") {
    Routes r({});
    CHECK_THROWS_WITH_AS(r.call("POST", "/ui/api/vms/myVM/console", {{"content-type", "text/plain"}}),
                         doctest::Contains("UI page only"), AzureError);
    CHECK_THROWS_WITH_AS(r.call("POST", "/ui/api/vms/myVM/console", {{"content-type", "application/json"}}),
                         doctest::Contains("--ui-console"), AzureError);
  }
}
