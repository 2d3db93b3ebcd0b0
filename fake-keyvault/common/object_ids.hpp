// Object identifiers of the data plane: validation of object names, new 32-hex versions, and the
// printed forms https://<vault host>/<keys|secrets>/<name>[/<version>] and the deleted-object
// recoveryId https://<vault host>/deleted<keys|secrets>/<name>.
#pragma once

#include <string>
#include <string_view>

namespace azemu::kv {

/// Throws BadParameter unless `name` matches ^[0-9a-zA-Z-]{1,127}$ (Spec: keys.json/secrets.json).
void validate_object_name(std::string_view name);
/// A fresh version: 32 lower-case hex characters.
std::string new_version();
/// `collection` is "keys" or "secrets"; `version` empty gives the unversioned id.
std::string object_id(const std::string& base, std::string_view collection, const std::string& name,
                      const std::string& version = "");
std::string recovery_id(const std::string& base, std::string_view collection, const std::string& name);

}  // namespace azemu::kv
