// Microsoft.Compute/disks semantics (Spec: DiskRP 2022-07-02 disk.json Disks_*): create empty
// disks, grow them, list, delete unattached ones. Disks a VM creates or attaches are written by the
// VM service in its own transaction (virtual_machines/vm_disks.cpp); this service refuses to delete
// a disk while a VM holds it. Synchronous: a disk is a record, its file (if any) belongs to the
// VmRuntime, which is told about deletions through exec::Jobs.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/list_query.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

namespace azemu::arm::compute {

class DiskService {
public:
  DiskService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
              const ProviderService& providers, const Authorizer& authz, exec::Jobs& jobs, ports::VmRuntime& runtime)
      : db_(db), clock_(clock), subs_(subs), providers_(providers), authz_(authz), jobs_(jobs), runtime_(runtime) {}

  // Every method throws SubscriptionNotFound, AuthorizationFailed (Microsoft.Compute/disks/
  // {read|write|delete}) and ResourceGroupNotFound first.

  struct PutResult {
    Disk disk;
    bool created = false;
  };
  /// PUT. New disks need location, createOption Empty and diskSizeGB 1..32767; an existing disk may
  /// grow, change sku and tags. Throws LocationRequired, InvalidParameter, OperationNotAllowed
  /// (shrink), AzemuNotImplemented (createOption other than Empty), InvalidResourceLocation.
  PutResult create_or_update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                             const std::string& name, const DiskInput& in) const;
  /// PATCH: size (grow only), sku, tags, encryptionSettingsCollection. Throws ResourceNotFound.
  Disk update(const auth::Principal& caller, const std::string& sub, const std::string& group, const std::string& name,
              const DiskInput& in) const;
  Disk get(const auth::Principal& caller, const std::string& sub, const std::string& group, const std::string& name) const;
  /// `group` empty: the subscription; only disks the caller may read.
  std::vector<Disk> list(const auth::Principal& caller, const std::string& sub, const std::string& group) const;
  /// False when there was no such disk. Throws OperationNotAllowed while attached.
  bool remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
              const std::string& name) const;

private:
  ResourceId disk_id(const std::string& sub, const std::string& group, const std::string& name) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const ProviderService& providers_;
  const Authorizer& authz_;
  exec::Jobs& jobs_;
  ports::VmRuntime& runtime_;
  DiskStore store_;
  ResourceGroupStore groups_;
};

/// 1..32767 GB (Spec: Disk diskSizeGB; Azure's maximum managed disk size).
void validate_disk_size(std::int64_t gb);

}  // namespace azemu::arm::compute
