// HEAD on any resource: ARM's own Resources_CheckExistenceById / Resources_CheckExistence, answered from the
// resource's GET route. Only the mapping of the GET's answer lives here; mount.cpp pairs each GET with it.
#pragma once

#include "emulator/http/router.hpp"

namespace azemu::arm {

/// A HEAD handler built from a resource's GET handler. Spec: resources.json Resources_CheckExistenceById
/// answers 204 (exists) or 404 (not found) without a body; ARM serves it for every resource type.
/// Result: 204 when the GET answers 200; any other reply as it is (the server drops HEAD bodies).
/// Throws: what the GET throws (ResourceNotFound, ResourceGroupNotFound, AuthorizationFailed ...), which the
/// pipeline answers with the GET's status.
http::Handler check_existence_from_get(http::Handler get);

}  // namespace azemu::arm
