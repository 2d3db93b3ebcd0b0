// See audited_route.hpp. The catch blocks here only record the audit row and rethrow: the error
// body is still written by the pipeline's one catch site.
#include "fake-keyvault/common/audited_route.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/kv_auth_policy.hpp"
#include "fake-keyvault/common/request_transaction.hpp"
#include "fake-keyvault/errors.hpp"

#include <chrono>

namespace azemu::kv {

http::Reply run_audited(KvDeps& deps, audit::KeyVaultCall row, const std::string& base, bool writes,
                        const Admission& admit, const std::function<http::Reply(VaultContext&)>& body) {
  const auto started = std::chrono::steady_clock::now();
  VaultContext ctx;
  auto event = [&](int status) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    row.object_id = ctx.audit_object_id;
    row.properties = ctx.audit_properties;
    return audit::key_vault_event(row, status, ms.count(), deps.clock);
  };
  auto write = [&](int status) { deps.audit.record(event(status)); };
  try {
    auto vault = deps.vaults.find(row.vault_name);
    if (!vault) throw errors::vault_not_found(row.vault_name);
    row.vault_name = vault->name;
    row.resource_id = vault->resource_id;
    admit(*vault, row);
    ctx.vault = *vault;
    ctx.base = base;
    ctx.api_version = row.api_version;
    ctx.principal = row.caller;
    ctx.now = deps.clock.now_unix();
    http::Reply reply = writes ? request_transaction(deps.db, [&] { return body(ctx); }) : body(ctx);
    // The row joins the group writer's next transaction; the reply leaves once it is committed.
    reply.durable_after = deps.audit.record_async(event(reply.status));
    return reply;
  } catch (const AzureError& e) {
    write(e.status_override() ? e.status_override() : http_status(e.kind()));
    throw;
  } catch (const nlohmann::json::exception&) {
    write(400);  // the pipeline renders malformed bodies as BadParameter
    throw;
  } catch (const std::exception&) {
    write(500);
    throw;
  }
}

http::Handler audited(KvDeps& deps, Operation op, KvHandler handler) {
  return [&deps, op = std::move(op), handler = std::move(handler)](http::Request& req) -> http::Reply {
    audit::KeyVaultCall row = audit::from_request(req);
    row.operation = op.audit_name;
    row.vault_name = req.host_info.vault_name;
    if (row.api_version.empty()) row.api_version = kDefaultApiVersion;
    row.caller = req.principal ? &*req.principal : nullptr;  // the scope authenticates every route
    auto admit = [&](const ports::VaultInfo& vault, audit::KeyVaultCall& r) {
      const auth::Principal& caller = *req.principal;
      if (!text::iequals(caller.tenant_id, vault.tenant_id)) {
        r.operation = "Authentication";
        throw errors::invalid_issuer(vault.tenant_id, caller.tenant_id)
            .with_header("WWW-Authenticate", challenge_header(deps.names, req, vault.tenant_id));
      }
      std::string object_name = op.object_param.empty() ? "" : req.param(op.object_param);
      auto decision = authorize(deps.vaults, vault, caller, op, object_name);
      r.policy_match = decision.allowed;
      r.rbac = decision.rbac;
      if (!decision.allowed) throw_denied(vault, caller, op, object_name, decision.rbac);
    };
    return run_audited(deps, std::move(row), "https://" + req.host + req.port_suffix, op.writes(), admit,
                       [&](VaultContext& ctx) { return handler(ctx, req); });
  };
}

}  // namespace azemu::kv
