// How Compute's long-running operations run. A service method validates and writes the first half
// of a transition in one transaction (provisioningState Creating/Updating/Deleting, power state
// starting/stopping/...), records an AsyncOperation, then hands the runtime work to dispatch():
// exec::Jobs for a request (the handler answers 201/202 with polling headers at once), or the
// caller's own thread for a deployment (DeployableType::put blocks until provisioned, and a
// deployment already runs on exec::Jobs). The work finishes the operation either way.
#pragma once

#include "emulator/exec/jobs.hpp"
#include "fake-arm/core/async_operations.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <utility>

namespace azemu::arm::compute {

enum class Run { background, here };

inline void dispatch(exec::Jobs& jobs, Run run, std::function<void()> work) {
  if (run == Run::here) work();
  else jobs.post(std::move(work));
}

/// A started operation: the body the route answers with (the resource in its transitional state,
/// or null for actions), the operation to poll, and whether the PUT created the resource.
struct Accepted {
  nlohmann::json body;
  AsyncOperation op;
  bool created = false;
};

}  // namespace azemu::arm::compute
