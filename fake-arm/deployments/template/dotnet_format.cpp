// Composite format parser and the invariant-culture numeric formats ARM templates use.
#include "fake-arm/deployments/template/dotnet_format.hpp"

#include "fake-arm/deployments/template/function_table.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace azemu::arm::tmpl {
namespace {

const char* kBadFormat = "Input string was not in a correct format.";

std::string group_thousands(const std::string& digits) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - i - 1) % 3 == 0 && i != n - 1) out += ',';
  }
  return out;
}

// Fixed-point text of |v| with `decimals` digits, split into integer and fraction parts.
std::pair<std::string, std::string> fixed_parts(double v, int decimals) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s = buf;
  auto dot = s.find('.');
  if (dot == std::string::npos) return {s, ""};
  return {s.substr(0, dot), s.substr(dot + 1)};
}

std::string format_number(const nlohmann::json& v, const std::string& spec) {
  if (spec.empty()) return to_arm_string(v);
  char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(spec[0])));
  std::string prec_text = spec.substr(1);
  for (char c : prec_text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return to_arm_string(v);  // custom format: not supported
  int prec = prec_text.empty() ? -1 : std::stoi(prec_text);
  bool is_int = v.is_number_integer();
  double d = v.get<double>();
  bool negative = d < 0;
  std::string sign = negative ? "-" : "";
  switch (kind) {
    case 'N': {
      auto [ip, fp] = fixed_parts(d, prec < 0 ? 2 : prec);
      return sign + group_thousands(ip) + (fp.empty() ? "" : "." + fp);
    }
    case 'F': {
      auto [ip, fp] = fixed_parts(d, prec < 0 ? 2 : prec);
      return sign + ip + (fp.empty() ? "" : "." + fp);
    }
    case 'P': {
      auto [ip, fp] = fixed_parts(d * 100, prec < 0 ? 2 : prec);
      return sign + group_thousands(ip) + (fp.empty() ? "" : "." + fp) + " %";
    }
    case 'D': {
      if (!is_int) throw std::invalid_argument("Format specifier was invalid.");
      auto [ip, fp] = fixed_parts(d, 0);
      while (static_cast<int>(ip.size()) < prec) ip = "0" + ip;
      return sign + ip;
    }
    case 'X': {
      if (!is_int) throw std::invalid_argument("Format specifier was invalid.");
      char buf[32];
      std::snprintf(buf, sizeof buf, spec[0] == 'x' ? "%llx" : "%llX",
                    static_cast<unsigned long long>(v.get<std::int64_t>()));
      std::string s = buf;
      while (static_cast<int>(s.size()) < prec) s = "0" + s;
      return s;
    }
    default: return to_arm_string(v);
  }
}

std::string format_arg(const nlohmann::json& v, const std::string& spec) {
  if (v.is_number()) return format_number(v, spec);
  return to_arm_string(v);
}

}  // namespace

std::string dotnet_format(const std::string& f, const std::vector<nlohmann::json>& args) {
  std::string out;
  std::size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw std::invalid_argument(kBadFormat);
    }
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '{') {
      out += '{';
      i += 2;
      continue;
    }
    // {index[,alignment][:format]}
    ++i;
    std::size_t start = i;
    while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
    if (i == start) throw std::invalid_argument(kBadFormat);
    std::size_t index = std::stoul(f.substr(start, i - start));
    int align = 0;
    if (i < f.size() && f[i] == ',') {
      ++i;
      std::size_t a = i;
      if (i < f.size() && f[i] == '-') ++i;
      while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
      if (a == i) throw std::invalid_argument(kBadFormat);
      align = std::stoi(f.substr(a, i - a));
    }
    std::string spec;
    if (i < f.size() && f[i] == ':') {
      ++i;
      while (i < f.size() && f[i] != '}') spec += f[i++];
    }
    if (i >= f.size() || f[i] != '}') throw std::invalid_argument(kBadFormat);
    ++i;
    if (index >= args.size())
      throw std::invalid_argument(
          "Index (zero based) must be greater than or equal to zero and less than the size of the argument list.");
    std::string text = format_arg(args[index], spec);
    auto width = static_cast<std::size_t>(std::abs(align));
    if (text.size() < width) {
      std::string pad(width - text.size(), ' ');
      text = align < 0 ? text + pad : pad + text;
    }
    out += text;
  }
  return out;
}

}  // namespace azemu::arm::tmpl
