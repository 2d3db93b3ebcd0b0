// The local stand-in for https://microsoft.com/devicelogin: GET shows a small HTML form (code,
// username, password); POST checks the password and approves the device code. It exists so a
// person can finish `az login --use-device-code` in a browser; `azemu approve CODE` does the same
// without a password.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/mount.hpp"
#include "fake-aad/token/device_code_service.hpp"
#include "fake-aad/token/device_code_store.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class DeviceLoginHandlers {
public:
  explicit DeviceLoginHandlers(const AadDeps& deps)
      : directory_(deps.db), codes_(deps.db), devices_(directory_, codes_, deps.clock) {}

  /// GET /devicelogin[?code=ABC]
  http::Reply page(http::Request& req);
  /// POST /devicelogin (form: code, username, password)
  http::Reply submit(http::Request& req);

private:
  DirectoryStore directory_;
  DeviceCodeStore codes_;
  DeviceCodeService devices_;
};

}  // namespace azemu::aad
