// `azemu start --kv-throttling azure`: Key Vault's documented per-vault transaction limits as an
// opt-in built-in rule set. Past a limit the vault answers 429 Throttled with Retry-After, as Azure
// does; throttled requests do not count (Azure: "Failed requests that return a 429 do not count").
// Spec: learn.microsoft.com/azure/key-vault/general/service-limits (resource type vault, per vault per
// region, 10 s windows): software keys RSA 2,048 / EC: CREATE key 20, all other transactions 4,000;
// secrets, managed storage account keys and vault transactions 4,000. "The throttling thresholds are
// weighted, and enforcement is on their sum": a key CREATE costs 4000/20 = 200 units of the key budget.
// Not modelled: RSA 3,072/4,096 weights and HSM keys (the pipeline does not know a key's size, so every
// key transaction costs what an RSA 2,048 one does), and the subscription-wide limit (5x per vault).
#pragma once

#include "emulator/error/azure_error.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/request.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace azemu::http {

class VaultThrottle {
public:
  static constexpr std::int64_t kWindowMs = 10'000;
  static constexpr std::int64_t kKeyBudget = 4'000;    // RSA 2,048 software keys, "all other transactions"
  static constexpr std::int64_t kKeyCreateWeight = 200;  // 20 CREATE per 10 s on the same budget
  static constexpr std::int64_t kVaultBudget = 4'000;  // secrets, managed storage account keys, vault

  explicit VaultThrottle(const exec::Clock& clock) : clock_(clock) {}

  /// Counts a vault request (`req.operation_id` is the route's, `req.host_info.vault_name` the vault)
  /// and returns the 429 to answer when it is over its vault's limit; nothing is counted then.
  std::optional<AzureError> admit(const Request& req);

private:
  struct Window {
    std::deque<std::pair<std::int64_t, std::int64_t>> entries;  // (ms, weight), oldest first
    std::int64_t sum = 0;
  };
  const exec::Clock& clock_;
  std::mutex mutex_;
  std::map<std::pair<std::string, bool>, Window> windows_;  // (vault, is key budget)
};

}  // namespace azemu::http
