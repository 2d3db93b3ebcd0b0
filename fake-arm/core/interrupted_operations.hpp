// Crash recovery for long-running operations: the workers that would finish an InProgress row live
// in memory only (exec::Jobs), so after a restart nothing ever would. At start-up, before the port
// opens, every such row ends Failed with the provider's internal-error code (what Azure reports
// when its own side aborts an operation), and the resource it was acting on leaves its transitional
// provisioningState (Creating/Updating/Deleting) for Failed — Azure's state for a resource whose
// last operation failed, from which a new PUT or DELETE starts over.
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"

#include <cstddef>

namespace azemu::arm {

/// Returns how many operations were failed. Run after deployment recovery (which fails its own
/// operations with DeploymentInterrupted) and before any worker starts.
std::size_t fail_interrupted_operations(store::Connection& c, const AsyncOperations& ops, const exec::Clock& clock);

}  // namespace azemu::arm
