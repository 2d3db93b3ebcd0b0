// See admin_routes.hpp.
#include "emulator/app/admin_routes.hpp"

#include <sstream>

namespace azemu::app {

void mount_admin(http::Router& router, audit::AuditLog& audit, const arm::compute::DiskEncryptionReporter& disks) {
  auto admin = router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr});
  admin.get("/_azemu/audit", "AzemuAuditList", [&audit](http::Request& req) {
    std::size_t top = 0;
    if (auto t = req.query_param("top")) top = static_cast<std::size_t>(std::stoul(*t));
    nlohmann::json value = nlohmann::json::array();
    for (const auto& e : audit.list(req.query_param("vault").value_or(""), top)) value.push_back(audit::to_json(e));
    return http::Reply::ok({{"value", value}});
  });
  // Read-only; ResourceNotFound / AzemuAmbiguousVmName come back in the ARM error shape.
  admin.get("/_azemu/vms/{name}/disks", "AzemuVmDisks", [&disks](http::Request& req) {
    arm::compute::VmDisksQuery q{req.param("name"), req.query_param("resourceGroup").value_or(""),
                                 req.query_param("subscription").value_or("")};
    return http::Reply::ok(arm::compute::to_json(disks.report(q)));
  });
}

std::string format_audit(const std::vector<audit::AuditEvent>& events, bool json) {
  std::ostringstream out;
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : events) arr.push_back(audit::to_json(e));
    out << arr.dump(2) << "\n";
    return out.str();
  }
  for (const auto& e : events) {
    auto claim = e.identity.is_object() && e.identity.contains("claim") ? e.identity["claim"] : nlohmann::json::object();
    std::string who = claim.value(audit::kClaimUpn, "");
    if (who.empty()) who = "appid=" + claim.value("appid", "-");
    out << e.time << "  " << e.vault_name << "  " << e.operation_name << "  " << e.http_status_code << " "
        << e.result_type << "  " << who << " oid=" << claim.value(audit::kClaimObjectId, "-") << "  " << e.request_uri << "\n";
  }
  return out.str();
}

}  // namespace azemu::app
