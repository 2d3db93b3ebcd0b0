// Parsing a client's JSON body under the limits Azure's front ends apply: valid UTF-8 and at most
// kMaxJsonDepth levels of nesting, checked by one linear scan *before* nlohmann builds a tree (a
// tree 100k levels deep overflows the stack when it is copied, compared or dumped).
// Failures throw RequestJsonRejected with a message safe to show a client; never parser internals.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace azemu::json {

/// Newtonsoft's default MaxDepth in ARM and Key Vault is 64; deeper bodies are refused.
inline constexpr int kMaxJsonDepth = 64;

/// A body that is not acceptable JSON; `what()` is the client-facing reason.
class RequestJsonRejected : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The deepest nesting of objects/arrays in `text`, counted outside strings; stops counting
/// (and returns limit + 1) as soon as `limit` is exceeded, so hostile input costs one pass.
int json_nesting_depth(std::string_view text, int limit = kMaxJsonDepth);

/// Parses a request body. Throws RequestJsonRejected for invalid UTF-8, nesting deeper than
/// kMaxJsonDepth, or syntax errors (message names the byte offset, as clients need to find it).
nlohmann::json parse_request_json(std::string_view body);

/// The client-facing text of a nlohmann exception: its message without the "[json.exception...]"
/// prefix, or a generic one for errors that would echo internals.
std::string describe_json_error(const nlohmann::json::exception& e);

}  // namespace azemu::json
