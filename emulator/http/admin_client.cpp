// See admin_client.hpp. Synchronous Beast: this runs in a short-lived CLI process, not the server.
#include "emulator/http/admin_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <stdexcept>

namespace azemu::http {

AdminResponse admin_request(const std::string& host, const std::string& port, const std::string& method,
                            const std::string& target, const std::string& json_body, const std::string& admin_token) {
  namespace asio = boost::asio;
  namespace bhttp = boost::beast::http;
  try {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    boost::beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(resolver.resolve(host, port));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "localhost");
    if (!admin_token.empty()) req.set(bhttp::field::authorization, "Bearer " + admin_token);
    if (!json_body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = json_body;
    }
    req.prepare_payload();
    bhttp::write(stream, req);
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return {static_cast<int>(res.result_int()), res.body()};
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot reach azemu at " + host + ":" + port + " (" + e.code().message() +
                             "); is it running with this --listen?");
  }
}

}  // namespace azemu::http
