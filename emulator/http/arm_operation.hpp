// The ARM operation name of a management request (the name RBAC and Azure Activity Log use),
// derived from method and path so a fault rule can say "Microsoft.Compute/virtualMachines/write"
// without the pipeline knowing any provider. Only the shape of ARM paths is known here.
#pragma once

#include "emulator/http/reply.hpp"

#include <string>
#include <string_view>

namespace azemu::http {

/// PUT/PATCH → write, DELETE → delete, GET/HEAD → read, POST to .../{name}/{verb} → {verb}/action.
///   PUT  /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1
///        → "Microsoft.Compute/virtualMachines/write"
///   POST .../virtualMachines/vm1/start → "Microsoft.Compute/virtualMachines/start/action"
///   PUT  /subscriptions/s/resourcegroups/g → "Microsoft.Resources/subscriptions/resourceGroups/write"
/// "" when the path is not an ARM resource path.
std::string arm_operation_name(std::string_view method, std::string_view path);

/// The id of the operation a long-running operation's first reply points at: the last path segment of its
/// polling URL (Azure-AsyncOperation first, else Location). "" without either header.
std::string polled_operation_id(const Reply& reply);

}  // namespace azemu::http
