// Device login page; see device_login_handlers.hpp. The HTML is deliberately minimal and
// self-contained (no scripts, no external assets): it must work offline.
#include "fake-aad/token/device_login_handlers.hpp"

namespace azemu::aad {

namespace {
constexpr const char* kHtml = "text/html; charset=utf-8";

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string layout(const std::string& body) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>azemu device login</title></head>\n"
         "<body style=\"font-family:sans-serif;max-width:30em;margin:3em auto\">\n<h1>azemu device login</h1>\n" +
         body + "</body></html>\n";
}

std::string form(const std::string& code, const std::string& user, const std::string& error) {
  std::string html;
  if (!error.empty()) html += "<p role=\"alert\" style=\"color:#b00\">" + escape(error) + "</p>\n";
  html += "<form method=\"post\" action=\"/devicelogin\">\n"
          "<p><label>Code <input name=\"code\" value=\"" + escape(code) + "\" autofocus></label></p>\n"
          "<p><label>User <input name=\"username\" value=\"" + escape(user) + "\"></label></p>\n"
          "<p><label>Password <input name=\"password\" type=\"password\"></label></p>\n"
          "<p><button type=\"submit\">Sign in</button></p>\n</form>\n";
  return layout(html);
}

std::string value(const std::map<std::string, std::string>& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}
}  // namespace

http::Reply DeviceLoginHandlers::page(http::Request& req) {
  std::string code = req.query_param("code").value_or(req.query_param("otc").value_or(""));
  return http::Reply::text(200, form(code, "", ""), kHtml);
}

http::Reply DeviceLoginHandlers::submit(http::Request& req) {
  auto f = req.form();
  std::string code = value(f, "code"), user = value(f, "username");
  switch (devices_.approve_with_password(code, user, value(f, "password"))) {
    case DeviceCodeService::PasswordApproval::approved:
      return http::Reply::text(200, layout("<p>You have signed in as " + escape(user) +
                                           ". You may now close this window and return to your device.</p>\n"),
                               kHtml);
    case DeviceCodeService::PasswordApproval::bad_credentials:
      return http::Reply::text(400, form(code, user, "Your account or password is incorrect."), kHtml);
    case DeviceCodeService::PasswordApproval::code_not_pending:
      break;
  }
  return http::Reply::text(400, form(code, user, "That code is unknown, expired or already used."), kHtml);
}

}  // namespace azemu::aad
