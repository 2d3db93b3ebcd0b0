// See request_json.hpp. The depth scan mirrors JSON's lexical rules only as far as needed:
// brackets inside strings (with escapes) do not count.
#include "emulator/json/request_json.hpp"

#include "emulator/json/utf8.hpp"

namespace azemu::json {

int json_nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '{':
      case '[':
        if (++depth > deepest) deepest = depth;
        if (deepest > limit) return limit + 1;
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return deepest;
}

nlohmann::json parse_request_json(std::string_view body) {
  if (!text::is_valid_utf8(body)) throw RequestJsonRejected("The request body is not valid UTF-8.");
  if (json_nesting_depth(body) > kMaxJsonDepth)
    throw RequestJsonRejected("The request body nests objects or arrays deeper than " + std::to_string(kMaxJsonDepth) +
                              " levels.");
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw RequestJsonRejected("Invalid JSON at byte " + std::to_string(e.byte) + ".");
  }
}

std::string describe_json_error(const nlohmann::json::exception& e) {
  // type_error.316 (invalid UTF-8 while dumping) and out_of_range/other errors describe our own
  // processing, not the client's input: say nothing specific.
  if (e.id == 316 || dynamic_cast<const nlohmann::json::type_error*>(&e) == nullptr)
    return "The request content could not be processed.";
  std::string_view what = e.what();
  if (auto close = what.find("] "); what.starts_with("[json.exception.") && close != std::string_view::npos)
    what.remove_prefix(close + 2);
  return "A value in the request has the wrong type: " + std::string(what) + ".";
}

}  // namespace azemu::json
