// The shape shared by the per-service body fuzzers (fuzz_arm_bodies, fuzz_aad_bodies,
// fuzz_kv_bodies): the first input byte picks one of the service's PUT/POST/PATCH routes, the rest
// is the request body, sent with a valid token of the route's audience through the pipeline.
// Committed seeds start with 'A' + route index, so they stay readable.
#pragma once

#include "tests/fuzz/support/fuzz_stack.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace azemu::fuzz {

struct BodyRoute {
  std::string method;
  std::string url;  // absolute, with api-version
  Audience audience = Audience::arm;
  std::string content_type = "application/json";
};

/// One fuzz input against `routes` (non-empty): runs the request and applies check_reply().
void fuzz_route_body(FuzzStack& stack, const std::vector<BodyRoute>& routes, const std::uint8_t* data, std::size_t size);

}  // namespace azemu::fuzz
