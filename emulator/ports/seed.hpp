// The identities seeded on first start of a data dir (tenant, subscription, bootstrap service
// principal, admin user). Generated once by emulator/app/data_dir.cpp, persisted in
// <data-dir>/identity.json (0600), printed by `azemu env`, and handed to every service's
// seed() so each service inserts its own rows (idempotently).
#pragma once

#include <string>

namespace azemu::ports {

struct Seed {
  std::string tenant_id;
  std::string tenant_domain;       // "azemu.onmicrosoft.com"
  std::string subscription_id;
  std::string subscription_name;   // "azemu subscription"
  std::string client_id;           // bootstrap service principal appId
  std::string client_object_id;    // its service principal object id
  std::string client_app_object_id;  // its application object id
  std::string client_secret;
  std::string admin_user;          // UPN
  std::string admin_object_id;
  std::string admin_password;
};

}  // namespace azemu::ports
