// See vault_throttle.hpp.
#include "emulator/http/vault_throttle.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

#include <algorithm>

namespace azemu::http {

std::optional<AzureError> VaultThrottle::admit(const Request& req) {
  const bool key = text::istarts_with(req.path, "/keys") || text::istarts_with(req.path, "/deletedkeys");
  const std::int64_t weight = req.operation_id == "CreateKey" || req.operation_id == "RotateKey" ? kKeyCreateWeight : 1;
  const std::int64_t budget = key ? kKeyBudget : kVaultBudget;
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch()).count();

  std::lock_guard lock(mutex_);
  Window& w = windows_[{req.host_info.vault_name, key}];
  while (!w.entries.empty() && w.entries.front().first <= now - kWindowMs) {
    w.sum -= w.entries.front().second;
    w.entries.pop_front();
  }
  if (w.sum + weight <= budget) {
    w.entries.emplace_back(now, weight);
    w.sum += weight;
    return std::nullopt;
  }
  // Retry once enough of the window has expired to make room for this request.
  std::int64_t freed = budget - w.sum, wait_ms = kWindowMs;
  for (const auto& [at, wt] : w.entries) {
    freed += wt;
    if (freed >= weight) {
      wait_ms = at + kWindowMs - now;
      break;
    }
  }
  const std::int64_t retry_after = std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
  log::write(log::Level::info, "vault throttled",
             {{"vault", req.host_info.vault_name}, {"budget", key ? "keys" : "vault"}, {"retryAfter", retry_after}});
  // Observed shape (Key Vault throttling guidance, "HTTP 429"): code Throttled, the reason in the message.
  AzureError e(ErrorKind::Throttled, "Throttled",
               "Request was not processed because too many requests were received. Reason: A maximum of " +
                   std::to_string(budget) + (key ? " key transactions" : " transactions") +
                   " in 10 seconds are allowed per vault (azemu --kv-throttling azure).");
  e.with_status(429);
  e.with_header("Retry-After", std::to_string(retry_after));
  return e;
}

}  // namespace azemu::http
