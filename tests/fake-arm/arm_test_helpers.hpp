// Shared helpers for fake-arm http tests: URL builders for the seeded subscription and a TestStack
// with a valid ARM token ready.
#pragma once

#include "tests/support/test_stack.hpp"

#include <string>

namespace azemu::testing {

inline const std::string kArm = "https://management.azure.com";

struct ArmFixture {
  TestStack stack;
  std::string token = stack.mint();
  std::string sub = stack.seed().subscription_id;

  std::string sub_url(const std::string& rest, const std::string& api = "2021-04-01") const {
    return kArm + "/subscriptions/" + sub + rest + (rest.find('?') == std::string::npos ? "?" : "&") + "api-version=" + api;
  }
  Response call(const std::string& method, const std::string& url, const std::string& body = "") {
    return stack.call_as(token, method, url, body);
  }
  Response create_group(const std::string& name, const std::string& body = R"({"location":"westus"})") {
    return call("PUT", sub_url("/resourcegroups/" + name), body);
  }
};

}  // namespace azemu::testing
