#include "vm-sim/ade/crypto_https_client.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;

TEST_SUITE("crypto_https_client") {
  TEST_CASE("URLs keep an explicit port in the authority and the literal query") {
    auto u = parse_https_url("https://KV.vault.azure.net/keys?");
    CHECK(u.host == "kv.vault.azure.net");
    CHECK(u.authority == "kv.vault.azure.net");
    CHECK(u.target == "/keys?");
    auto p = parse_https_url("https://kv.vault.azemu.localhost:8443");
    CHECK(p.host == "kv.vault.azemu.localhost");
    CHECK(p.authority == "kv.vault.azemu.localhost:8443");
    CHECK(p.target == "/");
    CHECK_THROWS_AS(parse_https_url("http://x/"), std::invalid_argument);
  }

  TEST_CASE("responses with Content-Length, chunked bodies and headers") {
    auto r = parse_http_response("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer a=\"b\"\r\nContent-Length: 2\r\n\r\nokEXTRA");
    CHECK(r.status == 401);
    CHECK(r.header("www-authenticate") == "Bearer a=\"b\"");
    CHECK(r.body == "ok");
    auto c = parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    CHECK(c.body == "abcde");
    CHECK_THROWS_AS(parse_http_response("garbage"), HttpsError);
  }

  TEST_CASE("proxy addresses: host:port, [v6]:port, http:// prefix tolerated") {
    CHECK(parse_host_port("10.0.2.2:443") == std::make_pair(std::string("10.0.2.2"), 443));
    CHECK(parse_host_port("http://127.0.0.1:8443/") == std::make_pair(std::string("127.0.0.1"), 8443));
    CHECK(parse_host_port("[::1]:8443") == std::make_pair(std::string("::1"), 8443));
    CHECK_FALSE(parse_host_port("10.0.2.2").has_value());
    CHECK_FALSE(parse_host_port("h:99999").has_value());
  }
}
