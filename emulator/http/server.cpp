// Listener and connection coroutines (Beast + Asio); see server.hpp for the connection diagram.
#include "emulator/http/server.hpp"

#include "emulator/exec/completion_wait.hpp"
#include "emulator/http/event_source.hpp"
#include "emulator/http/settle.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <optional>

namespace azemu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
// Socket, TLS and parse failures end the connection; they are logged here and nowhere else.
void log_io_failure(const boost::system::error_code& ec, const char* where) {
  if (ec == asio::error::operation_aborted || ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::ssl::error::stream_truncated || ec == beast::error::timeout ||
      ec == asio::error::connection_reset)
    return;  // ordinary ends of a connection (stream_truncated: clients often skip close_notify)
  log::write(log::Level::debug, "connection closed", {{"where", where}, {"error", ec.message()}});
}

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& fallback_authority) {
  Request r;
  r.method = std::string(in.method_string());
  parse_target(r, in.target());
  for (const auto& f : in) r.headers.emplace_back(text::to_lower(f.name_string()), std::string(f.value()));
  if (r.authority.empty()) r.authority = std::string(in[bhttp::field::host]);
  if (r.authority.empty()) r.authority = fallback_authority;
  r.body = in.body();
  return r;
}

bhttp::response<bhttp::string_body> to_response(Reply&& reply, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(reply.status), version};
  res.set(bhttp::field::server, "azemu");
  if (!reply.content_type.empty() && !reply.body.empty()) res.set(bhttp::field::content_type, reply.content_type);
  for (auto& [k, v] : reply.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  if (!head) res.body() = std::move(reply.body);
  res.prepare_payload();
  return res;
}

bool is_health(const bhttp::request<bhttp::string_body>& req) {
  std::string_view t = req.target();
  return req.method() == bhttp::verb::get && (t == "/health" || text::istarts_with(t, "/health?"));
}

// The admin API (/_azemu/...) answers on plain HTTP too, so `azemu ca|time|faults` and a container
// that does not trust the CA yet can reach it; whoever reaches the listen address may use it.
bool is_admin(const bhttp::request<bhttp::string_body>& req) { return text::istarts_with(req.target(), "/_azemu/"); }

// The teaching UI (emulator/ui/) answers on plain HTTP too, so a browser needs no CA to open it.
bool is_ui(const bhttp::request<bhttp::string_body>& req) {
  std::string_view t = req.target();
  return t == "/ui" || text::istarts_with(t, "/ui/") || text::istarts_with(t, "/ui?");
}

// The head of a server-sent event stream; the connection closes when the stream ends.
constexpr std::string_view kEventStreamHead =
    "HTTP/1.1 200 OK\r\nServer: azemu\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
    "Cache-Control: no-cache, no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";

Reply health_reply() { return Reply::text(200, "{\"status\":\"ok\"}\n", "application/json"); }

// A request Beast refused while reading it: too many header bytes, too large a body, or broken
// framing (bad chunk sizes, Content-Length with Transfer-Encoding). Azure's front ends answer these
// with a status before closing; nullopt means the peer just went away and nothing is owed.
std::optional<Reply> framing_failure_reply(const boost::system::error_code& ec, std::size_t body_limit) {
  auto error_body = [](int status, const char* code, std::string message) {
    nlohmann::json j = {{"error", {{"code", code}, {"message", std::move(message)}}}};
    return Reply::text(status, j.dump(), "application/json; charset=utf-8");
  };
  if (ec == bhttp::error::header_limit)
    return error_body(431, "RequestHeaderFieldsTooLarge",
                      "The request headers exceed the maximum size of " + std::to_string(kHeaderLimit / 1024) + " KB.");
  if (ec == bhttp::error::body_limit)
    return error_body(413, "RequestContentTooLarge",
                      "The request content size exceeds the maximum size of " +
                          std::to_string(body_limit / (1024 * 1024)) + " MB.");
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message && ec != bhttp::error::need_more)
    return error_body(400, "BadRequest", "The request could not be parsed as HTTP/1.1 (" + ec.message() + ").");
  return std::nullopt;
}

// Counts a request as in flight for the lifetime of the guard, even if the pipeline throws, so
// shutdown never waits out its grace period for a request that already ended.
struct InFlight {
  std::atomic<int>& n;
  explicit InFlight(std::atomic<int>& c) : n(c) { ++n; }
  ~InFlight() { --n; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
};
}  // namespace

