// The one error type every azemu service throws. It carries Azure's error code and message;
// the HTTP status follows from `kind` (one table, error/dialects.cpp) and the body shape from
// the route's dialect. Socket/TLS failures are NOT AzureErrors: they stay error_codes in http/.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace azemu {

enum class ErrorKind {
  BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, Conflict,
  PreconditionFailed, TooLarge, Throttled, NotImplemented, Internal
};

/// Which service's error body to write (ARM, Key Vault, Graph, Entra token endpoint).
enum class Dialect { arm, keyvault, graph, aad, plain };

class AzureError : public std::runtime_error {
public:
  AzureError(ErrorKind kind, std::string code, std::string message)
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Optional fields; builder style so factories stay one expression.
  AzureError& with_target(std::string t) { target_ = std::move(t); return *this; }
  AzureError& with_details(nlohmann::json d) { details_ = std::move(d); return *this; }
  AzureError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  /// Entra only: the numeric AADSTS codes of `error_codes`.
  AzureError& with_aad_codes(std::vector<int> codes) { aad_codes_ = std::move(codes); return *this; }
  /// A rare status that does not follow from kind (commented at the throw site).
  AzureError& with_status(int status) { status_override_ = status; return *this; }

  const std::string& target() const { return target_; }
  const nlohmann::json& details() const { return details_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  const std::vector<int>& aad_codes() const { return aad_codes_; }
  int status_override() const { return status_override_; }

private:
  ErrorKind kind_;
  std::string code_;
  std::string message_;
  std::string target_;
  nlohmann::json details_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::vector<int> aad_codes_;
  int status_override_ = 0;
};

/// HTTP status for an error kind (the one table).
int http_status(ErrorKind kind);

}  // namespace azemu
