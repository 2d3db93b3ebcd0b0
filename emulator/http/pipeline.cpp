// See pipeline.hpp for the steps. This file holds the only catch of AzureError in azemu.
#include "emulator/http/pipeline.hpp"

#include "emulator/error/dialects.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/request_json.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/json/utf8.hpp"
#include "emulator/log/log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace azemu::http {

namespace {
const char* service_name(Dialect d) {
  switch (d) {
    case Dialect::arm: return "arm";
    case Dialect::keyvault: return "keyvault";
    case Dialect::graph: return "graph";
    case Dialect::aad: return "aad";
    default: return "azemu";
  }
}

Dialect dialect_for_host(cloud::HostKind k) {
  switch (k) {
    case cloud::HostKind::login: return Dialect::aad;
    case cloud::HostKind::graph: return Dialect::graph;
    case cloud::HostKind::vault: return Dialect::keyvault;
    default: return Dialect::arm;
  }
}
// Observed: ARM says InvalidRequestContent, Graph BadRequest, Key Vault BadParameter, Entra invalid_request.
AzureError malformed_json_error(Dialect dialect, const std::string& detail) {
  switch (dialect) {
    case Dialect::arm:
      return AzureError(ErrorKind::BadRequest, "InvalidRequestContent",
                        "The request content was invalid and could not be deserialized: '" + detail + "'.");
    case Dialect::graph:
      return AzureError(ErrorKind::BadRequest, "BadRequest", "Unable to read JSON request payload. " + detail);
    case Dialect::aad:
      return AzureError(ErrorKind::BadRequest, "invalid_request", "AADSTS900144: The request body is malformed.");
    default:
      return AzureError(ErrorKind::BadRequest, "BadParameter", "The request body is not valid JSON: " + detail);
  }
}

// A path or query that decodes to invalid UTF-8 (%FF) is refused before any handler echoes it.
AzureError bad_uri_error(Dialect dialect) {
  const char* message = "The request URI is not valid: a percent-encoded sequence does not decode to UTF-8.";
  switch (dialect) {
    case Dialect::keyvault: return AzureError(ErrorKind::BadRequest, "BadParameter", message);
    case Dialect::aad: return AzureError(ErrorKind::BadRequest, "invalid_request", message);
    default: return AzureError(ErrorKind::BadRequest, "BadRequest", message);
  }
}

bool uri_is_valid_utf8(const Request& req) {
  if (!text::is_valid_utf8(req.path)) return false;
  for (const auto& [k, v] : req.query)
    if (!text::is_valid_utf8(k) || !text::is_valid_utf8(v)) return false;
  return true;
}
}  // namespace

Reply Pipeline::dispatch(Request& req, Dialect& dialect) const {
  if (!uri_is_valid_utf8(req)) throw bad_uri_error(dialect);
  // 2. route
  Match m = router_.match(req);
  if (!m.route) {
    if (m.path_matched) {
      dialect = m.scope_for_errors->dialect;
      throw AzureError(ErrorKind::MethodNotAllowed, "MethodNotAllowed",
                       "The requested resource does not support http method '" + req.method + "'.");
    }
    const Route* nf = router_.not_found_route(req.host_info.kind);
    if (!nf) throw AzureError(ErrorKind::NotFound, "NotFound", "No route for " + req.method + " " + req.path);
    dialect = nf->scope->dialect;
    return nf->handler(req);
  }
  const Route& route = *m.route;
  dialect = route.scope->dialect;
  req.operation_id = route.operation_id;

  // 3. authenticate
  if (const auto& policy = route.scope->auth) {
    auto result = verifier_.verify(req.header("authorization"), policy->audiences(req), clock_.now_unix());
    if (!result.ok) throw policy->on_failure(result.failure, result, req);
    req.principal = std::move(result.principal);
  }

  // 4. an injected fault, or the handler (the admin API itself is never faulted)
  if (faults_ && req.host_info.kind != cloud::HostKind::local)
    if (auto fault = faults_->match(req, service_name(dialect))) throw *fault;
  return route.handler(req);
}

Reply Pipeline::render(const AzureError& e, Dialect dialect, const Request& req) const {
  auto body = error::render(e, dialect, req.request_id, clock_.now_iso());
  return Reply::text(body.status, std::move(body.body), std::move(body.content_type));
}

Reply Pipeline::handle(Request& req) const {
  auto started = std::chrono::steady_clock::now();
  // 1. classify
  auto [host, port] = cloud::split_host_port(req.authority);
  req.host = text::to_lower(host);
  req.port_suffix = port == ":443" ? "" : port;
  req.host_info = names_.classify(req.host);
  req.request_id = ids::new_guid();
  Dialect dialect = dialect_for_host(req.host_info.kind);

  Reply reply;
  // 5. the one catch site
  try {
    reply = dispatch(req, dialect);
  } catch (const AzureError& e) {
    reply = render(e, dialect, req);
    for (const auto& h : e.headers()) reply.header(h.first, h.second);
    if (dialect == Dialect::arm) reply.header("x-ms-failure-cause", "gateway");
  } catch (const json::RequestJsonRejected& e) {
    // Not JSON, not UTF-8, or nested too deep: every service answers 400 in its own words.
    reply = render(malformed_json_error(dialect, e.what()), dialect, req);
  } catch (const nlohmann::json::exception& e) {
    // A well-formed body with a value of the wrong type; the parser's own text stays in the log.
    log::write(log::Level::info, "json value rejected", {{"request_id", req.request_id}, {"error", e.what()}});
    reply = render(malformed_json_error(dialect, json::describe_json_error(e)), dialect, req);
  } catch (const std::exception& e) {
    log::write(log::Level::error, "internal error",
               {{"request_id", req.request_id}, {"error", e.what()}, {"path", req.path}});
    AzureError err(ErrorKind::Internal, "InternalServerError",
                   "Encountered internal server error. Diagnostic information: request id " + req.request_id + ".");
    reply = render(err, dialect, req);
  }

  reply.header("x-ms-request-id", req.request_id);
  if (dialect == Dialect::arm) reply.header("x-ms-correlation-request-id", req.request_id);
  if (auto cid = req.header("x-ms-client-request-id"); !cid.empty()) reply.header("x-ms-client-request-id", std::string(cid));

  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  if (metrics_) metrics_->record(service_name(dialect), req.operation_id, reply.status, us / 1e6);
  if (log::access_enabled()) {
    log::write(log::Level::info, "request",
               {{"method", req.method}, {"host", req.authority}, {"path", req.path}, {"status", reply.status},
                {"op", req.operation_id}, {"us", us}, {"request_id", req.request_id}});
  }
  return reply;
}

}  // namespace azemu::http