struct Server::Impl {
  exec::Executors& exec;
  tls::ServerTls& tls;
  const Pipeline& pipeline;
  const cloud::HostNames& names;
  ServerOptions options;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::atomic<std::uint64_t> served{0};
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  const EventSource* events = nullptr;

  Impl(exec::Executors& e, tls::ServerTls& t, const Pipeline& p, const cloud::HostNames& n, ServerOptions o)
      : exec(e), tls(t), pipeline(p), names(n), options(o) {}

  // A reply whose audit row the group writer is still committing waits for it here, holding no thread
  // (audit_log.hpp); a failed commit makes it a 500, since the row its 2xx stands for is not there.
  static asio::awaitable<void> await_durable(Reply& reply) {
    if (!reply.durable_after || (reply.durable_after->done() && !reply.durable_after->error())) co_return;
    bool failed = false;
    try {
      co_await exec::wait_for(*reply.durable_after);
    } catch (const std::exception& e) {
      log::write(log::Level::error, "the request's audit row was not committed", {{"error", e.what()}});
      failed = true;
    }
    if (failed)
      reply = Reply::text(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Internal error.\"}}",
                          "application/json; charset=utf-8");
  }

  // The pipeline catches everything it knows; anything that still escapes answers 500 here.
  Reply handle_guarded(Request& r) const {
    try {
      return pipeline.handle(r);
    } catch (const std::exception& e) {
      log::write(log::Level::error, "request failed outside the pipeline", {{"error", e.what()}});
      return Reply::text(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Internal error.\"}}",
                         "application/json; charset=utf-8");
    }
  }

  // A long-running operation's first reply that may still turn final (settle.hpp): wait for the work's end
  // on a timer the wake-up cancels, at most the bound, then build the reply to send on the blocking pool.
  // The wake-up is posted to this connection's strand, which is running this coroutine until it suspends in
  // async_wait, so a wake-up that comes at once (the work already ended) cannot be lost before the wait.
  asio::awaitable<Reply> settle(std::shared_ptr<const Settle> s, Reply first) {
    auto ex = co_await asio::this_coro::executor;
    auto timer = std::make_shared<asio::steady_timer>(ex, s->bound);
    std::weak_ptr<asio::steady_timer> weak = timer;
    s->subscribe([ex, weak] {
      asio::post(ex, [weak] {
        if (auto t = weak.lock()) t->cancel();
      });
    });
    co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    co_return co_await exec::offload(exec.blocking(), [s, &first] { return s->finish(std::move(first)); });
  }

