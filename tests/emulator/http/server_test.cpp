// Real sockets, real TLS: an in-process server on port 0 probed with curl (plain /health, HTTPS
// with SNI, the CONNECT proxy path and its refusal, TLS version floor, graceful stop).
#include "emulator/http/server.hpp"

#include "emulator/http/settle.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
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

/// One event, then nothing: what a subscriber sees of a source (the teaching UI's live feed).
struct OneEvent : http::EventSource {
  mutable std::atomic<int> subscribers{0};
  std::string next(std::uint64_t& cursor) const override {
    if (cursor) return "";
    cursor = 1;
    return "event: change\ndata: {\"version\":1}\n\n";
  }
  void subscribers_changed(int delta) const override { subscribers += delta; }
};

struct LiveServer {
  OneEvent events;
  std::string dir = testing::make_temp_dir("server");
  exec::FakeClock clock;
  cloud::HostNames names;
  auth::SigningKey key = auth::SigningKey::generate();
  auth::TokenVerifier verifier{key, [](std::string_view) { return true; }};
  http::Router router;
  http::Pipeline pipeline{router, verifier, clock, names};
  http::FaultRules faults{&clock};
  tls::LocalCa ca = tls::LocalCa::load_or_create(dir);
  tls::ServerTls tls{ca};
  exec::Executors exec{1, 1};
  http::Server server{exec, tls, pipeline, names};
  std::thread thread;
  unsigned port = 0;

  LiveServer() {
    router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr})
        .get("/echo", "Echo", [](http::Request& r) { return http::Reply::ok({{"host", r.host}, {"path", r.path}}); })
        .post("/echo", "EchoBody", [](http::Request& r) { return http::Reply::ok({{"body", r.json_body()}}); })
        .get("/things/{name}", "GetThing", [](http::Request& r) { return http::Reply::ok({{"name", r.param("name")}}); })
        .get("/throws", "Throws", [](http::Request&) -> http::Reply { throw std::runtime_error("boom \xff"); });
    router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr}).get("/ui/events", "Events", [](http::Request&) {
      return http::Reply::text(200, "", std::string(http::kEventStreamType));
    });
    // First replies that may still turn final (settle.hpp): `when` says when the work ends.
    auto settling = [](std::chrono::milliseconds bound, int wake_after_ms) {
      return [bound, wake_after_ms](http::Request&) {
        auto reply = http::Reply::json(202, {{"state", "first"}});
        auto s = std::make_shared<http::Settle>();
        s->bound = bound;
        s->subscribe = [wake_after_ms](std::function<void()> wake) {
          if (wake_after_ms < 0) return;  // never ends within the bound
          if (wake_after_ms == 0) return wake();
          std::thread([wake, wake_after_ms] {
            std::this_thread::sleep_for(std::chrono::milliseconds(wake_after_ms));  // the work, elsewhere
            wake();
          }).detach();
        };
        s->finish = [wake_after_ms](http::Reply first) {
          if (wake_after_ms < 0) return first;
          auto done = http::Reply::ok({{"state", "final"}});
          for (const auto& h : first.headers) done.headers.push_back(h);
          return done;
        };
        reply.settle = std::move(s);
        return reply;
      };
    };
    router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr})
        .put("/settle/ended", "SettleEnded", settling(std::chrono::seconds(5), 0))
        .put("/settle/soon", "SettleSoon", settling(std::chrono::seconds(5), 150))
        .put("/settle/never", "SettleNever", settling(std::chrono::milliseconds(1500), -1));
    server.serve_events(events);
    router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr})
        .get("/_azemu/health", "AzemuHealth", [](http::Request&) { return http::Reply::ok({{"status", "ready"}}); })
        .get("/_azemu/faults", "AzemuListFaults", [](http::Request&) { return http::Reply::ok({{"value", nlohmann::json::array()}}); });
    pipeline.inject(faults);
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
  /// curl through the proxy to management.azure.com; prints "<status>\n<body>".
  Run curl(const std::string& args) const {
    return run("curl -sS -o - -w '\n%{http_code}' --cacert " + dir + "/ca.pem -x http://127.0.0.1:" + p() + " " + args);
  }
  /// Raw bytes over TLS (SNI management.azure.com); returns the first response line.
  std::string raw(const std::string& printf_bytes) const {
    return run("printf '" + printf_bytes + "' | timeout 10 openssl s_client -quiet -connect 127.0.0.1:" + p() +
               " -servername management.azure.com 2>/dev/null | head -1")
        .output;
  }
};

