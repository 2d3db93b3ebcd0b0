// See pipeline.hpp for the steps. This file holds the only catch of AzureError in azemu.
#include "emulator/http/pipeline.hpp"

#include "emulator/error/dialects.hpp"
#include "emulator/http/arm_operation.hpp"
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

// The admin API's own bearer token (not an Azure token): compared in constant time.
bool admin_token_ok(std::string_view authorization, const std::string& token) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() != kBearer.size() + token.size() || !text::istarts_with(authorization, kBearer)) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(authorization[kBearer.size() + i] ^ token[i]);
  return diff == 0;
}

bool uri_is_valid_utf8(const Request& req) {
  if (!text::is_valid_utf8(req.path)) return false;
  for (const auto& [k, v] : req.query)
    if (!text::is_valid_utf8(k) || !text::is_valid_utf8(v)) return false;
  return true;
}

}  // namespace

void Pipeline::plan_lro_failure(const Reply& reply, const Request& req, const ports::LroFailure& failure) const {
  std::string op = reply.status < 300 ? polled_operation_id(reply) : "";
  if (op.empty() || !lro_plans_) {
    // Completed synchronously (or failed): there is no operation to fail; say so rather than pretend.
    log::write(log::Level::warn, "failLro rule matched a request that started no operation",
               {{"rule", failure.rule_id}, {"status", reply.status}, {"request_id", req.request_id}});
    return;
  }
  lro_plans_->fail_after_polls(op, failure);
}

Reply Pipeline::dispatch(Request& req, Dialect& dialect, std::optional<FaultHit>& fault) const {
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
  if (!admin_token_.empty() && req.host_info.kind == cloud::HostKind::local && text::istarts_with(req.path, "/_azemu/") &&
      route.operation_id != "AzemuHealth" && !admin_token_ok(req.header("authorization"), admin_token_))
    throw AzureError(ErrorKind::Unauthorized, "AdminTokenRequired",
                     "This azemu requires its admin token: send 'Authorization: Bearer <token>' (azemu --admin-token "
                     "or AZEMU_ADMIN_TOKEN).")
        .with_header("WWW-Authenticate", "Bearer realm=\"azemu-admin\"");
  if (const auto& policy = route.scope->auth) {
    auto result = verifier_.verify(req.header("authorization"), policy->audiences(req), clock_.now_unix());
    if (!result.ok) throw policy->on_failure(result.failure, result, req);
    req.principal = std::move(result.principal);
  }

  // 4. Key Vault's own limits (opt-in), an injected fault, or the handler (the admin API is never faulted)
  if (vault_throttle_ && dialect == Dialect::keyvault)
    if (auto throttled = vault_throttle_->admit(req)) throw *throttled;
  if (faults_ && req.host_info.kind != cloud::HostKind::local) {
    const std::string arm_op = dialect == Dialect::arm ? arm_operation_name(req.method, req.path) : "";
    fault = faults_->match(req, service_name(dialect), arm_op);
    if (fault && fault->drop) return Reply::empty(0);  // never written: the connection closes
    if (fault && fault->error) throw *fault->error;
  }
  Reply reply = route.handler(req);
  if (fault && fault->fail_lro) {
    plan_lro_failure(reply, req, *fault->fail_lro);
    reply.settle.reset();  // the planned failure shows on the polls: the first reply must stay a 201/202
  }
  return reply;
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
  std::optional<FaultHit> fault;
  // 5. the one catch site
  try {
    reply = dispatch(req, dialect, fault);
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

  if (fault) {
    reply.delay = fault->delay;
    reply.drop = fault->drop;
  }

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
