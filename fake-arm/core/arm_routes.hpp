// What every ARM route table registers into: the anonymous and the authenticated management scopes, the scope
// prefixes the REST specs share, and the one way to bind a handler, to(handlers, &Handlers::fn): a handler method
// of an object the ARM composition (fake-arm/mount.cpp) owns, kept alive by `owner` as long as the router.
// Each folder registers its own routes (providers/compute/mount.cpp, ...); fake-arm/mount.cpp only composes.
#pragma once

#include "emulator/http/router.hpp"
#include "fake-arm/core/operation_settle.hpp"

#include <memory>
#include <string>
#include <vector>

namespace azemu::arm {

/// Spec: resources.json Resources_CheckExistenceById: ARM answers HEAD on any resource (204 or 404), from the
/// resource's GET (core/check_existence.hpp).
inline constexpr const char* kCheckExistence = "Resources_CheckExistenceById";

struct ArmRoutes {
  http::Router& router;
  http::Router::ScopeBuilder anonymous;  // /metadata/endpoints, the VM image alias document
  http::Router::ScopeBuilder arm;        // everything else: arm_auth_policy()
  std::shared_ptr<const void> owner;     // the composition every bound handler object lives in
  const OperationSettle* settle = nullptr;  // lets a long-running operation's first reply turn final (in owner)
  const std::string sub = "/subscriptions/{subscriptionId}";
  const std::string rg = sub + "/resourcegroups/{resourceGroupName}";

  /// The scope shapes of routes ARM serves at any scope ("{scope}/providers/Microsoft.Authorization/...",
  /// ".../Microsoft.Resources/tags/default"): the router has no mid-path wildcard, so each is listed: subscription,
  /// group, and group resources up to three type/name levels deep.
  std::vector<std::string> any_scope() const {
    const std::string res1 = rg + "/providers/{namespace}/{type1}/{name1}";
    const std::string res2 = res1 + "/{type2}/{name2}";
    return {sub, rg, res1, res2, res2 + "/{type3}/{name3}"};
  }

  /// The one binder: `handlers.*fn`, with the composition kept alive; a reply that starts a long-running
  /// operation gets its chance to turn final (core/operation_settle.hpp).
  template <class H>
  http::Handler to(H& handlers, http::Reply (H::*fn)(http::Request&)) const {
    return [owner = owner, settle = settle, &handlers, fn](http::Request& req) {
      http::Reply reply = (handlers.*fn)(req);
      if (settle) settle->attach(reply, req);
      return reply;
    };
  }
};

}  // namespace azemu::arm
