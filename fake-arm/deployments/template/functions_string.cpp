// String functions: concat (also arrays), format, toLower, toUpper, replace, split, substring,
// trim, padLeft, startsWith, endsWith, indexOf, lastIndexOf, string, base64, base64ToString,
// base64ToJson, uri, uriComponent, uriComponentToString, dataUri, dataUriToString.
// Spec: learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string —
// startsWith/endsWith/indexOf/lastIndexOf compare case-insensitively; replace is case-sensitive.
#include "fake-arm/deployments/template/dotnet_format.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"

#include "emulator/json/strings.hpp"

#include <algorithm>
#include <stdexcept>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

json concat(Call& c) {
  expect_args(c, 1, SIZE_MAX);
  if (c.args[0].is_array()) {
    json out = json::array();
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      if (c.args[i].is_null()) continue;
      for (const json& e : arg_array(c, i)) out.push_back(e);
    }
    return out;
  }
  std::string out;
  for (std::size_t i = 0; i < c.args.size(); ++i) {
    if (c.args[i].is_array() || c.args[i].is_object())
      fail(c, "all parameters must be strings, integers or booleans, or all must be arrays");
    out += to_arm_string(c.args[i]);
  }
  return out;
}

json substring(Call& c) {
  expect_args(c, 2, 3);
  const std::string& s = arg_string(c, 0);
  std::int64_t start = arg_int(c, 1);
  std::int64_t len = c.args.size() == 3 ? arg_int(c, 2) : static_cast<std::int64_t>(s.size()) - start;
  if (start < 0 || len < 0 || start + len > static_cast<std::int64_t>(s.size()))
    // Observed: ARM's text for an out-of-range substring.
    fail(c, "The index and length parameters must refer to a location within the string. The index parameter: '" +
                std::to_string(start) + "', the length parameter: '" + std::to_string(len) +
                "', the length of the string parameter: '" + std::to_string(s.size()) + "'.");
  return s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(len));
}

