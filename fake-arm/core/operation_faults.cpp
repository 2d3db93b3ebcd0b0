// See operation_faults.hpp.
#include "fake-arm/core/operation_faults.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "fake-arm/core/resource_store.hpp"

namespace azemu::arm {

void OperationFaults::fail_after_polls(const std::string& operation_id, const ports::LroFailure& failure) {
  std::lock_guard lock(mutex_);
  plans_[text::to_lower(operation_id)] = Plan{failure, 0};
  log::write(log::Level::info, "LRO failure planned",
             {{"rule", failure.rule_id}, {"operation", operation_id}, {"afterPolls", failure.after_polls}});
}

std::size_t OperationFaults::pending() const {
  std::lock_guard lock(mutex_);
  return plans_.size();
}

AsyncOperation OperationFaults::observe_poll(const AsyncOperation& op) {
  ports::LroFailure failure;
  {
    std::lock_guard lock(mutex_);
    auto it = plans_.find(text::to_lower(op.id));
    if (it == plans_.end()) return op;
    ++it->second.polls;
    if (it->second.polls < it->second.failure.after_polls || !op.done()) {
      AsyncOperation shown = op;  // the real work may be done: the poller must not learn it yet
      shown.status = OperationStatus::in_progress;
      shown.result = nullptr;
      shown.ended_at.reset();
      shown.percent = 0;
      return shown;
    }
    failure = it->second.failure;
    plans_.erase(it);
  }
  auto failed = db_.write([&](store::Connection& c) {
    ops_.force_fail(c, op.id, failure.code, failure.message);
    if (auto id = ResourceId::parse(op.resource_id)) fail_resource(c, *id);
    return ops_.get(c, op.subscription_id, op.id);
  });
  log::write(log::Level::info, "LRO failed by a fault rule",
             {{"rule", failure.rule_id}, {"operation", op.id}, {"resource", op.resource_id}, {"code", failure.code}});
  return failed.value_or(op);
}

std::optional<ports::LroFailure> OperationFaults::for_deployment(std::string_view arm_operation,
                                                                 const auth::Principal& caller) const {
  if (!matcher_) return std::nullopt;
  return matcher_(arm_operation, caller);
}

void OperationFaults::fail_resource(store::Connection& c, const ResourceId& id) const {
  ResourceStore resources;
  auto r = resources.get(c, id);
  if (!r) return;
  r->body["properties"]["provisioningState"] = "Failed";
  r->changed_at = clock_.now_unix();
  resources.put(c, *r);
}

}  // namespace azemu::arm
