// See ui_routes.hpp.
#include "emulator/ui/ui_routes.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/http/server.hpp"
#include "emulator/json/request_json.hpp"
#include "emulator/ui/ui_assets.hpp"

#include <algorithm>
#include <functional>

namespace azemu::ui {

namespace {
using nlohmann::json;

http::Reply asset_reply(std::string_view path) {
  if (path.empty()) path = "index.html";
  const Asset* a = find_asset(path);
  if (!a) return http::Reply::text(404, "no such file in the UI: " + std::string(path) + "\n");
  http::Reply r = http::Reply::text(200, std::string(a->body), std::string(a->content_type));
  // The page reads only its own origin; nothing is framed or sniffed.
  r.header("Cache-Control", "no-cache");
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  return r;
}

std::string group_of(const http::Request& req) { return req.query_param("resourceGroup").value_or(""); }

bool same_secret(std::string_view a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < b.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string_view cookie(const http::Request& req, std::string_view name) {
  std::string_view all = req.header("cookie");
  while (!all.empty()) {
    auto end = all.find(';');
    std::string_view part = all.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return {};
}

/// With --admin-token the UI is for its holders only, like the control API; on a non-loopback listen
/// address it is never served without one.
void require_access(const http::Request& req, const UiOptions& o) {
  if (!o.exposed && o.admin_token.empty()) return;
  if (o.admin_token.empty())
    throw AzureError(ErrorKind::Forbidden, "AzemuUiNeedsAdminToken",
                     "azemu listens on a non-loopback address: the UI is served there only with --admin-token.");
  std::string_view auth = req.header("authorization");
  bool bearer = auth.size() > 7 && auth.substr(0, 7) == "Bearer " && same_secret(auth.substr(7), o.admin_token);
  auto q = req.query_param("token");
  if (bearer || same_secret(cookie(req, "azemu_ui"), o.admin_token) || (q && same_secret(*q, o.admin_token))) return;
  throw AzureError(ErrorKind::Unauthorized, "AdminTokenRequired",
                   "This azemu requires its admin token: open /ui/?token=<token> once, or send 'Authorization: Bearer <token>'.");
}

using Guarded = std::function<http::Reply(http::Request&)>;
/// `h` behind require_access; a request that brought the token in its query leaves with the cookie.
http::Handler guarded(const UiModel& model, Guarded h) {
  return [&model, h = std::move(h)](http::Request& req) {
    require_access(req, model.options());
    http::Reply r = h(req);
    if (!model.options().admin_token.empty() && req.query_param("token"))
      r.header("Set-Cookie", "azemu_ui=" + model.options().admin_token + "; Path=/; HttpOnly; SameSite=Strict");
    return r;
  };
}
}  // namespace

void mount(http::Router& router, const UiModel& model) {
  auto ui = router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr});
  ui.get("/ui", "AzemuUiIndex", guarded(model, [](http::Request& req) {
    // "/ui" and "/ui/" are one route; relative URLs in the page need the slash.
    std::string_view t = req.target;
    if (t.substr(0, t.find('?')).ends_with("/")) return asset_reply("index.html");
    return http::Reply::empty(301).header("Location", "/ui/");
  }));
  ui.get("/ui/{*path}", "AzemuUiAsset", guarded(model, [](http::Request& req) { return asset_reply(req.param("path")); }));
  ui.get("/ui/api/config", "AzemuUiConfig", guarded(model, [&model](http::Request&) {
    return http::Reply::ok({{"consoleInput", model.options().console_input},
                            {"lab", model.options().lab_file ? "file" : "default"}});
  }));
  ui.get("/ui/api/state", "AzemuUiState", guarded(model, [&model](http::Request&) { return http::Reply::ok(model.state()); }));
  ui.get("/ui/api/lab", "AzemuUiLab", guarded(model, [&model](http::Request&) { return http::Reply::ok(model.lab()); }));
  ui.get("/ui/api/audit", "AzemuUiAudit", guarded(model, [&model](http::Request& req) {
    std::size_t top = 500;
    if (auto t = req.query_param("top")) top = static_cast<std::size_t>(std::clamp(std::atol(t->c_str()), 1L, 5000L));
    json rows = model.audit(req.query_param("vault").value_or(""), top);
    std::reverse(rows.begin(), rows.end());  // newest first, as the table shows them
    return http::Reply::ok({{"value", rows}});
  }));
  ui.get("/ui/api/vms/{name}/keychain", "AzemuUiKeyChain",
         guarded(model, [&model](http::Request& req) { return http::Reply::ok(model.key_chain(req.param("name"), group_of(req))); }));
  ui.get("/ui/api/vms/{name}/guest", "AzemuUiGuest",
         guarded(model, [&model](http::Request& req) { return http::Reply::ok(model.guest(req.param("name"), group_of(req))); }));
  ui.get("/ui/api/vms/{name}/console", "AzemuUiConsole", guarded(model, [&model](http::Request& req) {
    std::uint64_t offset = 0;
    if (auto o = req.query_param("offset")) offset = std::strtoull(o->c_str(), nullptr, 10);
    return http::Reply::ok(model.console(req.param("name"), group_of(req), offset));
  }));
  ui.post("/ui/api/vms/{name}/console", "AzemuUiConsoleInput", guarded(model, [&model](http::Request& req) {
    // Only the page itself may type: JSON (a cross-site form cannot send it without a preflight,
    // which is never answered) and, when the browser names an origin, this server's.
    std::string_view origin = req.header("origin");
    if (req.header("content-type").find("application/json") != 0 ||
        (!origin.empty() && !origin.ends_with("//" + std::string(req.header("host")))))
      throw AzureError(ErrorKind::Forbidden, "AzemuConsoleForbidden", "Console input is accepted from the UI page only.");
    json body = json::parse(req.body, nullptr, false);
    std::string input = body.is_object() && body.contains("input") && body["input"].is_string() ? body["input"].get<std::string>() : "";
    return http::Reply::ok(model.console_input(req.param("name"), group_of(req), input));
  }));
  ui.get("/ui/events", "AzemuUiEvents",
         guarded(model, [](http::Request&) { return http::Reply::text(200, "", std::string(http::kEventStreamType)); }));
  ui.get("/_azemu/lab", "AzemuLab", [&model](http::Request&) { return http::Reply::ok(model.lab()); });
}

}  // namespace azemu::ui
