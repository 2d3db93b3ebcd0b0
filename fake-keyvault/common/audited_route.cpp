// See audited_route.hpp. The catch blocks here only record the audit row and rethrow: the error
// body is still written by the pipeline's one catch site.
#include "fake-keyvault/common/audited_route.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/audit_record.hpp"
#include "fake-keyvault/common/kv_auth_policy.hpp"
#include "fake-keyvault/errors.hpp"

#include <chrono>

namespace azemu::kv {

http::Handler audited(KvDeps& deps, Operation op, KvHandler handler) {
  return [&deps, op = std::move(op), handler = std::move(handler)](http::Request& req) -> http::Reply {
    auto started = std::chrono::steady_clock::now();
    VaultContext ctx;
    std::optional<ports::VaultInfo> vault;
    std::optional<bool> match;
    bool rbac = false;
    std::string op_name = op.audit_name;
    auto audit = [&](int status) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      record_audit(deps, req, vault ? &*vault : nullptr, op_name, status, req.principal ? &*req.principal : nullptr,
                   match, rbac, ctx.audit_object_id, ctx.audit_properties, ms.count());
    };
    try {
      vault = deps.vaults.find(req.host_info.vault_name);
      if (!vault) throw errors::vault_not_found(req.host_info.vault_name);
      const auth::Principal& caller = *req.principal;  // the scope authenticates every route
      if (!text::iequals(caller.tenant_id, vault->tenant_id)) {
        op_name = "Authentication";
        throw errors::invalid_issuer(vault->tenant_id, caller.tenant_id)
            .with_header("WWW-Authenticate", challenge_header(deps.names, req, vault->tenant_id));
      }
      std::string object_name = op.object_param.empty() ? "" : req.param(op.object_param);
      auto decision = authorize(deps.vaults, *vault, caller, op, object_name);
      match = decision.allowed;
      rbac = decision.rbac;
      if (!decision.allowed) throw_denied(*vault, caller, op, object_name, decision.rbac);

      ctx.vault = *vault;
      ctx.base = "https://" + req.host + req.port_suffix;
      auto api = req.query_param("api-version");
      ctx.api_version = api && !api->empty() ? *api : kDefaultApiVersion;
      ctx.principal = &caller;
      ctx.now = deps.clock.now_unix();
      http::Reply reply = handler(ctx, req);
      audit(reply.status);
      return reply;
    } catch (const AzureError& e) {
      audit(e.status_override() ? e.status_override() : http_status(e.kind()));
      throw;
    } catch (const nlohmann::json::exception&) {
      audit(400);  // the pipeline renders malformed bodies as BadParameter
      throw;
    } catch (const std::exception&) {
      audit(500);
      throw;
    }
  };
}

}  // namespace azemu::kv
