// SQL for Graph's service principal operations over aad_service_principals (joined with
// aad_applications for the wire view). One transaction per write; outcomes, never Graph errors.
#pragma once

#include "fake-aad/graph/service_principals/service_principal_model.hpp"

#include "emulator/store/database.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace azemu::aad {

enum class SpInsert { inserted, no_application, already_exists };

class ServicePrincipalStore {
public:
  explicit ServicePrincipalStore(store::Database& db) : db_(db) {}

  /// Service principals of a tenant with their applications, oldest first (the paging order).
  std::vector<ServicePrincipalView> list(std::string_view tenant_id) const;
  std::optional<ServicePrincipalView> find(std::string_view tenant_id, std::string_view object_id) const;
  /// Inserts when the tenant has an application with sp.app_id and no SP for it yet (checked in the
  /// same transaction). sp.display_name is replaced by the application's display name.
  SpInsert insert(ServicePrincipal& sp);
  /// Deletes the SP and its directory role memberships. False when absent.
  bool remove(std::string_view tenant_id, std::string_view object_id);

private:
  store::Database& db_;
};

}  // namespace azemu::aad