json split(Call& c) {
  expect_args(c, 2, 2);
  const std::string& s = arg_string(c, 0);
  std::vector<std::string> delims;
  if (c.args[1].is_array()) {
    for (const json& d : c.args[1])
      if (d.is_string() && !d.get<std::string>().empty()) delims.push_back(d.get<std::string>());
  } else {
    delims.push_back(arg_string(c, 1));
  }
  json out = json::array();
  std::size_t from = 0, i = 0;
  while (i <= s.size()) {
    bool matched = false;
    for (const auto& d : delims) {
      if (!d.empty() && s.compare(i, d.size(), d) == 0) {
        out.push_back(s.substr(from, i - from));
        i += d.size();
        from = i;
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
  out.push_back(s.substr(from));
  return out;
}

json index_of(Call& c, bool last) {
  expect_args(c, 2, 2);
  std::string s = text::to_lower(arg_string(c, 0));
  std::string needle = text::to_lower(arg_string(c, 1));
  auto pos = last ? s.rfind(needle) : s.find(needle);
  return pos == std::string::npos ? std::int64_t{-1} : static_cast<std::int64_t>(pos);
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n\f\v");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n\f\v");
  return s.substr(b, e - b + 1);
}

json pad_left(Call& c) {
  expect_args(c, 2, 3);
  if (!c.args[0].is_string() && !c.args[0].is_number_integer()) fail(c, "the first parameter must be a string or an integer");
  std::string s = to_arm_string(c.args[0]);
  std::int64_t total = arg_int(c, 1);
  if (total > 16 * 1024) fail(c, "the total length must not exceed '16384'");
  std::string pad = " ";
  if (c.args.size() == 3) {
    pad = arg_string(c, 2);
    if (pad.size() != 1) fail(c, "the padding character must be a single character");
  }
  if (static_cast<std::int64_t>(s.size()) < total) s = std::string(static_cast<std::size_t>(total) - s.size(), pad[0]) + s;
  return s;
}

// .NET Uri(baseUri, relativeUri) for the common shapes: absolute relative wins, "/x" replaces the
// path, "x" replaces the last path segment.
json uri(Call& c) {
  expect_args(c, 2, 2);
  const std::string& base = arg_string(c, 0);
  const std::string& rel = arg_string(c, 1);
  auto scheme_end = base.find("://");
  if (scheme_end == std::string::npos) fail(c, "the base URI '" + base + "' is not an absolute URI");
  if (rel.find("://") != std::string::npos) return rel;
  auto authority_end = base.find('/', scheme_end + 3);
  std::string authority = base.substr(0, authority_end);
  if (!rel.empty() && rel[0] == '/') return authority + rel;
  if (authority_end == std::string::npos) return authority + "/" + rel;
  std::string path = base.substr(0, base.find_first_of("?#"));
  return path.substr(0, path.rfind('/') + 1) + rel;
}

json base64_to_string(Call& c) {
  expect_args(c, 1, 1);
  try {
    return text::base64_decode(arg_string(c, 0));
  } catch (const std::invalid_argument&) {
    fail(c, "the input is not a valid Base-64 string");
  }
}

json data_uri_to_string(Call& c) {
  expect_args(c, 1, 1);
  const std::string& s = arg_string(c, 0);
  auto comma = s.find(',');
  if (!text::istarts_with(s, "data:") || comma == std::string::npos) fail(c, "the input is not a valid data URI");
  std::string meta = s.substr(5, comma - 5);
  std::string payload = s.substr(comma + 1);
  if (text::iends_with(meta, ";base64")) return text::base64_decode(payload);
  return text::percent_decode(payload);
}

}  // namespace

void register_string_functions(FunctionTable& t) {
  t.add("concat", concat);
  t.add("format", [](Call& c) -> json {
    expect_args(c, 1, SIZE_MAX);
    std::vector<json> rest(c.args.begin() + 1, c.args.end());
    try {
      return dotnet_format(arg_string(c, 0), rest);
    } catch (const std::invalid_argument& e) {
      fail(c, e.what());
    }
  });
  t.add("toLower", [](Call& c) -> json { expect_args(c, 1, 1); return text::to_lower(arg_string(c, 0)); });
  t.add("toUpper", [](Call& c) -> json { expect_args(c, 1, 1); return upper(arg_string(c, 0)); });
  t.add("replace", [](Call& c) -> json {
    expect_args(c, 3, 3);
    std::string s = arg_string(c, 0);
    const std::string& from = arg_string(c, 1);
    const std::string& to = arg_string(c, 2);
    if (from.empty()) fail(c, "the old value must not be empty");
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
  });
  t.add("split", split);
  t.add("substring", substring);
  t.add("trim", [](Call& c) -> json { expect_args(c, 1, 1); return trim(arg_string(c, 0)); });
  t.add("padLeft", pad_left);
  t.add("startsWith", [](Call& c) -> json { expect_args(c, 2, 2); return text::istarts_with(arg_string(c, 0), arg_string(c, 1)); });
  t.add("endsWith", [](Call& c) -> json { expect_args(c, 2, 2); return text::iends_with(arg_string(c, 0), arg_string(c, 1)); });
  t.add("indexOf", [](Call& c) { return index_of(c, false); });
  t.add("lastIndexOf", [](Call& c) { return index_of(c, true); });
  t.add("string", [](Call& c) -> json { expect_args(c, 1, 1); return to_arm_string(c.args[0]); });
  t.add("base64", [](Call& c) -> json { expect_args(c, 1, 1); return text::base64_encode(arg_string(c, 0)); });
  t.add("base64ToString", base64_to_string);
  t.add("base64ToJson", [](Call& c) -> json {
    const std::string text = base64_to_string(c).get<std::string>();
    json v = parse_json_bounded(text);
    if (v.is_discarded())
      fail(c, json::accept(text) ? "the decoded value nests more than '" + std::to_string(kMaxJsonDepth) + "' levels"
                                 : std::string("the decoded value is not valid JSON"));
    return v;
  });
  t.add("uri", uri);
  t.add("uriComponent", [](Call& c) -> json { expect_args(c, 1, 1); return text::percent_encode(arg_string(c, 0)); });
  t.add("uriComponentToString", [](Call& c) -> json { expect_args(c, 1, 1); return text::percent_decode(arg_string(c, 0)); });
  t.add("dataUri", [](Call& c) -> json {
    expect_args(c, 1, 1);
    return "data:text/plain;charset=utf8;base64," + text::base64_encode(to_arm_string(c.args[0]));
  });
  t.add("dataUriToString", data_uri_to_string);
}

}  // namespace azemu::arm::tmpl
