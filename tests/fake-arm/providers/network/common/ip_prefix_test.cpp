#include "fake-arm/providers/network/common/ip_prefix.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::net;

TEST_SUITE("ip_prefix") {
  TEST_CASE("IPv4 addresses parse strictly and print back") {
    CHECK(parse_ipv4("10.0.0.4") == 0x0A000004u);
    CHECK(format_ipv4(0xCB007101u) == "203.0.113.1");
    for (const char* bad : {"", "10.0.0", "10.0.0.256", "10.0.0.4.5", "a.b.c.d", "10..0.1", "10.0.0.-1", "1234.0.0.1"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_ipv4(bad));
    }
  }

  TEST_CASE("prefixes: canonical form, containment, overlap") {
    auto vnet = *parse_prefix("10.0.0.0/16");
    auto a = *parse_prefix("10.0.1.0/24");
    auto b = *parse_prefix("10.0.1.128/25");
    auto c = *parse_prefix("10.1.0.0/24");
    CHECK(vnet.canonical());
    CHECK(vnet.contains(a));
    CHECK_FALSE(vnet.contains(c));
    CHECK(a.overlaps(b));
    CHECK(b.overlaps(a));
    CHECK_FALSE(a.overlaps(c));
    auto host_bits = *parse_prefix("10.0.0.1/24");
    CHECK_FALSE(host_bits.canonical());
    CHECK(host_bits.str() == "10.0.0.0/24");
    CHECK(parse_prefix("0.0.0.0/0")->contains(0xFFFFFFFFu));
    CHECK_FALSE(parse_prefix("10.0.0.0/33"));
    CHECK_FALSE(parse_prefix("10.0.0.0"));
  }

  TEST_CASE("Azure reserves .0-.3 and the broadcast address of a subnet") {
    auto s = *parse_prefix("10.0.0.0/24");
    for (const char* r : {"10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255"}) CHECK(is_reserved_in_subnet(s, *parse_ipv4(r)));
    CHECK_FALSE(is_reserved_in_subnet(s, *parse_ipv4("10.0.0.4")));
    CHECK_FALSE(is_reserved_in_subnet(s, *parse_ipv4("10.0.0.254")));
  }
}
