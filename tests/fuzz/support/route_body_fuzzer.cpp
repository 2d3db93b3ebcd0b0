// See route_body_fuzzer.hpp.
#include "tests/fuzz/support/route_body_fuzzer.hpp"

namespace azemu::fuzz {

void fuzz_route_body(FuzzStack& stack, const std::vector<BodyRoute>& routes, const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  auto& s = stack.next_run();  // first: a rebuild re-runs the setup that may rewrite `routes`
  const BodyRoute& route = routes[static_cast<std::size_t>(data[0] - 'A') % routes.size()];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  http::Request req;
  req.method = route.method;
  http::parse_target(req, route.url);
  req.headers = {{"authorization", stack.bearer(route.audience)}, {"content-type", route.content_type}};
  req.body = body;
  http::Reply reply = s.pipeline().handle(req);
  check_reply(reply, route.method + " " + route.url + "\n" + body);
}

}  // namespace azemu::fuzz