  // Writes a reply's event stream until the peer goes away or the server stops. The source is asked
  // every 50 ms (it answers from memory); a comment line every 10 s finds peers that left.
  template <class Stream>
  asio::awaitable<void> stream_events(Stream& s, beast::tcp_stream& lowest, const EventSource& source) {
    source.subscribers_changed(+1);
    struct Leave {
      const EventSource& src;
      ~Leave() { src.subscribers_changed(-1); }
    } leave{source};
    lowest.expires_after(std::chrono::seconds(30));
    co_await asio::async_write(s, asio::buffer(kEventStreamHead.data(), kEventStreamHead.size()), asio::use_awaitable);
    std::uint64_t cursor = 0;
    asio::steady_timer tick(co_await asio::this_coro::executor);
    auto last_write = std::chrono::steady_clock::now();
    while (!stopping) {
      std::string text = source.next(cursor);
      auto now = std::chrono::steady_clock::now();
      if (text.empty() && now - last_write > std::chrono::seconds(10)) text = ": keep-alive\n\n";
      if (!text.empty()) {
        lowest.expires_after(std::chrono::seconds(30));
        co_await asio::async_write(s, asio::buffer(text), asio::use_awaitable);
        lowest.expires_never();
        last_write = now;
      }
      tick.expires_after(std::chrono::milliseconds(50));
      co_await tick.async_wait(asio::use_awaitable);
    }
  }

  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(exec.io()), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        log_io_failure(ec, "accept");
        continue;
      }
      ++accepted;
      socket.set_option(tcp::no_delay(true));
      auto ex = socket.get_executor();
      asio::co_spawn(ex, connection(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> connection(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    const char* where = "detect";
    try {
      stream.expires_after(options.idle_timeout);
      bool is_tls = co_await beast::async_detect_ssl(stream, buffer, asio::use_awaitable);
      std::string connect_host;
      while (!is_tls) {
        where = "plain";
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024);
        co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
        auto req = parser.release();
        if (req.method() == bhttp::verb::connect) {
          auto [host, port] = cloud::split_host_port(req.target());
          if (!names.connect_allowed(host)) {
            log::write(log::Level::info, "CONNECT refused", {{"target", std::string(req.target())}});
            static const std::string refused =
                "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 56\r\nConnection: close\r\n\r\n"
                "azemu serves only Azure hosts; nothing is forwarded.   \n";
            co_await asio::async_write(stream, asio::buffer(refused), asio::use_awaitable);
            stream.socket().shutdown(tcp::socket::shutdown_both);
            co_return;
          }
          static const std::string established = "HTTP/1.1 200 Connection established\r\n\r\n";
          co_await asio::async_write(stream, asio::buffer(established), asio::use_awaitable);
          connect_host = text::to_lower(host) + (port.empty() || port == ":443" ? "" : port);
          is_tls = co_await beast::async_detect_ssl(stream, buffer, asio::use_awaitable);
          if (!is_tls) co_return;  // a tunnel is only for TLS
          break;
        }
        bool keep = req.keep_alive();
        Reply reply;
        if (is_health(req)) {
          reply = health_reply();
        } else if (is_admin(req) || is_ui(req)) {
          Request r = to_request(req, "localhost");
          r.authority = "localhost";  // the admin host, whatever name the client used
          {
            InFlight counted(in_flight);
            reply = co_await exec::offload(exec.blocking(), [this, &r] { return handle_guarded(r); });
            co_await await_durable(reply);
          }
          ++served;
          if (events && reply.content_type == kEventStreamType) {
            where = "events";
            co_await stream_events(stream, stream, *events);
            co_return;
          }
        } else {
          reply = Reply::text(400, "azemu answers plain HTTP only for CONNECT, /health and /_azemu/; use HTTPS.\n");
          keep = false;
        }
        auto res = to_response(std::move(reply), req.version(), keep, false);
        co_await bhttp::async_write(stream, res, asio::use_awaitable);
        if (!res.keep_alive()) {
          stream.socket().shutdown(tcp::socket::shutdown_both);
          co_return;
        }
        is_tls = false;
      }
      co_await serve_tls(std::move(stream), std::move(buffer), connect_host);
    } catch (const boost::system::system_error& e) {
      log_io_failure(e.code(), where);
    }
  }

  asio::awaitable<void> serve_tls(beast::tcp_stream stream, beast::flat_buffer buffer, std::string connect_host) {
    beast::ssl_stream<beast::tcp_stream> ss(std::move(stream), tls.context());
    auto [sni_host, sni_port] = cloud::split_host_port(connect_host);
    tls::ServerTls::set_fallback_host(ss.native_handle(), sni_host.empty() ? "localhost" : sni_host);
    const char* where = "handshake";
    boost::system::error_code ignored_ec;
    try {
      beast::get_lowest_layer(ss).expires_after(std::chrono::seconds(30));
      std::size_t used = co_await ss.async_handshake(asio::ssl::stream_base::server, buffer.data(), asio::use_awaitable);
      buffer.consume(used);
      std::string fallback_authority = connect_host;
      if (fallback_authority.empty()) {
        const char* sni = SSL_get_servername(ss.native_handle(), TLSEXT_NAMETYPE_host_name);
        fallback_authority = sni ? sni : "localhost";
      }
      for (;;) {
        where = "read";
        beast::get_lowest_layer(ss).expires_after(options.idle_timeout);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(kHeaderLimit);
        parser.body_limit(options.body_limit);
        auto [read_ec, read_n] = co_await bhttp::async_read(ss, buffer, parser, asio::as_tuple(asio::use_awaitable));
        if (read_ec) {
          auto refusal = framing_failure_reply(read_ec, options.body_limit);
          if (!refusal) throw boost::system::system_error(read_ec);
          // The stream is out of step after a refused message: answer, then close.
          log::write(log::Level::info, "request refused", {{"status", refusal->status}, {"error", read_ec.message()}});
          where = "write";
          beast::get_lowest_layer(ss).expires_after(std::chrono::seconds(10));
          auto res = to_response(std::move(*refusal), 11, false, false);
          co_await bhttp::async_write(ss, res, asio::use_awaitable);
          break;
        }
        auto req = parser.release();
        bool keep = req.keep_alive() && !stopping;
        bool head = req.method() == bhttp::verb::head;
        Reply reply;
        if (is_health(req)) {
          reply = health_reply();
        } else {
          Request r = to_request(req, fallback_authority);
          InFlight counted(in_flight);
          beast::get_lowest_layer(ss).expires_never();
          // `r` lives in this frame until the offloaded call returns: capture by reference only.
          // The pipeline catches everything it knows; anything that still escapes answers 500 here.
          reply = co_await exec::offload(exec.blocking(), [this, &r] { return handle_guarded(r); });
          co_await await_durable(reply);
          if (reply.settle) {
            where = "settle";
            auto s = std::move(reply.settle);
            reply = co_await settle(std::move(s), std::move(reply));
          }
          ++served;
        }
        // Injected faults (fault_rules.hpp): a dropped request gets no answer at all; a delayed one
        // waits on a timer of this connection's strand, so the io thread keeps serving others.
        if (reply.drop) {
          log::write(log::Level::info, "connection dropped by a fault rule", {});
          beast::get_lowest_layer(ss).socket().shutdown(tcp::socket::shutdown_both, ignored_ec);
          beast::get_lowest_layer(ss).close();
          co_return;
        }
        if (reply.delay.count() > 0) {
          where = "delay";
          asio::steady_timer timer(co_await asio::this_coro::executor, reply.delay);
          co_await timer.async_wait(asio::use_awaitable);
        }
        if (events && reply.content_type == kEventStreamType) {
          where = "events";
          co_await stream_events(ss, beast::get_lowest_layer(ss), *events);
          break;
        }
        where = "write";
        beast::get_lowest_layer(ss).expires_after(std::chrono::seconds(60));
        auto res = to_response(std::move(reply), req.version(), keep, head);
        co_await bhttp::async_write(ss, res, asio::use_awaitable);
        if (!keep) break;
      }
      beast::get_lowest_layer(ss).expires_after(std::chrono::seconds(5));
      co_await ss.async_shutdown(asio::as_tuple(asio::use_awaitable));
    } catch (const boost::system::system_error& e) {
      log_io_failure(e.code(), where);
    }
  }

  void drain(std::function<void()> done, std::chrono::steady_clock::time_point deadline) {
    if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      done();
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(exec.io(), std::chrono::milliseconds(10));
    timer->async_wait([this, timer, done = std::move(done), deadline](const boost::system::error_code&) mutable {
      drain(std::move(done), deadline);
    });
  }
};

