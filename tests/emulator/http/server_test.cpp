// Real sockets, real TLS: an in-process server on port 0 probed with curl (plain /health, HTTPS
// with SNI, the CONNECT proxy path and its refusal, TLS version floor, graceful stop).
#include "emulator/http/server.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <thread>

using namespace azemu;

namespace {
struct Run {
  int exit_code;
  std::string output;
};

Run run(const std::string& cmd) {
  Run r{0, ""};
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

struct LiveServer {
  std::string dir = testing::make_temp_dir("server");
  exec::FakeClock clock;
  cloud::HostNames names;
  auth::SigningKey key = auth::SigningKey::generate();
  auth::TokenVerifier verifier{key, [](std::string_view) { return true; }};
  http::Router router;
  http::Pipeline pipeline{router, verifier, clock, names};
  tls::LocalCa ca = tls::LocalCa::load_or_create(dir);
  tls::ServerTls tls{ca};
  exec::Executors exec{1, 1};
  http::Server server{exec, tls, pipeline, names};
  std::thread thread;
  unsigned port = 0;

  LiveServer() {
    router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr})
        .get("/echo", "Echo", [](http::Request& r) { return http::Reply::ok({{"host", r.host}, {"path", r.path}}); });
    port = server.listen("127.0.0.1", 0).port();
    server.start();
    thread = std::thread([this] { exec.run(); });
  }
  ~LiveServer() {
    server.stop([this] { exec.stop(); });
    thread.join();
    std::filesystem::remove_all(dir);
  }
  std::string p() const { return std::to_string(port); }
};
}  // namespace

TEST_SUITE("server") {
  TEST_CASE("health answers on plain HTTP and on HTTPS") {
    LiveServer s;
    auto plain = run("curl -sS --noproxy '*' http://127.0.0.1:" + s.p() + "/health");
    CHECK(plain.output.find("\"ok\"") != std::string::npos);
    auto tls = run("curl -sS --noproxy '*' --cacert " + s.dir + "/ca.pem https://localhost:" + s.p() + "/health");
    CHECK(tls.output.find("\"ok\"") != std::string::npos);
  }

  TEST_CASE("plain HTTP is refused for anything but CONNECT and /health") {
    LiveServer s;
    auto r = run("curl -s -o /dev/null -w '%{http_code}' --noproxy '*' http://127.0.0.1:" + s.p() + "/echo");
    CHECK(r.output == "400");
  }

  TEST_CASE("CONNECT to a served host is terminated locally with a certificate for that name") {
    LiveServer s;
    auto r = run("curl -sS --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" + s.p() +
                 " https://management.azure.com/echo");
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("\"host\":\"management.azure.com\"") != std::string::npos);
  }

  TEST_CASE("CONNECT to any other host is refused with 403 and never forwarded") {
    LiveServer s;
    auto r = run("curl -sS --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" + s.p() + " https://example.com/");
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("403") != std::string::npos);
  }

  TEST_CASE("TLS below 1.2 is refused") {
    LiveServer s;
    auto r = run("curl -sS --noproxy '*' --tlsv1.0 --tls-max 1.1 --cacert " + s.dir + "/ca.pem https://localhost:" +
                 s.p() + "/health");
    CHECK(r.exit_code != 0);
  }

  TEST_CASE("keep-alive serves several requests on one connection") {
    LiveServer s;
    std::string url = "https://management.azure.com/echo";
    auto r = run("curl -sS -w '\\n%{num_connects}' --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" + s.p() + " " +
                 url + " " + url + " " + url);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("\"path\":\"/echo\"") != std::string::npos);
  }
}
