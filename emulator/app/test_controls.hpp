// Routes that exist only with `azemu start --test-controls`, for black-box tests: time travel.
//   POST https://localhost:<port>/_azemu/time {"advanceSeconds": N}  → {"now": "<iso>"}
// Never mounted in normal runs.
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/http/router.hpp"

namespace azemu::app {

void mount_test_controls(http::Router& router, exec::SystemClock& clock);

}  // namespace azemu::app
