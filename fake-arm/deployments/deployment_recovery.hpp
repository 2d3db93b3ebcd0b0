// Crash recovery for deployments: what a previous process left Accepted/Running ends Failed with
// DeploymentInterrupted (its job, the caller and secure parameters were in memory only), its
// running per-resource operations fail, and its polling operation fails, so clients stop waiting.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"

#include <cstddef>
#include <cstdint>

namespace azemu::arm {

/// Returns how many deployments were failed. `now_ms`: Unix milliseconds for their end time.
std::size_t fail_interrupted_deployments(store::Connection& c, const AsyncOperations& ops, std::int64_t now_ms);

}  // namespace azemu::arm
