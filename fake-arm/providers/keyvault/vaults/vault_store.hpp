// SQL for vaults: active vaults are rows of the generic arm_resources table (so group lists,
// /resources and group-delete see them); soft-deleted vaults live in arm_deleted_vaults, keyed by
// the lower-cased name because vault names are global across subscriptions. Returns values only.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class VaultStore {
public:
  enum class PutOutcome { created, updated };

  /// The active vault with this name in any subscription (names compare ignoring case).
  std::optional<Vault> find_by_name(store::Connection& c, const std::string& name) const;
  std::optional<Vault> get(store::Connection& c, const ResourceId& id) const;
  /// `group` empty: the whole subscription. Ordered by id.
  std::vector<Vault> list(store::Connection& c, const std::string& subscription_id, const std::string& group) const;
  PutOutcome put(store::Connection& c, const Vault& v, std::int64_t now) const;
  bool remove(store::Connection& c, const ResourceId& id) const;

  /// Soft-deleted vaults. `now` hides (and purge_expired removes) rows past their scheduled purge.
  std::optional<DeletedVault> find_deleted(store::Connection& c, const std::string& name, std::int64_t now) const;
  std::vector<DeletedVault> list_deleted(store::Connection& c, const std::string& subscription_id, std::int64_t now) const;
  void insert_deleted(store::Connection& c, const DeletedVault& d) const;
  bool remove_deleted(store::Connection& c, const std::string& name) const;
  int purge_expired(store::Connection& c, std::int64_t now) const;

private:
  ResourceStore resources_;
};

}  // namespace azemu::arm
