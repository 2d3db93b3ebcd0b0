// Counters and latency histograms of served requests, by service (the host's dialect), Azure
// operation id and status, for GET /_azemu/metrics in Prometheus text format. Recorded once per
// request by the pipeline; other gauges (LROs, VMs) are added by whoever renders the page.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace azemu::http {

class RequestMetrics {
public:
  /// Upper bounds of the latency buckets, seconds (Prometheus "le" labels; +Inf is implicit).
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};

  void record(std::string_view service, std::string_view operation, int status, double seconds);
  /// azemu_requests_total{service,operation,status} and azemu_request_duration_seconds{service}.
  std::string prometheus() const;
  /// Sum of every counter (tests: "the counters moved").
  std::uint64_t total() const;

private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

/// A Prometheus label value with \, " and newlines escaped.
std::string prometheus_label(std::string_view value);

}  // namespace azemu::http
