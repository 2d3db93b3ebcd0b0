// The Graph scope's auth policy: Graph audiences for the host the client used, and Graph's 401
// wording (InvalidAuthenticationToken) with its Bearer challenge. The pipeline runs it; Graph
// handlers never look at tokens.
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/http/router.hpp"

#include <memory>

namespace azemu::aad {

std::shared_ptr<const http::AuthPolicy> graph_auth_policy(const cloud::HostNames& names);

}  // namespace azemu::aad
