// Error bodies per service. Shapes observed from the real services:
//   ARM        {"error":{"code","message"[,"target","details"]}}
//   Key Vault  {"error":{"code","message","innererror"?}}
//   Graph      {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
//   Entra      {"error","error_description","error_codes","timestamp","trace_id","correlation_id","error_uri"}
#include "emulator/error/dialects.hpp"

namespace azemu {

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadRequest: return 400;
    case ErrorKind::Unauthorized: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::MethodNotAllowed: return 405;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::PreconditionFailed: return 412;
    case ErrorKind::TooLarge: return 413;
    case ErrorKind::Throttled: return 429;
    case ErrorKind::NotImplemented: return 501;
    case ErrorKind::Internal: return 500;
  }
  return 500;
}

}  // namespace azemu

namespace azemu::error {

ErrorBody render(const AzureError& e, Dialect dialect, const std::string& request_id,
                 const std::string& now_iso) {
  int status = e.status_override() ? e.status_override() : http_status(e.kind());
  nlohmann::json body;
  switch (dialect) {
    case Dialect::arm: {
      nlohmann::json err = {{"code", e.code()}, {"message", e.message()}};
      if (!e.target().empty()) err["target"] = e.target();
      if (!e.details().is_null()) err["details"] = e.details();
      body = {{"error", err}};
      break;
    }
    case Dialect::keyvault: {
      nlohmann::json err = {{"code", e.code()}, {"message", e.message()}};
      if (!e.details().is_null()) err["innererror"] = e.details();
      body = {{"error", err}};
      break;
    }
    case Dialect::graph:
      body = {{"error",
               {{"code", e.code()},
                {"message", e.message()},
                {"innerError",
                 {{"date", now_iso}, {"request-id", request_id}, {"client-request-id", request_id}}}}}};
      break;
    case Dialect::aad: {
      // Observed: Entra appends the trace/correlation ids and a "YYYY-MM-DD hh:mm:ssZ" timestamp.
      std::string ts = now_iso.size() >= 19 ? now_iso.substr(0, 10) + " " + now_iso.substr(11, 8) + "Z" : now_iso;
      body = {{"error", e.code()},
              {"error_description", e.message() + "\r\nTrace ID: " + request_id + "\r\nCorrelation ID: " + request_id +
                                        "\r\nTimestamp: " + ts},
              {"error_codes", e.aad_codes()},
              {"timestamp", ts},
              {"trace_id", request_id},
              {"correlation_id", request_id},
              {"error_uri", "https://login.microsoftonline.com/error?code=" +
                                (e.aad_codes().empty() ? std::string("0") : std::to_string(e.aad_codes()[0]))}};
      break;
    }
    case Dialect::plain:
      return {status, "text/plain; charset=utf-8", e.code() + ": " + e.message() + "\n"};
  }
  // replace: messages may quote client input; an invalid byte must not turn an error into a throw.
  return {status, "application/json; charset=utf-8", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace azemu::error
