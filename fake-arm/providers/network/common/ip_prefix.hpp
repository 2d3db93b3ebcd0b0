// IPv4 addresses and CIDR prefixes for Microsoft.Network: parsing ("10.0.0.0/24"), containment,
// overlap and host enumeration inside a subnet. Pure values; IPv6 prefixes are not parsed (the
// emulator's networks are IPv4 only, as the CLI's defaults are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm::net {

/// "10.0.0.4" → host-order value; nullopt unless four decimal octets 0-255 without leading '+'/spaces.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(std::uint32_t address);

struct Prefix {
  std::uint32_t network = 0;  // with host bits as written (see canonical())
  int length = 0;             // 0..32

  std::uint32_t mask() const { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }
  std::uint32_t first() const { return network & mask(); }
  std::uint32_t last() const { return first() | ~mask(); }
  /// True when no host bit is set ("10.0.0.0/24", not "10.0.0.1/24").
  bool canonical() const { return network == first(); }
  bool contains(std::uint32_t a) const { return (a & mask()) == first(); }
  bool contains(const Prefix& inner) const { return inner.length >= length && contains(inner.first()); }
  bool overlaps(const Prefix& o) const { return contains(o.first()) || o.contains(first()); }
  /// "10.0.0.0/24" (network part canonical).
  std::string str() const;
};

/// "a.b.c.d/n"; nullopt when it is not that shape (host bits may be set: check canonical()).
std::optional<Prefix> parse_prefix(std::string_view text);

/// Azure reserves the network address, .1 (gateway), .2 and .3 (DNS) and the broadcast address of
/// every subnet. Spec: learn.microsoft.com "Virtual network FAQ: Are there any restrictions on using
/// IP addresses within these subnets?".
bool is_reserved_in_subnet(const Prefix& subnet, std::uint32_t address);

}  // namespace azemu::arm::net
