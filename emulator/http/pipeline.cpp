// See pipeline.hpp for the steps. This file holds the only catch of AzureError in azemu.
#include "emulator/http/pipeline.hpp"

#include "emulator/error/dialects.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace azemu::http {

namespace {
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
}  // namespace

Reply Pipeline::dispatch(Request& req, Dialect& dialect) const {
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

  // 4. handle
  return route.handler(req);
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
    auto body = error::render(e, dialect, req.request_id, clock_.now_iso());
    reply = Reply::text(body.status, std::move(body.body), std::move(body.content_type));
    for (const auto& h : e.headers()) reply.header(h.first, h.second);
    if (dialect == Dialect::arm) reply.header("x-ms-failure-cause", "gateway");
  } catch (const nlohmann::json::exception& e) {
    // Malformed or mistyped JSON bodies: every service answers 400 in its own words.
    AzureError err = malformed_json_error(dialect, e.what());
    auto body = error::render(err, dialect, req.request_id, clock_.now_iso());
    reply = Reply::text(body.status, std::move(body.body), std::move(body.content_type));
  } catch (const std::exception& e) {
    log::write(log::Level::error, "internal error",
               {{"request_id", req.request_id}, {"error", e.what()}, {"path", req.path}});
    AzureError err(ErrorKind::Internal, "InternalServerError",
                   "Encountered internal server error. Diagnostic information: request id " + req.request_id + ".");
    auto body = error::render(err, dialect, req.request_id, clock_.now_iso());
    reply = Reply::text(body.status, std::move(body.body), std::move(body.content_type));
  }

  reply.header("x-ms-request-id", req.request_id);
  if (dialect == Dialect::arm) reply.header("x-ms-correlation-request-id", req.request_id);
  if (auto cid = req.header("x-ms-client-request-id"); !cid.empty()) reply.header("x-ms-client-request-id", std::string(cid));

  if (log::enabled(log::Level::info)) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    log::write(log::Level::info, "request",
               {{"method", req.method}, {"host", req.authority}, {"path", req.path}, {"status", reply.status},
                {"op", req.operation_id}, {"us", us}, {"request_id", req.request_id}});
  }
  return reply;
}

}  // namespace azemu::http
