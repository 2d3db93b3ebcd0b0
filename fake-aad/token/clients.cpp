// Client resolution and secret checks; see clients.hpp.
#include "fake-aad/token/clients.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/cloud/hosts.hpp"
#include "emulator/json/strings.hpp"

#include <array>

namespace azemu::aad {

namespace {
constexpr std::array<std::string_view, 3> kFirstPartyPublicClients = {
    cloud::kAzureCliClientId,
    "1950a258-227b-4e31-a9cf-717495945fc2",  // Azure PowerShell
    "aebc6443-996d-45c2-90f0-388ff96faa56",  // Visual Studio Code
};

Client directory_client(const DirectoryStore& directory, std::string_view client_id, const TenantSegment& tenant) {
  auto app = directory.find_application_by_app_id(client_id);
  if (!app || !tenant.admits(app->tenant_id)) throw errors::application_not_found(std::string(client_id), tenant.label());
  Client c;
  c.app_id = app->app_id;
  c.sp = directory.find_service_principal_by_app_id(client_id);
  if (c.sp && !c.sp->account_enabled) throw errors::application_disabled(app->app_id, app->display_name);
  c.app = std::move(app);
  return c;
}

// Observed: Entra reports a matching-but-expired secret as 7000222 and anything else as 7000215.
void verify_client_secret(const DirectoryStore& directory, const Application& app, std::string_view secret,
                          std::int64_t now) {
  if (secret.empty()) throw errors::missing_client_secret();
  bool matched_expired = false;
  for (const auto& cred : directory.password_credentials(app.object_id)) {
    // Cheap prefilter: the stored hint is the secret's first three characters.
    if (!text::istarts_with(secret, cred.hint) || !verify_password(secret, cred.secret)) continue;
    if (cred.start_time <= now && now < cred.end_time) return;
    if (now >= cred.end_time) matched_expired = true;
  }
  if (matched_expired) throw errors::client_secret_expired(app.app_id);
  throw errors::invalid_client_secret(app.app_id);
}
}  // namespace

bool is_first_party_public_client(std::string_view client_id) {
  for (auto id : kFirstPartyPublicClients)
    if (text::iequals(id, client_id)) return true;
  return false;
}

Client resolve_user_flow_client(const DirectoryStore& directory, std::string_view client_id,
                                std::string_view client_secret, const TenantSegment& tenant, std::int64_t now) {
  if (client_id.empty()) throw errors::missing_parameter("client_id");
  if (is_first_party_public_client(client_id)) return Client{text::to_lower(client_id), {}, {}, false};
  Client c = directory_client(directory, client_id, tenant);
  if (!client_secret.empty()) {
    verify_client_secret(directory, *c.app, client_secret, now);
    c.confidential = true;
  }
  return c;
}

Client resolve_confidential_client(const DirectoryStore& directory, std::string_view client_id,
                                   std::string_view client_secret, const TenantSegment& tenant, std::int64_t now) {
  if (client_id.empty()) throw errors::missing_parameter("client_id");
  Client c = directory_client(directory, client_id, tenant);
  // An application without a service principal has no identity to put in `oid`. The application itself is known
  // (and admitted by this tenant), so Entra names the missing principal rather than the application.
  if (!c.sp) throw errors::missing_service_principal(c.app_id, c.app->tenant_id);
  verify_client_secret(directory, *c.app, client_secret, now);
  c.confidential = true;
  return c;
}

}  // namespace azemu::aad
