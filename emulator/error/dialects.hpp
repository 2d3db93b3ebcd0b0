// Writes an AzureError as the body a real Azure service would send, one function per dialect.
// Does not decide status codes beyond http_status(); does not log.
#pragma once

#include "emulator/error/azure_error.hpp"

#include <string>

namespace azemu::error {

struct ErrorBody {
  int status;
  std::string content_type;
  std::string body;
};

/// `request_id` ends up where the service puts its correlation ids; `now_iso` is the
/// timestamp Entra and Graph include.
ErrorBody render(const AzureError& e, Dialect dialect, const std::string& request_id,
                 const std::string& now_iso);

}  // namespace azemu::error
