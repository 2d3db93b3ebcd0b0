// IPv4 and CIDR helpers; see ip_prefix.hpp.
#include "fake-arm/providers/network/common/ip_prefix.hpp"

#include <charconv>

namespace azemu::arm::net {

namespace {
std::optional<unsigned> parse_number(std::string_view s, unsigned max) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  unsigned v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  for (int i = 0; i < 4; ++i) {
    auto dot = text.find('.');
    if ((i < 3) == (dot == std::string_view::npos)) return std::nullopt;
    auto octet = parse_number(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    out = (out << 8) | *octet;
    text = i < 3 ? text.substr(dot + 1) : std::string_view{};
  }
  return out;
}

std::string format_ipv4(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) + "." +
         std::to_string(a & 255);
}

std::string Prefix::str() const { return format_ipv4(first()) + "/" + std::to_string(length); }

std::optional<Prefix> parse_prefix(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = parse_ipv4(text.substr(0, slash));
  auto length = parse_number(text.substr(slash + 1), 32);
  if (!address || !length) return std::nullopt;
  return Prefix{*address, static_cast<int>(*length)};
}

bool is_reserved_in_subnet(const Prefix& subnet, std::uint32_t a) {
  if (!subnet.contains(a)) return false;
  return a - subnet.first() < 4 || a == subnet.last();
}

}  // namespace azemu::arm::net
