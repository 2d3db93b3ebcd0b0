// HTTPS through a CONNECT proxy with OpenSSL (crypto_ prefix: the file that may include OpenSSL).
#include "vm-sim/ade/crypto_https_client.hpp"

#include "emulator/json/strings.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace azemu::vm::ade {

namespace {

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown TLS error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

/// Owns a connected TCP socket to the proxy.
class Socket {
 public:
  Socket(const std::string& host, int port, std::chrono::seconds timeout) {
    sockaddr_storage addr{};
    socklen_t len = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
      v4->sin_family = AF_INET;
      v4->sin_port = htons(static_cast<uint16_t>(port));
      len = sizeof(sockaddr_in);
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons(static_cast<uint16_t>(port));
      len = sizeof(sockaddr_in6);
    } else {
      throw HttpsError("proxy host '" + host + "' is not a numeric address");
    }
    fd_ = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw HttpsError(std::string("socket: ") + std::strerror(errno));
    timeval tv{static_cast<time_t>(timeout.count()), 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0)
      throw HttpsError("cannot connect to proxy " + host + ":" + std::to_string(port) + ": " + std::strerror(errno));
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

  void write_all(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw HttpsError(std::string("proxy write: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
  }

  /// Reads the proxy's answer to CONNECT up to the blank line, one byte at a time so nothing of
  /// the TLS stream that follows is consumed.
  std::string read_head() {
    std::string head;
    char c;
    while (head.size() < 16384) {
      ssize_t n = ::recv(fd_, &c, 1, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw HttpsError("proxy closed the connection during CONNECT");
      head.push_back(c);
      if (head.size() >= 4 && head.compare(head.size() - 4, 4, "\r\n\r\n") == 0) return head;
    }
    throw HttpsError("proxy answer to CONNECT too long");
  }

 private:
  int fd_ = -1;
};

struct SslCtxDeleter {
  void operator()(SSL_CTX* p) const { SSL_CTX_free(p); }
};
struct SslDeleter {
  void operator()(SSL* p) const { SSL_free(p); }
};

std::string decode_chunked(const std::string& body) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    auto eol = body.find("\r\n", pos);
    if (eol == std::string::npos) throw HttpsError("truncated chunked body");
    std::size_t size = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    pos = eol + 2;
    if (size == 0) return out;
    if (pos + size > body.size()) throw HttpsError("truncated chunk");
    out.append(body, pos, size);
    pos += size + 2;
  }
}

}  // namespace

HttpsUrl parse_https_url(const std::string& url) {
  if (!text::istarts_with(url, "https://")) throw std::invalid_argument("not an https URL: " + url);
  std::string rest = url.substr(8);
  auto slash = rest.find_first_of("/?");
  HttpsUrl u;
  u.authority = text::to_lower(rest.substr(0, slash));
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (!u.target.empty() && u.target[0] == '?') u.target = "/" + u.target;
  if (u.authority.empty()) throw std::invalid_argument("URL without host: " + url);
  u.host = u.authority;
  if (u.host[0] == '[') {
    u.host = u.host.substr(1, u.host.find(']') - 1);
  } else if (auto colon = u.host.rfind(':'); colon != std::string::npos) {
    u.host = u.host.substr(0, colon);
  }
  return u;
}

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (text::iequals(k, name)) return v;
  return {};
}

HttpResponse parse_http_response(const std::string& raw) {
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) throw HttpsError("no HTTP response head");
  HttpResponse r;
  std::string head = raw.substr(0, head_end);
  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (!text::istarts_with(status_line, "HTTP/1.") || status_line.size() < 12) throw HttpsError("bad status line: " + status_line);
  r.status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    auto next = head.find("\r\n", pos);
    std::string line = head.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    pos = next == std::string::npos ? head.size() : next + 2;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    r.headers.emplace_back(line.substr(0, colon), value);
  }
  std::string body = raw.substr(head_end + 4);
  if (text::iequals(r.header("Transfer-Encoding"), "chunked")) {
    r.body = decode_chunked(body);
  } else if (std::string cl = r.header("Content-Length"); !cl.empty()) {
    std::size_t n = std::stoul(cl);
    if (body.size() < n) throw HttpsError("truncated body");
    r.body = body.substr(0, n);
  } else {
    r.body = std::move(body);
  }
  return r;
}

HttpResponse HttpsClient::send(const std::string& method, const std::string& url,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body) const {
  HttpsUrl u = parse_https_url(url);
  Socket sock(config_.proxy_host, config_.proxy_port, timeout_);
  // The CONNECT target keeps an explicit port (cloud mode); azemu maps host:443 to plain host.
  std::string connect_target = u.authority.find(':') == std::string::npos ? u.authority + ":443" : u.authority;
  sock.write_all("CONNECT " + connect_target + " HTTP/1.1\r\nHost: " + connect_target + "\r\n\r\n");
  std::string proxy_head = sock.read_head();
  if (proxy_head.compare(0, 9, "HTTP/1.1 ") != 0 && proxy_head.compare(0, 9, "HTTP/1.0 ") != 0)
    throw HttpsError("proxy answered CONNECT with garbage");
  if (proxy_head.compare(9, 3, "200") != 0)
    throw HttpsError("proxy refused CONNECT " + connect_target + ": " + proxy_head.substr(0, proxy_head.find("\r\n")));

  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) throw HttpsError("SSL_CTX_new: " + openssl_error());
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  if (config_.ca_file.empty()) throw HttpsError("no CA file to verify " + u.host + " (set AZEMU_CA_FILE or /etc/azemu/ca.pem)");
  if (SSL_CTX_load_verify_locations(ctx.get(), config_.ca_file.c_str(), nullptr) != 1)
    throw HttpsError("cannot load CA file " + config_.ca_file + ": " + openssl_error());
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
  SSL_set_fd(ssl.get(), sock.fd());
  SSL_set_tlsext_host_name(ssl.get(), u.host.c_str());
  SSL_set1_host(ssl.get(), u.host.c_str());
  if (SSL_connect(ssl.get()) != 1) {
    long verify = SSL_get_verify_result(ssl.get());
    std::string why = verify != X509_V_OK ? X509_verify_cert_error_string(verify) : openssl_error();
    throw HttpsError("TLS handshake with " + u.host + " failed: " + why);
  }

  std::string request = method + " " + u.target + " HTTP/1.1\r\nHost: " + u.authority + "\r\n";
  for (const auto& [k, v] : headers) request += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "Connection: close\r\n\r\n";
  request += body;
  std::size_t done = 0;
  while (done < request.size()) {
    int n = SSL_write(ssl.get(), request.data() + done, static_cast<int>(request.size() - done));
    if (n <= 0) throw HttpsError("TLS write: " + openssl_error());
    done += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[16384];
  for (;;) {
    int n = SSL_read(ssl.get(), buf, sizeof buf);
    if (n > 0) {
      raw.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    int err = SSL_get_error(ssl.get(), n);
    if (err == SSL_ERROR_ZERO_RETURN) break;
    // A peer that closes TCP without close_notify after a complete answer is common; accept it
    // when the answer parses.
    if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_SSL) {
      ERR_clear_error();
      break;
    }
    throw HttpsError("TLS read failed");
  }
  SSL_shutdown(ssl.get());
  return parse_http_response(raw);
}

}  // namespace azemu::vm::ade
