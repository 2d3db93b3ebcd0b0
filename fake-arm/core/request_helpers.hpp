// Small typed reads of an ARM request shared by every fake-arm handler: the verified caller and
// the api-version. Handlers only; services never see the Request.
#pragma once

#include "emulator/http/request.hpp"

#include <cassert>
#include <string>

namespace azemu::arm {

/// The verified caller. Every fake-arm route but /metadata/endpoints authenticates, so the pipeline
/// has always set it here.
inline const auth::Principal& caller(const http::Request& req) {
  assert(req.principal && "fake-arm handler on an anonymous route");
  return *req.principal;
}

/// The request's api-version. Any value is accepted (ARCHITECTURE §5): az 2.45 sends hybrid-profile
/// versions and current SDKs new ones; it is only echoed into URLs we hand out.
inline std::string api_version(const http::Request& req) { return req.query_param("api-version").value_or(""); }

}  // namespace azemu::arm
