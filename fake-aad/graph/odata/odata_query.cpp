// Query option parsing, paging and envelopes; see odata_query.hpp. The $skiptoken is opaque to
// clients (Graph's are too); here it encodes the offset of the next page.
#include "fake-aad/graph/odata/odata_query.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/json/strings.hpp"

#include <charconv>

namespace azemu::aad::odata {

namespace {
constexpr std::string_view kSkipPrefix = "azemu-skip:";

std::optional<std::string> option(const http::Request& req, const std::string& name) {
  // Graph v1.0 accepts the options with and without the '$' prefix.
  if (auto v = req.query_param("$" + name)) return v;
  return req.query_param(name);
}

std::size_t parse_top(const std::string& v) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > kMaxPageSize)
    throw errors::graph_bad_request("Invalid page size specified: '" + v + "'. Must be between 1 and 999 inclusive.");
  return n;
}

std::size_t parse_skiptoken(const std::string& v) {
  std::string decoded;
  try {
    decoded = text::base64_decode(v);
  } catch (const std::invalid_argument&) {
  }
  std::size_t n = 0;
  if (decoded.rfind(kSkipPrefix, 0) == 0) {
    std::string_view digits = std::string_view(decoded).substr(kSkipPrefix.size());
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && end == digits.data() + digits.size()) return n;
  }
  throw errors::graph_bad_request("Invalid $skiptoken value '" + v + "'.");
}

std::string select_suffix(const std::vector<std::string>& select) {
  if (select.empty()) return "";
  std::string out = "(";
  for (std::size_t i = 0; i < select.size(); ++i) out += (i ? "," : "") + select[i];
  return out + ")";
}

// The request URL with $skiptoken replaced: the client follows it verbatim (GraphClient._send).
std::string next_link(const http::Request& req, std::size_t next_skip) {
  std::string url = req.base_url() + req.path + "?";
  for (const auto& [k, v] : req.query) {
    if (text::iequals(k, "$skiptoken") || text::iequals(k, "skiptoken")) continue;
    url += k + "=" + text::percent_encode(v) + "&";
  }
  return url + "$skiptoken=" + text::base64url_encode(std::string(kSkipPrefix) + std::to_string(next_skip));
}
}  // namespace

std::vector<std::string> parse_select(const http::Request& req) {
  std::vector<std::string> out;
  if (auto v = option(req, "select"))
    for (auto& part : text::split(*v, ','))
      if (auto b = part.find_first_not_of(' '); b != std::string::npos) out.push_back(part.substr(b, part.find_last_not_of(' ') - b + 1));
  return out;
}

Query parse_query(const http::Request& req, const Resource& resource) {
  Query q;
  if (auto f = option(req, "filter"); f && !f->empty()) {
    q.filter = parse_filter(*f);
    check_filterable(*q.filter, resource.filterable, resource.type_name);
  }
  q.select = parse_select(req);
  if (auto t = option(req, "top")) q.top = parse_top(*t);
  if (auto s = option(req, "skiptoken")) q.skip = parse_skiptoken(*s);
  return q;
}

nlohmann::json project(const nlohmann::json& entity, const std::vector<std::string>& select) {
  if (select.empty()) return entity;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = entity.begin(); it != entity.end(); ++it) {
    bool keep = it.key().rfind("@odata.", 0) == 0;
    for (const auto& s : select) keep = keep || text::iequals(s, it.key());
    if (keep) out[it.key()] = it.value();
  }
  return out;
}

std::string context_url(const http::Request& req, const std::string& fragment) {
  return req.base_url() + "/v1.0/$metadata#" + fragment;
}

http::Reply list_reply(const http::Request& req, const Resource& resource, const Query& q,
                       const std::vector<nlohmann::json>& all) {
  nlohmann::json values = nlohmann::json::array();
  std::size_t seen = 0;  // matching entities so far
  bool more = false;
  for (const auto& e : all) {
    if (q.filter && !matches(*q.filter, e)) continue;
    if (seen++ < q.skip) continue;
    if (values.size() == q.top) { more = true; break; }
    values.push_back(project(e, q.select));
  }
  nlohmann::json body = {{"@odata.context", context_url(req, resource.entity_set + select_suffix(q.select))},
                         {"value", std::move(values)}};
  if (more) body["@odata.nextLink"] = next_link(req, q.skip + q.top);
  return http::Reply::ok(body);
}

http::Reply entity_reply(const http::Request& req, int status, const std::string& fragment, nlohmann::json entity) {
  entity["@odata.context"] = context_url(req, fragment);
  return http::Reply::json(status, entity);
}

}  // namespace azemu::aad::odata
