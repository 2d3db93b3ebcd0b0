// Microsoft.KeyVault/vaults semantics: create/update (PUT, PATCH, accessPolicies add|replace|remove),
// read and list, soft delete into deletedVaults, recover (createMode "recover"), purge, and the
// global name rules. Synchronous; every call authorizes with the Authorizer.
//
// Soft-delete lifecycle of a vault name (names are global across subscriptions):
//
//   (free) ──create_or_update()──► Active ──remove() / group delete (soft_delete_group())──► Deleted
//     ▲                              ▲                                                       │  │
//     │                              └──────── create_or_update(createMode: recover) ────────┘  │
//     └──── purge_deleted() (refused under purge protection), or scheduledPurgeDate passes ─────┘
//
// Rules kept here: soft delete is always on (false is refused); purge protection can only be
// turned on; softDeleteRetentionInDays is 7..90 and fixed after creation; a name held by an
// active vault elsewhere is VaultAlreadyExists, by a deleted vault ConflictError.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/list_query.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_model.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_store.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <string>
#include <vector>

namespace azemu::arm {

/// ^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$ without "--" (Azure resource-name rules for vaults).
bool valid_vault_name(const std::string& name);

/// Permission names Key Vault accepts per access-policy list (Spec: 2022-07-01 KeyPermissions,
/// SecretPermissions, CertificatePermissions, StoragePermissions), compared ignoring case.
bool valid_key_permission(const std::string& p);
bool valid_secret_permission(const std::string& p);
bool valid_certificate_permission(const std::string& p);
bool valid_storage_permission(const std::string& p);

class VaultService {
public:
  VaultService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
               const ProviderService& providers, const AsyncOperations& ops, const Authorizer& authz)
      : db_(db), clock_(clock), subs_(subs), providers_(providers), ops_(ops), authz_(authz) {}

  // Every method throws SubscriptionNotFound and AuthorizationFailed (Microsoft.KeyVault/vaults/
  // {read|write|delete}, .../accessPolicies/write, deletedVaults/read, locations/deletedVaults/
  // {read|purge/action}, checkNameAvailability/read) before anything else.

  struct PutResult {
    Vault vault;
    bool created = false;
    bool recovered = false;
  };
  /// PUT. Throws VaultNameNotValid, LocationRequired, LocationNotAvailableForResourceType,
  /// ResourceGroupNotFound, VaultAlreadyExists, ConflictError (deleted name), SoftDeletedVaultDoesNotExist
  /// (recover), InvalidResourceLocation, BadRequest (missing tenantId/sku, bad permission names,
  /// irreversible settings), InvalidRequestContent.
  PutResult create_or_update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                             const std::string& name, const VaultInput& in) const;
  /// PATCH: only the fields present change, under the same rules. Throws ResourceNotFound.
  Vault update(const auth::Principal& caller, const std::string& sub, const std::string& group,
               const std::string& name, const VaultInput& in) const;
  /// Throws ResourceGroupNotFound, ResourceNotFound.
  Vault get(const auth::Principal& caller, const std::string& sub, const std::string& group,
            const std::string& name) const;
  /// `group` empty: the subscription. Only vaults the caller may read are listed.
  Paged<Vault> list(const auth::Principal& caller, const std::string& sub, const std::string& group,
                    const ListQuery& q) const;
  /// Soft delete; false when there was no such vault (ARM's 204). Throws ResourceGroupNotFound.
  bool remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
              const std::string& name) const;

  struct AccessPolicyResult {
    Vault vault;
    std::string kind;  // "add" | "replace" | "remove"
  };
  /// `kind` any case. add merges permissions per (objectId, applicationId); remove subtracts them
  /// (an entry left without permissions, or given without any, goes); replace sets the whole list.
  AccessPolicyResult update_access_policy(const auth::Principal& caller, const std::string& sub,
                                          const std::string& group, const std::string& name, const std::string& kind,
                                          const std::vector<AccessPolicy>& policies) const;

  std::vector<DeletedVault> list_deleted(const auth::Principal& caller, const std::string& sub) const;
  /// Throws ResourceNotFound when no deleted vault of that name is in this subscription and location.
  DeletedVault get_deleted(const auth::Principal& caller, const std::string& sub, const std::string& location,
                           const std::string& name) const;
  /// Removes the deleted vault for good; the finished operation serves the Location URL.
  /// Throws ResourceNotFound, MethodNotAllowed (purge protection).
  AsyncOperation purge_deleted(const auth::Principal& caller, const std::string& sub, const std::string& location,
                               const std::string& name) const;

  /// `type` must be "Microsoft.KeyVault/vaults" (BadRequest otherwise).
  NameAvailability check_name(const auth::Principal& caller, const std::string& sub, const std::string& name,
                              const std::string& type) const;

  /// Resource group delete hook (inside its transaction): soft-deletes every vault of the group, as Azure does.
  void soft_delete_group(store::Connection& c, const ResourceId& group) const;

private:
  void soft_delete(store::Connection& c, const Vault& v, std::int64_t now) const;
  void stamp(Vault& v, const auth::Principal& caller, std::int64_t now, bool created) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const ProviderService& providers_;
  const AsyncOperations& ops_;
  const Authorizer& authz_;
  VaultStore store_;
  ResourceGroupStore groups_;
};

}  // namespace azemu::arm
