// Schema of every aad_* table (component "aad"). Append-only: a shipped migration is never
// edited; a change is the next numbered entry. Times are unix seconds (UTC); ids are GUID text.
// Graph (users/applications/servicePrincipals/addPassword) builds on the directory tables here;
// the token tables (refresh tokens, device codes) are private to fake-aad/token/.
#include "fake-aad/mount.hpp"

namespace azemu::aad {

std::vector<store::Migration> migrations() {
  return {
      {"aad", 1, R"sql(
CREATE TABLE aad_tenants (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  default_domain TEXT NOT NULL COLLATE NOCASE UNIQUE,
  -- the user `azemu approve CODE` signs in as when no user is named (the seeded admin)
  default_user_object_id TEXT,
  created INTEGER NOT NULL
) STRICT;

CREATE TABLE aad_users (
  object_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES aad_tenants(id) ON DELETE CASCADE,
  -- UPNs are unique across Entra, and compared case-insensitively
  user_principal_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  given_name TEXT,
  surname TEXT,
  mail TEXT,
  account_enabled INTEGER NOT NULL DEFAULT 1,
  -- PBKDF2-HMAC-SHA256; NULL hash: the user cannot sign in with a password
  password_hash TEXT,
  password_salt TEXT,
  password_iterations INTEGER,
  created INTEGER NOT NULL
) STRICT;

CREATE TABLE aad_applications (
  object_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES aad_tenants(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  identifier_uris TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  sign_in_audience TEXT NOT NULL DEFAULT 'AzureADMyOrg',
  created INTEGER NOT NULL
) STRICT;

-- No foreign key to aad_applications: first-party service principals (Graph, Key Vault) have no
-- application object in the tenant.
CREATE TABLE aad_service_principals (
  object_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES aad_tenants(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL COLLATE NOCASE,
  display_name TEXT NOT NULL,
  account_enabled INTEGER NOT NULL DEFAULT 1,
  created INTEGER NOT NULL,
  UNIQUE (tenant_id, app_id)
) STRICT;

CREATE TABLE aad_password_credentials (
  key_id TEXT PRIMARY KEY,
  app_object_id TEXT NOT NULL REFERENCES aad_applications(object_id) ON DELETE CASCADE,
  display_name TEXT,
  hint TEXT NOT NULL,                 -- first 3 characters of the secret, as Graph shows it
  secret_hash TEXT NOT NULL,
  secret_salt TEXT NOT NULL,
  secret_iterations INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  created INTEGER NOT NULL
) STRICT;
CREATE INDEX aad_password_credentials_app ON aad_password_credentials(app_object_id);

-- Refresh tokens are opaque random strings; only their SHA-256 is stored. Rotated on use.
CREATE TABLE aad_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES aad_tenants(id) ON DELETE CASCADE,
  user_object_id TEXT NOT NULL REFERENCES aad_users(object_id) ON DELETE CASCADE,
  client_id TEXT NOT NULL COLLATE NOCASE,
  issued INTEGER NOT NULL,
  expires INTEGER NOT NULL
) STRICT;

-- Device authorization grants: pending until approved (approved_user_object_id set), redeemed once.
CREATE TABLE aad_device_codes (
  device_code_hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  tenant_id TEXT,                     -- NULL: requested at organizations/common
  client_id TEXT NOT NULL COLLATE NOCASE,
  scope TEXT NOT NULL,                -- what the devicecode request asked for (scope or v1 resource)
  approved_user_object_id TEXT REFERENCES aad_users(object_id) ON DELETE CASCADE,
  issued INTEGER NOT NULL,
  expires INTEGER NOT NULL
) STRICT;
)sql"},
      // Graph: the user fields Graph returns by default, Graph's opaque application/SP properties,
      // and directory role membership (who is Global Administrator; see graph/graph_authorizer.hpp).
      {"aad", 2, R"sql(
ALTER TABLE aad_users ADD COLUMN mail_nickname TEXT;
ALTER TABLE aad_users ADD COLUMN job_title TEXT;
ALTER TABLE aad_users ADD COLUMN mobile_phone TEXT;
ALTER TABLE aad_users ADD COLUMN office_location TEXT;
ALTER TABLE aad_users ADD COLUMN preferred_language TEXT;
ALTER TABLE aad_users ADD COLUMN business_phones TEXT NOT NULL DEFAULT '[]';   -- JSON array of strings
ALTER TABLE aad_applications ADD COLUMN graph_properties TEXT NOT NULL DEFAULT '{}';  -- JSON object
ALTER TABLE aad_service_principals ADD COLUMN graph_properties TEXT NOT NULL DEFAULT '{}';

-- Directory role assignments (Entra "directoryRoles"), keyed by role template id. No foreign key on
-- the member: it may be a user or a service principal; Graph deletes drop the rows explicitly.
CREATE TABLE aad_directory_role_members (
  tenant_id TEXT NOT NULL REFERENCES aad_tenants(id) ON DELETE CASCADE,
  role_template_id TEXT NOT NULL,
  member_object_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, role_template_id, member_object_id)
) STRICT;
)sql"},
  };
}

}  // namespace azemu::aad
