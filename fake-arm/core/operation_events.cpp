// Operation end notifications and per-kind durations; see operation_events.hpp.
#include "fake-arm/core/operation_events.hpp"

namespace azemu::arm {

namespace {
// Enough for every operation a client could still be subscribing to a moment after its end.
constexpr std::size_t kEndsKept = 512;
// The last few durations of a kind: a VM boot or a guest command varies, one outlier should not rule.
constexpr std::size_t kDurationsKept = 4;
// A duration past this is a clock jump (the --test-controls time route), not a pace to learn.
constexpr std::chrono::minutes kLongestLearned{10};
}  // namespace

void OperationEvents::on_end(const std::string& id, Wake wake) {
  {
    std::lock_guard lock(mu_);
    if (!ended_.count(id)) {
      waiting_[id].push_back(std::move(wake));
      return;
    }
  }
  wake();
}

void OperationEvents::started(const std::string& id, const std::string& kind) {
  std::lock_guard lock(mu_);
  running_[id] = {kind, clock_.now()};
}

void OperationEvents::ended(const std::string& id) {
  std::vector<Wake> wakes;
  {
    std::lock_guard lock(mu_);
    if (auto r = running_.find(id); r != running_.end()) {
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - r->second.started);
      if (took.count() >= 0 && took < kLongestLearned) {
        auto& kept = durations_[r->second.kind];
        kept.push_back(took);
        if (kept.size() > kDurationsKept) kept.pop_front();
      }
      running_.erase(r);
    }
    remember_ended(id);
    if (auto w = waiting_.find(id); w != waiting_.end()) {
      wakes = std::move(w->second);
      waiting_.erase(w);
    }
  }
  for (auto& wake : wakes) wake();  // outside the lock: a wake-up may subscribe or ask again
}

void OperationEvents::remember_ended(const std::string& id) {
  if (!ended_.insert(id).second) return;
  ended_order_.push_back(id);
  if (ended_order_.size() > kEndsKept) {
    ended_.erase(ended_order_.front());
    ended_order_.pop_front();
  }
}

std::optional<std::chrono::milliseconds> OperationEvents::expected_remaining(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto r = running_.find(id);
  if (r == running_.end()) return std::nullopt;
  auto d = durations_.find(r->second.kind);
  if (d == durations_.end() || d->second.empty()) return std::nullopt;
  std::chrono::milliseconds sum{0};
  for (auto took : d->second) sum += took;
  const auto expected = sum / static_cast<long>(d->second.size());
  const auto ran = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - r->second.started);
  // Twice the usual time and still running: this one is not like the others, the estimate says nothing.
  if (ran > 2 * expected + std::chrono::milliseconds(1000)) return std::nullopt;
  return expected - ran;
}

}  // namespace azemu::arm
