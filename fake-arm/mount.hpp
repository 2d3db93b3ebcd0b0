// fake-arm: the Azure Resource Manager front door (tenants, subscriptions, locations, providers,
// resource groups, generic resources, async operations) and, later, the resource providers.
// Entry points used by the composition root (emulator/app/services.cpp) only.
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/http/router.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/ports/seed.hpp"
#include "emulator/ports/vault_objects.hpp"
#include "emulator/ports/vaults.hpp"
#include "emulator/ports/platform_key_vault.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/crypto_envelope.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/operation_faults.hpp"

#include <memory>
#include <vector>

namespace azemu::arm {

/// Schema of every arm_* table, numbered (component "arm").
std::vector<store::Migration> migrations();

/// Inserts the seeded subscription and the Owner role assignments of the bootstrap service
/// principal and the admin user at subscription scope (idempotent).
void seed(store::Database& db, const ports::Seed& seed);

/// The `subscriptions` section of a parsed seed document (emulator/seed/seed_document.hpp): each
/// with its fixed id, in its tenant (default: the seeded one), the bootstrap service principal and the
/// admin user its Owners, as of the seeded subscription. Idempotent. Returns {"subscriptions": {"created", "unchanged"}}.
nlohmann::json apply_subscription_seed(store::Database& db, const ports::Seed& ids, const nlohmann::json& doc);

struct ArmDeps {
  store::Database& db;
  const exec::Clock& clock;
  const cloud::HostNames& names;
  const ports::Directory& directory;
  audit::AuditLog& audit;  // vault management operations are audited like data-plane calls
  exec::Jobs& jobs;        // long-running work: deployments, VM lifecycle
  ports::VmRuntime& vms;   // where Microsoft.Compute VMs run (guestless or vm-sim); called from `jobs`
  ports::PlatformKeyVault& platform_kv;  // the platform's own Key Vault calls for disk encryption
  const store::Envelope& sealing;        // the data dir's master key, for secrets ARM stores (protectedSettings)
  const ports::VaultObjects& vault_objects;  // keys and secrets, for role assignments at their scope
  OperationFaults* lro_faults = nullptr;     // injected failLro faults (none in most unit tests)
};

/// Registers the management-host routes and the ARM not-found answer.
void mount(http::Router& router, ArmDeps& deps);

/// Ends what a previous process left running (deployments, every InProgress LRO, resources in a
/// transitional provisioningState) in a terminal state, so no poller waits forever. Call at
/// start-up before the port opens; returns how many operations it ended.
std::size_t recover_interrupted_work(store::Database& db, const exec::Clock& clock);

/// Removes every VM's guest and every managed disk's image from `runtime` (the rows stay: the
/// caller clears the tables). Returns the number of VMs. For `azemu reset`.
std::size_t forget_all_machines(store::Database& db, ports::VmRuntime& runtime);

/// Stops the guest of every running (or starting) VM in `runtime`, leaving the database as it is.
/// Returns the number of VMs. For `azemu snapshot` (providers/compute/virtual_machines/vm_quiesce.cpp).
std::size_t stop_running_guests(store::Database& db, ports::VmRuntime& runtime);

/// Prometheus gauge lines: operations InProgress per provider, VMs per power state.
std::string prometheus_gauges(store::Database& db);

/// Boots again, in the background (deps.jobs), the VMs that were running when azemu stopped
/// (providers/compute/virtual_machines/vm_resume.hpp). Call once the server is ready.
std::size_t resume_vms(ArmDeps& deps);

/// The ports::Vaults implementation over the Microsoft.KeyVault/vaults resources and RBAC tables.
std::unique_ptr<ports::Vaults> make_vaults(store::Database& db);

/// A VmRuntime without guests (providers/compute/runtime/guestless_runtime.hpp): every VM operation
/// succeeds at once and nothing runs. The default until vm-sim is wired, and the unit tests' runtime.
std::unique_ptr<ports::VmRuntime> make_guestless_runtime();

}  // namespace azemu::arm