std::string status_of(const Run& r) { return r.output.substr(r.output.rfind('\n') + 1); }
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

  TEST_CASE("a header block over the limit gets 431, and the server keeps serving") {
    LiveServer s;
    std::string big(http::kHeaderLimit + 100, 'a');
    auto r = s.curl("-H 'X-Big: " + big + "' https://management.azure.com/echo");
    CHECK(status_of(r) == "431");
    CHECK(r.output.find("RequestHeaderFieldsTooLarge") != std::string::npos);
    CHECK(status_of(s.curl("https://management.azure.com/echo")) == "200");
  }

  TEST_CASE("a body over the limit gets 413 before it is read") {
    LiveServer s;
    std::string file = s.dir + "/big.json";
    run("head -c 5000000 /dev/zero | tr '\\0' ' ' > " + file);
    auto r = s.curl("-H 'Content-Type: application/json' --data-binary @" + file + " https://management.azure.com/echo");
    CHECK(status_of(r) == "413");
    CHECK(r.output.find("RequestContentTooLarge") != std::string::npos);
  }

  TEST_CASE("broken framing gets 400: Content-Length with chunked, a bad chunk size") {
    LiveServer s;
    CHECK(s.raw("POST /echo HTTP/1.1\\r\\nHost: management.azure.com\\r\\nContent-Length: 5\\r\\n"
                "Transfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n")
              .find("400") != std::string::npos);
    CHECK(s.raw("POST /echo HTTP/1.1\\r\\nHost: management.azure.com\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n"
                "zz\\r\\nabc\\r\\n")
              .find("400") != std::string::npos);
  }

  TEST_CASE("JSON nested 100k deep and invalid UTF-8 get 400 InvalidRequestContent") {
    LiveServer s;
    std::string file = s.dir + "/deep.json";
    {
      const int n = 100000;
      std::string deep_body = "{\"tags\":";
      for (int i = 0; i < n; ++i) deep_body += "{\"a\":";
      deep_body += "\"1\"" + std::string(n, '}') + "}";
      std::ofstream(file) << deep_body;
    }
    auto deep = s.curl("-H 'Content-Type: application/json' --data-binary @" + file + " https://management.azure.com/echo");
    CHECK(status_of(deep) == "400");
    CHECK(deep.output.find("InvalidRequestContent") != std::string::npos);
    std::ofstream(s.dir + "/bad.json") << "{\"location\":\"west\xffus\"}";
    auto bad = s.curl("--data-binary @" + s.dir + "/bad.json https://management.azure.com/echo");
    CHECK(status_of(bad) == "400");
    CHECK(bad.output.find("not valid UTF-8") != std::string::npos);
    CHECK(status_of(s.curl("https://management.azure.com/echo")) == "200");
  }

  TEST_CASE("%FF in a path gets a 400 with a valid JSON body") {
    LiveServer s;
    auto r = s.curl("https://management.azure.com/things/a%FFb");
    CHECK(status_of(r) == "400");
    auto body = r.output.substr(0, r.output.rfind('\n'));
    CHECK(nlohmann::json::accept(body));
  }

  TEST_CASE("a latency rule delays its answer on a timer while the same io thread serves others") {
    LiveServer s;  // one io thread: a sleep on it would hold the fast request too
    s.faults.add(http::fault_rule_from_json({{"path", "/things/slow"}, {"latencyMs", 1500}}));
    const std::string curl = "curl -s -o /dev/null --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" + s.p();
    auto r = run(curl + " -w 'slow %{http_code} %{time_total}\\n' https://management.azure.com/things/slow & " + curl +
                 " -w 'fast %{http_code} %{time_total}\\n' https://management.azure.com/things/fast; wait");
    double slow = 0, fast = 0;
    int slow_code = 0, fast_code = 0;
    std::sscanf(r.output.substr(r.output.find("slow")).c_str(), "slow %d %lf", &slow_code, &slow);
    std::sscanf(r.output.substr(r.output.find("fast")).c_str(), "fast %d %lf", &fast_code, &fast);
    CHECK(slow_code == 200);
    CHECK(fast_code == 200);
    CHECK(slow >= 1.4);
    CHECK(fast < 1.0);
    CHECK(s.faults.list()[0].hits == 1);
  }

  TEST_CASE("a settling first reply: sent final when the work ends within the bound, unchanged after it") {
    LiveServer s;
    auto ended = s.curl("-X PUT -i https://management.azure.com/settle/ended");
    CHECK(status_of(ended) == "200");
    CHECK(ended.output.find("\"final\"") != std::string::npos);
    CHECK(ended.output.find("x-ms-request-id") != std::string::npos);  // the pipeline's headers stay
    auto soon = run("curl -s -X PUT -w ' %{http_code} %{time_total}' --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" +
                    s.p() + " https://management.azure.com/settle/soon");
    double took = 0;
    int code = 0;
    std::sscanf(soon.output.substr(soon.output.rfind('}') + 1).c_str(), " %d %lf", &code, &took);
    CHECK(code == 200);
    CHECK(soon.output.find("\"final\"") != std::string::npos);
    CHECK(took < 2.0);  // woken by the work's end, not at the 5 s bound
    CHECK(s.server.in_flight() == 0);
  }

  TEST_CASE("a settle that is never woken answers its first reply at the bound, holding no thread meanwhile") {
    LiveServer s;  // one io thread and one blocking thread: a wait on either would hold the fast request
    const std::string curl = "curl -s -o /dev/null --cacert " + s.dir + "/ca.pem -x http://127.0.0.1:" + s.p();
    auto r = run(curl + " -X PUT -w 'slow %{http_code} %{time_total}\\n' https://management.azure.com/settle/never & " +
                 curl + " -w 'fast %{http_code} %{time_total}\\n' https://management.azure.com/things/fast; wait");
    double slow = 0, fast = 0;
    int slow_code = 0, fast_code = 0;
    std::sscanf(r.output.substr(r.output.find("slow")).c_str(), "slow %d %lf", &slow_code, &slow);
    std::sscanf(r.output.substr(r.output.find("fast")).c_str(), "fast %d %lf", &fast_code, &fast);
    CHECK(slow_code == 202);
    CHECK(slow >= 1.4);
    CHECK(fast_code == 200);
    CHECK(fast < 1.0);
  }

  TEST_CASE("a drop rule closes the connection without an answer, and the server keeps serving") {
    LiveServer s;
    s.faults.add(http::fault_rule_from_json({{"path", "/things/gone"}, {"drop", true}}));
    auto dropped = s.curl("https://management.azure.com/things/gone");
    CHECK(dropped.exit_code != 0);
    CHECK(status_of(dropped) == "000");
    CHECK(status_of(s.curl("https://management.azure.com/things/here")) == "200");
  }

  TEST_CASE("--admin-token guards /_azemu/ except health; the token is compared exactly") {
    LiveServer s;
    s.pipeline.require_admin_token("s3cret");
    auto code = [&](const std::string& path, const std::string& header) {
      return run("curl -s -o /dev/null -w '%{http_code}' --noproxy '*' " + header + " http://127.0.0.1:" + s.p() + path).output;
    };
    CHECK(code("/_azemu/faults", "") == "401");
    CHECK(code("/_azemu/faults", "-H 'Authorization: Bearer s3cre'") == "401");
    CHECK(code("/_azemu/faults", "-H 'Authorization: Bearer s3cret2'") == "401");
    CHECK(code("/_azemu/faults", "-H 'Authorization: Bearer s3cret'") == "200");
    CHECK(code("/_azemu/health", "") == "200");
    CHECK(code("/health", "") == "200");
  }

  TEST_CASE("an unexpected exception answers 500 without its text and leaves nothing in flight") {
    LiveServer s;
    auto r = s.curl("https://management.azure.com/throws");
    CHECK(status_of(r) == "500");
    CHECK(r.output.find("boom") == std::string::npos);
    CHECK(s.server.in_flight() == 0);
  }

  TEST_CASE("a reply of type text/event-stream becomes the server's event stream, on plain HTTP and HTTPS") {
    LiveServer s;
    auto plain = run("curl -sS -i -N --max-time 1 --noproxy '*' http://127.0.0.1:" + s.p() + "/ui/events");
    CHECK(plain.output.find("Content-Type: text/event-stream") != std::string::npos);
    CHECK(plain.output.find("event: change\ndata: {\"version\":1}") != std::string::npos);
    auto tls = run("curl -sS -N --max-time 1 --noproxy '*' --cacert " + s.dir + "/ca.pem https://localhost:" + s.p() + "/ui/events");
    CHECK(tls.output.find("data: {\"version\":1}") != std::string::npos);
    CHECK(s.server.in_flight() == 0);
  }
}
