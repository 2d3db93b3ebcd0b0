// The one listening port. Each accepted connection is a coroutine on its own strand:
//   first byte TLS?  yes -> TLS handshake (SNI picks the leaf) -> HTTP/1.1 keep-alive loop -> pipeline
//                    no  -> one plain request: CONNECT <served host> -> "200 Connection established",
//                           then TLS on the same socket; GET /health -> answered; /_azemu/... (the admin
//                           API) and /ui/... (the teaching UI) -> the pipeline as host "localhost";
//                           anything else -> 400. A reply whose content type is kEventStreamType
//                           becomes the server's event stream (serve_events) instead of a body.
// CONNECT to a host azemu does not serve gets 403 and nothing is ever forwarded.
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/executors.hpp"
#include "emulator/http/event_source.hpp"
#include "emulator/http/pipeline.hpp"
#include "emulator/tls/server_tls.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace azemu::http {

/// Beast's default; Azure's front ends refuse larger header blocks with 431.
inline constexpr std::size_t kHeaderLimit = 16 * 1024;

/// A handler answers with this content type (and no body) to turn its connection into the server's
/// event stream (serve_events()); without a source it is an ordinary empty answer.
inline constexpr std::string_view kEventStreamType = "text/event-stream";

struct ServerOptions {
  std::size_t body_limit = 4 * 1024 * 1024;  // ARM documents 4 MB per request (templates included)
  std::chrono::seconds idle_timeout{120};
  std::chrono::seconds shutdown_grace{5};
};

class Server {
public:
  Server(exec::Executors& exec, tls::ServerTls& tls, const Pipeline& pipeline, const cloud::HostNames& names,
         ServerOptions options = {});
  ~Server();

  /// Binds and listens (port 0 picks a free port); returns the bound endpoint. Throws on failure.
  /// May be called more than once (127.0.0.1 and [::1] on the same port).
  boost::asio::ip::tcp::endpoint listen(const std::string& address, std::uint16_t port);
  /// The server-sent event stream replies with kEventStreamType get (the teaching UI's live feed).
  /// Set before start(); `source` outlives the server.
  void serve_events(const EventSource& source);
  /// Starts accepting on the io executor.
  void start();
  /// Stops accepting, waits up to shutdown_grace for in-flight requests, then calls `done` (on io).
  void stop(std::function<void()> done);

  std::uint64_t requests_served() const;
  /// Connections accepted plus requests served: moves with any traffic (idle detection).
  std::uint64_t activity() const;
  /// Requests inside the pipeline right now (shutdown waits for these).
  int in_flight() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace azemu::http
