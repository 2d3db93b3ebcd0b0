// Read-only view of the directory for the teaching UI (emulator/ui/): users, applications with
// their password credentials' metadata (id, display name, the 3-character hint Graph shows, dates),
// service principals, directory role members. Never a hash, salt, secret or token.
#pragma once

#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

namespace azemu::aad::teaching {

/// {tenants:[{id,displayName,defaultDomain}], users:[{objectId,userPrincipalName,displayName,
///  accountEnabled,created}], applications:[{objectId,appId,displayName,created,passwordCredentials:
///  [{keyId,displayName,hint,startDateTime,endDateTime}]}], servicePrincipals:[{objectId,appId,
///  displayName,accountEnabled,created}], directoryRoleMembers:[{roleTemplateId,memberObjectId}]}.
nlohmann::json directory(store::Database& db);

}  // namespace azemu::aad::teaching
