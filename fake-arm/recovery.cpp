// Start-up crash recovery for everything fake-arm runs in the background; see mount.hpp.
#include "fake-arm/core/interrupted_operations.hpp"
#include "fake-arm/deployments/deployment_recovery.hpp"
#include "fake-arm/mount.hpp"

#include <chrono>

namespace azemu::arm {

std::size_t recover_interrupted_work(store::Database& db, const exec::Clock& clock) {
  const AsyncOperations ops(clock);
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
  return db.write([&](store::Connection& c) {
    // Deployments first: they fail their own operations with DeploymentInterrupted.
    std::size_t n = fail_interrupted_deployments(c, ops, now_ms);
    return n + fail_interrupted_operations(c, ops, clock);
  });
}

}  // namespace azemu::arm
