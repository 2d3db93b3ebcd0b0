// fuzz_request_path: raw bytes of an HTTP/1.1 connection (after TLS) → Beast's request parser with
// the server's limits → azemu's http::Request (parse_target, headers) → router → pipeline.handle
// → the Beast response the server would write. Up to four pipelined requests per input, as one
// connection's read loop serves them. @ARM@, @GRAPH@ and @VAULT@ in the input become valid
// tokens (tests/fuzz/support/fuzz_stack.hpp), so seeds reach handlers, not only the 401 path.
// to_request()/to_response() mirror emulator/http/server.cpp, whose copies are file-local.
#include "tests/fuzz/support/fuzz_stack.hpp"

#include "emulator/http/server.hpp"
#include "emulator/json/strings.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace azemu;

// Mirrors server.cpp to_request(): the Host header, or the SNI name when there is none.
http::Request to_request(const bhttp::request<bhttp::string_body>& in) {
  http::Request r;
  r.method = std::string(in.method_string());
  http::parse_target(r, in.target());
  for (const auto& f : in) r.headers.emplace_back(text::to_lower(f.name_string()), std::string(f.value()));
  if (r.authority.empty()) r.authority = std::string(in[bhttp::field::host]);
  if (r.authority.empty()) r.authority = "management.azure.com";
  r.body = in.body();
  return r;
}

// Mirrors server.cpp to_response(), then serializes it as the write loop would.
void write_response(http::Reply&& reply, unsigned version, bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(reply.status), version};
  res.set(bhttp::field::server, "azemu");
  if (!reply.content_type.empty() && !reply.body.empty()) res.set(bhttp::field::content_type, reply.content_type);
  for (auto& [k, v] : reply.headers) res.insert(k, v);
  if (!head) res.body() = std::move(reply.body);
  res.prepare_payload();
  bhttp::response_serializer<bhttp::string_body> sr{res};
  beast::error_code ec;
  std::size_t bytes = 0;
  // A header value with CR or LF would split the response: the serializer does not check it.
  for (const auto& f : res)
    if (f.value().find_first_of("\r\n") != std::string_view::npos) {
      std::fprintf(stderr, "azemu fuzz finding: CR/LF in response header %s\n", std::string(f.name_string()).c_str());
      std::abort();
    }
  do {
    sr.next(ec, [&](beast::error_code&, const auto& buffers) {
      std::size_t n = beast::buffer_bytes(buffers);
      bytes += n;
      sr.consume(n);
    });
  } while (!ec && !sr.is_done());
  if (ec || bytes == 0) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Never destroyed: see tests/fuzz/fake-arm/mount_bodies_fuzz.cpp (thread_local connections die first).
  static fuzz::FuzzStack& stack = *new fuzz::FuzzStack();
  auto& s = stack.next_run();
  const std::string raw = stack.with_tokens(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string_view rest = raw;
  for (int served = 0; served < 4 && !rest.empty(); ++served) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(http::ServerOptions{}.body_limit);
    parser.eager(true);
    beast::error_code ec;
    std::size_t total = 0;
    while (!parser.is_done()) {
      std::size_t used = parser.put(boost::asio::buffer(rest.data() + total, rest.size() - total), ec);
      total += used;
      if (ec == bhttp::error::need_more) {
        ec = {};
        if (used > 0) continue;
        parser.put_eof(ec);  // the input (the connection) ends here
        break;
      }
      if (ec) break;
    }
    if (ec || !parser.is_done()) return 0;  // the server drops such connections
    rest.remove_prefix(std::min(total, rest.size()));
    auto req = parser.release();
    http::Request r = to_request(req);
    http::Reply reply = s.pipeline().handle(r);
    fuzz::check_reply(reply, raw);
    write_response(std::move(reply), req.version(), req.method() == bhttp::verb::head);
    if (!req.keep_alive()) break;
  }
  return 0;
}
