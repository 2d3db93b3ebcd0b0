// Prometheus text: counters by service/operation/status, cumulative histogram buckets, escaping.
#include "emulator/http/request_metrics.hpp"

#include <doctest/doctest.h>

using namespace azemu::http;

TEST_SUITE("request_metrics") {
  TEST_CASE("requests are counted by service, operation and status") {
    RequestMetrics m;
    m.record("arm", "ResourceGroups_Get", 200, 0.002);
    m.record("arm", "ResourceGroups_Get", 200, 0.3);
    m.record("arm", "", 404, 0.001);
    auto text = m.prometheus();
    CHECK(text.find("azemu_requests_total{service=\"arm\",operation=\"ResourceGroups_Get\",status=\"200\"} 2") !=
          std::string::npos);
    CHECK(text.find("operation=\"unmatched\",status=\"404\"} 1") != std::string::npos);
    CHECK(text.find("azemu_request_duration_seconds_bucket{service=\"arm\",le=\"0.0025\"} 2") != std::string::npos);
    CHECK(text.find("azemu_request_duration_seconds_bucket{service=\"arm\",le=\"+Inf\"} 3") != std::string::npos);
    CHECK(m.total() == 3);
  }

  TEST_CASE("label values are escaped") { CHECK(prometheus_label("a\"b\\c\nd") == "a\\\"b\\\\c\\nd"); }
}
