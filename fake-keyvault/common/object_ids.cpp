// Object id helpers; see object_ids.hpp.
#include "fake-keyvault/common/object_ids.hpp"

#include "emulator/ids/guid.hpp"
#include "fake-keyvault/errors.hpp"

#include <cctype>

namespace azemu::kv {

void validate_object_name(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 127;
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!ok)
    throw errors::bad_parameter("The request URI contains an invalid name: " + std::string(name));
}

std::string new_version() { return ids::random_hex(16); }

std::string object_id(const std::string& base, std::string_view collection, const std::string& name,
                      const std::string& version) {
  std::string id = base + "/" + std::string(collection) + "/" + name;
  if (!version.empty()) id += "/" + version;
  return id;
}

std::string recovery_id(const std::string& base, std::string_view collection, const std::string& name) {
  return base + "/deleted" + std::string(collection) + "/" + name;
}

}  // namespace azemu::kv
