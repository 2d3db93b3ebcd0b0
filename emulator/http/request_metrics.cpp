// See request_metrics.hpp. Text format: https://prometheus.io/docs/instrumenting/exposition_formats/
#include "emulator/http/request_metrics.hpp"

#include <cstdio>

namespace azemu::http {

void RequestMetrics::record(std::string_view service, std::string_view operation, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(service), std::string(operation.empty() ? "unmatched" : operation), status}];
  auto& h = latency_[std::string(service)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string prometheus_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}

std::string RequestMetrics::prometheus() const {
  std::lock_guard lock(mutex_);
  std::string out = "# HELP azemu_requests_total Requests answered, by service, Azure operation and status.\n"
                    "# TYPE azemu_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [service, op, status] = key;
    out += "azemu_requests_total{service=\"" + prometheus_label(service) + "\",operation=\"" + prometheus_label(op) +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP azemu_request_duration_seconds Time in the pipeline per request, by service.\n"
         "# TYPE azemu_request_duration_seconds histogram\n";
  char num[64];
  for (const auto& [service, h] : latency_) {
    std::string label = "service=\"" + prometheus_label(service) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(num, sizeof num, "%g", kBuckets[i]);
      out += "azemu_request_duration_seconds_bucket{" + label + ",le=\"" + num + "\"} " + std::to_string(h.buckets[i]) + "\n";
    }
    out += "azemu_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    std::snprintf(num, sizeof num, "%.6f", h.sum);
    out += "azemu_request_duration_seconds_sum{" + label + "} " + num + "\n";
    out += "azemu_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) + "\n";
  }
  return out;
}

std::uint64_t RequestMetrics::total() const {
  std::lock_guard lock(mutex_);
  std::uint64_t n = 0;
  for (const auto& [key, count] : requests_) n += count;
  return n;
}

}  // namespace azemu::http
