// Request/Reply helpers; see request.hpp and reply.hpp.
#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

#include "emulator/json/request_json.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

namespace azemu::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (text::iequals(k, name)) return v;
  return std::nullopt;
}

const std::string& Request::param(const std::string& name) const {
  static const std::string empty;
  auto it = params.find(name);
  return it == params.end() ? empty : it->second;
}

nlohmann::json Request::json_body() const {
  if (body.empty()) return nlohmann::json::object();
  return json::parse_request_json(body);  // throws json::RequestJsonRejected; the pipeline maps it
}

std::map<std::string, std::string> Request::form() const {
  std::map<std::string, std::string> out;
  for (const auto& pair : text::split(body, '&')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string k = text::percent_decode(pair.substr(0, eq), true);
    std::string v = eq == std::string::npos ? "" : text::percent_decode(pair.substr(eq + 1), true);
    out.emplace(std::move(k), std::move(v));
  }
  return out;
}

void parse_target(Request& r, std::string_view target) {
  r.target = std::string(target);
  if (text::istarts_with(target, "https://") || text::istarts_with(target, "http://")) {
    auto start = target.find("//") + 2;
    auto slash = target.find('/', start);
    r.authority = std::string(target.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  auto qpos = target.find('?');
  std::string_view path = target.substr(0, qpos);
  while (path.size() > 1 && path[0] == '/' && path[1] == '/') path.remove_prefix(1);
  r.path = text::percent_decode(path);
  r.query.clear();
  if (qpos != std::string_view::npos) {
    for (auto& kv : text::split(target.substr(qpos + 1), '&')) {
      if (kv.empty()) continue;
      auto eq = kv.find('=');
      r.query.emplace_back(text::percent_decode(kv.substr(0, eq), true),
                           eq == std::string::npos ? "" : text::percent_decode(kv.substr(eq + 1), true));
    }
  }
}

Reply Reply::json(int status, const nlohmann::json& body) {
  Reply r;
  r.status = status;
  // replace: a string we echo back (a name from the path) can never make the reply itself throw.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Reply Reply::empty(int status) {
  Reply r;
  r.status = status;
  r.content_type.clear();
  return r;
}

Reply Reply::text(int status, std::string body, std::string content_type) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

}  // namespace azemu::http
