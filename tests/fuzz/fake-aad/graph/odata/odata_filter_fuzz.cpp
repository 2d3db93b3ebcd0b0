// fuzz_odata_filter: Graph's OData query options (fake-aad/graph/odata/) on hostile input. The
// first line is $filter; later lines, when present, are $select, $top and $skiptoken. Runs
// parse_query() as a list route does, then check_filterable() and matches() on a few entities
// and list_reply() over them. Oracle: only AzureError (Graph's 400s) may leave; replies serialize.
#include "fake-aad/graph/odata/odata_query.hpp"

#include "emulator/error/azure_error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
using namespace azemu;
using nlohmann::json;

const aad::odata::Resource kUsers{"User", "users", {"displayName", "userPrincipalName", "mail", "id", "identities", "otherMails", "accountEnabled"}};

const std::vector<json> kEntities = {
    json::parse(R"({"id":"1","displayName":"Ada","userPrincipalName":"ada@azemu.onmicrosoft.com","mail":null,
                   "accountEnabled":true,"otherMails":["a@x.io","b@y.io"],"identities":[{"issuer":"azemu"}]})"),
    json::parse(R"({"id":"2","displayName":"O'Brien","userPrincipalName":"ob@azemu.onmicrosoft.com","mail":"ob@x.io",
                   "accountEnabled":false,"otherMails":[],"identities":[]})"),
    json::parse(R"({"id":"3","displayName":7,"otherMails":"not-an-array"})"),
};

[[noreturn]] void finding(const char* why, const std::string& input) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n  input: %.2000s\n", why, input.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // Query strings that are not UTF-8 are refused before routing (emulator/http validates them);
  // the filter's error messages quote it, so only UTF-8 reaches here.
  try {
    (void)json(input).dump();
  } catch (const json::exception&) {
    return 0;
  }
  http::Request req;
  req.method = "GET";
  req.authority = req.host = "graph.microsoft.com";
  req.path = "/v1.0/users";
  const char* names[] = {"$filter", "$select", "$top", "$skiptoken"};
  std::size_t start = 0;
  for (int i = 0; i < 4 && start <= input.size(); ++i) {
    std::size_t nl = input.find('\n', start);
    std::string value = input.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!value.empty() || i == 0) req.query.emplace_back(names[i], value);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  try {
    aad::odata::Query q = aad::odata::parse_query(req, kUsers);
    if (q.filter) {
      aad::odata::check_filterable(*q.filter, kUsers.filterable, kUsers.type_name);
      for (const auto& e : kEntities) (void)aad::odata::matches(*q.filter, e);
    }
    http::Reply r = aad::odata::list_reply(req, kUsers, q, kEntities);
    if (r.status != 200) finding("list_reply did not answer 200", input);
  } catch (const AzureError& e) {
    // Graph's 400s: their message quotes the filter, so it must serialize too.
    try {
      (void)json(e.message()).dump();
    } catch (const std::exception& x) {
      finding(x.what(), input);
    }
  } catch (const std::exception& e) {
    finding(e.what(), input);
  }
  return 0;
}
