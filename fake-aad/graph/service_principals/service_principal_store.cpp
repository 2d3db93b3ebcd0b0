// Graph service principal SQL; see service_principal_store.hpp.
#include "fake-aad/graph/service_principals/service_principal_store.hpp"

#include "fake-aad/directory/directory_rows.hpp"

#include <map>

namespace azemu::aad {

using store::Connection;

namespace {
std::optional<Application> app_by_app_id(Connection& c, const std::string& tenant_id, const std::string& app_id) {
  auto s = c.query(rows::select(rows::kAppCols, "aad_applications", "WHERE tenant_id = lower(?) AND app_id = ?"),
                   tenant_id, app_id);
  if (!s.step()) return std::nullopt;
  return rows::app_from_row(s);
}
}  // namespace

std::vector<ServicePrincipalView> ServicePrincipalStore::list(std::string_view tenant_id) const {
  return db_.read([&](Connection& c) {
    std::map<std::string, Application> apps;  // by lower-case appId
    {
      auto s = c.query(rows::select(rows::kAppCols, "aad_applications", "WHERE tenant_id = lower(?)"), std::string(tenant_id));
      while (s.step()) {
        Application a = rows::app_from_row(s);
        apps.emplace(a.app_id, std::move(a));
      }
    }
    std::vector<ServicePrincipalView> out;
    auto s = c.query(rows::select(rows::kSpCols, "aad_service_principals",
                                  "WHERE tenant_id = lower(?) ORDER BY created, object_id"),
                     std::string(tenant_id));
    while (s.step()) {
      ServicePrincipalView v{rows::sp_from_row(s), std::nullopt};
      if (auto it = apps.find(v.sp.app_id); it != apps.end()) v.app = it->second;
      out.push_back(std::move(v));
    }
    return out;
  });
}

std::optional<ServicePrincipalView> ServicePrincipalStore::find(std::string_view tenant_id,
                                                                std::string_view object_id) const {
  return db_.read([&](Connection& c) -> std::optional<ServicePrincipalView> {
    std::optional<ServicePrincipal> sp;
    {
      auto s = c.query(rows::select(rows::kSpCols, "aad_service_principals",
                                    "WHERE tenant_id = lower(?) AND object_id = lower(?)"),
                       std::string(tenant_id), std::string(object_id));
      if (!s.step()) return std::nullopt;
      sp = rows::sp_from_row(s);
    }
    return ServicePrincipalView{*sp, app_by_app_id(c, sp->tenant_id, sp->app_id)};
  });
}

SpInsert ServicePrincipalStore::insert(ServicePrincipal& sp) {
  return db_.write([&](Connection& c) {
    auto app = app_by_app_id(c, sp.tenant_id, sp.app_id);
    if (!app) return SpInsert::no_application;
    sp.app_id = app->app_id;
    sp.display_name = app->display_name;
    return rows::insert_service_principal(c, sp) > 0 ? SpInsert::inserted : SpInsert::already_exists;
  });
}

bool ServicePrincipalStore::remove(std::string_view tenant_id, std::string_view object_id) {
  return db_.write([&](Connection& c) {
    c.run("DELETE FROM aad_directory_role_members WHERE tenant_id = lower(?) AND member_object_id = lower(?)",
          std::string(tenant_id), std::string(object_id));
    return c.run("DELETE FROM aad_service_principals WHERE tenant_id = lower(?) AND object_id = lower(?)",
                 std::string(tenant_id), std::string(object_id)) > 0;
  });
}

}  // namespace azemu::aad
