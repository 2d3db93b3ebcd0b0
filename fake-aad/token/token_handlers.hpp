// HTTP glue for the token and device-code endpoints (v2, v1 and ADFS-style): form body -> typed
// request -> TokenService / DeviceCodeService -> token_json. Owns the stores and services of the
// token routes (the route table holds this object for the life of the process).
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/mount.hpp"
#include "fake-aad/token/device_code_service.hpp"
#include "fake-aad/token/device_code_store.hpp"
#include "fake-aad/token/refresh_token_store.hpp"
#include "fake-aad/token/token_service.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class TokenHandlers {
public:
  explicit TokenHandlers(const AadDeps& deps);

  /// POST /{tenant}/oauth2/v2.0/token and POST /adfs/oauth2/token
  http::Reply token(http::Request& req);
  /// POST /{tenant}/oauth2/token (v1: `resource=`, string-valued numbers)
  http::Reply token_v1(http::Request& req);
  /// POST /{tenant}/oauth2/v2.0/devicecode and POST /adfs/oauth2/devicecode
  http::Reply device_code(http::Request& req);
  /// POST /{tenant}/oauth2/devicecode (v1)
  http::Reply device_code_v1(http::Request& req);
  /// GET /{tenant}/oauth2/v2.0/authorize, /{tenant}/oauth2/authorize: 501 (no browser sign-in)
  http::Reply authorize(http::Request& req);

private:
  TokenResult run(http::Request& req, TokenEndpoint endpoint);
  DeviceAuthorization start_device_flow(http::Request& req, bool v1);

  DirectoryStore directory_;
  RefreshTokenStore refresh_tokens_;
  DeviceCodeStore device_codes_;
  DeviceCodeService devices_;
  TokenService tokens_;
};

}  // namespace azemu::aad