Server::Server(exec::Executors& e, tls::ServerTls& t, const Pipeline& p, const cloud::HostNames& n, ServerOptions o)
    : impl_(std::make_unique<Impl>(e, t, p, n, o)) {}
Server::~Server() = default;

tcp::endpoint Server::listen(const std::string& address, std::uint16_t port) {
  tcp::endpoint ep(asio::ip::make_address(address), port);
  auto acceptor = std::make_unique<tcp::acceptor>(impl_->exec.io());
  acceptor->open(ep.protocol());
  acceptor->set_option(tcp::acceptor::reuse_address(true));
  if (ep.address().is_v6()) acceptor->set_option(asio::ip::v6_only(true));
  acceptor->bind(ep);
  acceptor->listen(asio::socket_base::max_listen_connections);
  auto bound = acceptor->local_endpoint();
  impl_->acceptors.push_back(std::move(acceptor));
  return bound;
}

void Server::start() {
  for (auto& a : impl_->acceptors) asio::co_spawn(a->get_executor(), impl_->accept_loop(*a), asio::detached);
}

void Server::stop(std::function<void()> done) {
  asio::post(impl_->exec.io(), [this, done = std::move(done)]() mutable {
    impl_->stopping = true;
    boost::system::error_code ec;
    for (auto& a : impl_->acceptors) a->close(ec);
    impl_->drain(std::move(done), std::chrono::steady_clock::now() + impl_->options.shutdown_grace);
  });
}

void Server::serve_events(const EventSource& source) { impl_->events = &source; }

std::uint64_t Server::requests_served() const { return impl_->served.load(); }
int Server::in_flight() const { return impl_->in_flight.load(); }
std::uint64_t Server::activity() const { return impl_->served.load() + impl_->accepted.load(); }

}  // namespace azemu::http
