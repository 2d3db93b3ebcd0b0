// Tenant path segment resolution; see tenant_segment.hpp.
#include "fake-aad/token/tenant_segment.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::aad {

bool TenantSegment::admits(std::string_view tenant_id) const {
  return !tenant || text::iequals(tenant->id, tenant_id);
}

TenantSegment resolve_tenant_segment(const DirectoryStore& directory, std::string_view segment, bool discovery) {
  TenantSegment out;
  out.segment = std::string(segment);
  if (text::iequals(segment, "organizations") || text::iequals(segment, "common")) return out;
  if (text::iequals(segment, "adfs")) {
    out.adfs = true;
    out.tenant = directory.default_tenant();
    if (out.tenant) return out;
  } else if (!segment.empty()) {
    out.tenant = directory.find_tenant(segment);
    if (out.tenant) return out;
  }
  throw discovery ? errors::discovery_tenant_not_found(std::string(segment))
                  : errors::tenant_not_found(std::string(segment));
}

}  // namespace azemu::aad
