// After azemu restarts, the VMs that were running (or starting) when it stopped run again: their
// stored power state says so, and a user of Azure expects a host restart to be invisible. Called
// once the server is ready; the boots run on exec::Jobs so readiness never waits for a guest.
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/ports/platform_key_vault.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"

#include <cstddef>

namespace azemu::arm::compute {

/// Marks every running/starting VM `starting` (at once, so no lifecycle operation overlaps the
/// boot) and posts one job per VM that calls runtime.start(). A VM whose guest cannot boot ends
/// `stopped` with the reason in its instance view's PowerState status. Returns how many were posted.
std::size_t resume_running_vms(store::Database& db, const exec::Clock& clock, exec::Jobs& jobs, ports::VmRuntime& runtime,
                               ports::PlatformKeyVault& platform_kv);

}  // namespace azemu::arm::compute
