// ports::VaultObjects over KeyStore and SecretStore; see vault_objects_port.hpp.
#include "fake-keyvault/common/vault_objects_port.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/keys/key_store.hpp"
#include "fake-keyvault/secrets/secret_store.hpp"

namespace azemu::kv {

namespace {
class VaultObjectsPort final : public ports::VaultObjects {
public:
  explicit VaultObjectsPort(store::Database& db) : keys_(db), secrets_(db) {}

  bool exists(std::string_view vault, std::string_view collection, std::string_view name) const override {
    // The stores key objects by lower-case vault name (and lower-case object name, which they fold themselves).
    const std::string v = text::to_lower(vault), n(name);
    if (text::iequals(collection, "keys")) {
      auto k = keys_.find(v, n);
      return k && !k->deleted_date;
    }
    if (text::iequals(collection, "secrets")) {
      auto s = secrets_.find(v, n);
      return s && !s->deleted_date;
    }
    return false;
  }

private:
  KeyStore keys_;
  SecretStore secrets_;
};
}  // namespace

std::unique_ptr<ports::VaultObjects> make_vault_objects(store::Database& db) {
  return std::make_unique<VaultObjectsPort>(db);
}

}  // namespace azemu::kv
