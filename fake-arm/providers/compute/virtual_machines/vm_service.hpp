// Microsoft.Compute/virtualMachines semantics (Spec: compute 2022-11-01 virtualMachine.json
// VirtualMachines_*): create/update/patch with implicit managed disks and NIC binding, reads with
// the instance view, delete honouring deleteOption, power actions and runCommand. Every write is a
// long-running operation (compute_lro.hpp): validation and the first half of the transition happen
// in the request's transaction; the VmRuntime call and the second half run in the dispatched work.
//
// provisioningState: (none) ─create─► Creating ─work ok─► Succeeded ─PUT/PATCH─► Updating ─► Succeeded
//                    any ─work fails─► Failed;  Succeeded|Failed ─DELETE─► Deleting ─work ok─► (gone)
// Power state: see compute_common.hpp. A second lifecycle operation while one runs is refused
// (OperationNotAllowed), so the runtime sees one call per VM at a time.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_platform.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/compute_lro.hpp"
#include "fake-arm/providers/compute/compute_state_store.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/providers/compute/extensions/extension_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

enum class VmAction { start, power_off, deallocate, restart, redeploy, reapply };

class VirtualMachineService {
public:
  VirtualMachineService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                        const ProviderService& providers, const AsyncOperations& ops, const Authorizer& authz,
                        exec::Jobs& jobs, ports::VmRuntime& runtime, ports::PlatformKeyVault& platform_kv,
                        const store::Envelope& sealing)
      : db_(db), clock_(clock), subs_(subs), providers_(providers), ops_(ops), authz_(authz), jobs_(jobs), runtime_(runtime),
        platform_(platform_kv), extension_states_(sealing) {}

  // Every method throws SubscriptionNotFound, AuthorizationFailed (Microsoft.Compute/
  // virtualMachines/{read|write|delete|<action>/action}) and ResourceGroupNotFound first; methods
  // naming a VM throw ResourceNotFound when it does not exist (except create and remove).

  /// PUT. Throws what build_vm() throws, LocationRequired, InvalidResourceLocation, OperationNotAllowed.
  Accepted create_or_update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                            const std::string& name, const nlohmann::json& body, Run run) const;
  /// PATCH (VirtualMachineUpdate): merged onto the stored model, then the PUT rules.
  Accepted update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                  const std::string& name, const nlohmann::json& patch, Run run) const;
  /// The GET body: model, resources[] (extensions), and properties.instanceView when asked.
  nlohmann::json get(const auth::Principal& caller, const std::string& sub, const std::string& group,
                     const std::string& name, bool with_instance_view) const;
  nlohmann::json instance_view(const auth::Principal& caller, const std::string& sub, const std::string& group,
                               const std::string& name) const;
  /// `group` empty: the subscription. `status_only`: each item carries properties.instanceView.
  std::vector<nlohmann::json> list(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                   bool status_only) const;
  /// nullopt when there is no such VM (ARM's 204).
  std::optional<Accepted> remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                 const std::string& name, Run run) const;
  /// start, powerOff, deallocate, restart, redeploy, reapply. Throws OperationNotAllowed (restart of a
  /// VM that is not running, an operation already in progress).
  Accepted act(const auth::Principal& caller, const std::string& sub, const std::string& group,
               const std::string& name, VmAction action, Run run) const;
  /// RunCommandInput {commandId: "RunShellScript", script: [...]}; the finished operation's result is
  /// the RunCommandResult. Throws OperationNotAllowed (VM not running), InvalidParameter.
  Accepted run_command(const auth::Principal& caller, const std::string& sub, const std::string& group,
                       const std::string& name, const nlohmann::json& input, Run run) const;

  /// Resource group delete hook (inside its transaction): the group's VMs and disks leave the runtime.
  void forget_group(store::Connection& c, const ResourceId& group) const;

  /// The stored VM (inside a transaction); throws ResourceGroupNotFound / ResourceNotFound.
  VirtualMachine require_vm(store::Connection& c, const std::string& sub, const std::string& group,
                            const std::string& name) const;
  std::optional<VirtualMachine> load_vm(store::Connection& c, const ResourceId& id) const;
  std::vector<Extension> extensions_of(store::Connection& c, const VirtualMachine& vm) const;
  PowerState power_of(store::Connection& c, const VirtualMachine& vm) const;

  // Azure Disk Encryption, the platform's side (vm_encryption.cpp; disk_encryption/).
  /// encryptionSettingsCollection of each of the VM's managed disks that has one.
  ade::DiskCollections disk_collections(store::Connection& c, const VirtualMachine& vm) const;
  /// The key files the VM's encrypted volumes need at boot (empty: nothing encrypted).
  std::vector<ade::VolumeKey> boot_keys(store::Connection& c, const VirtualMachine& vm) const;
  /// Fetches and unwraps `keys` as the platform and hands the BEK volume to the runtime (in a job).
  /// Returns why some key could not be fetched ("" when all could); the volume is set anyway, so
  /// the guest fails to unlock visibly, as a VM in Azure does. Throws what the runtime throws.
  std::string provide_bek(const std::string& vm_guid, const std::vector<ade::VolumeKey>& keys) const;
  const ade::DiskEncryptionPlatform& platform() const { return platform_; }

private:
  ResourceId vm_id(const std::string& sub, const std::string& group, const std::string& name) const;
  nlohmann::json full_body(store::Connection& c, const VirtualMachine& vm, bool with_instance_view) const;
  Accepted put_model(const auth::Principal& caller, const std::string& sub, const std::string& group,
                     const std::string& name, const nlohmann::json& body, bool is_patch, Run run) const;
  /// The second half of every VM operation: record the outcome (`error` empty = success).
  void finish(const ResourceId& id, const std::string& op_id, const std::string& error, bool set_provisioning,
              std::optional<PowerState> power, std::optional<nlohmann::json> result, const std::string& code = "") const;
  void finish_delete(const ResourceId& id, const std::string& op_id) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const ProviderService& providers_;
  const AsyncOperations& ops_;
  const Authorizer& authz_;
  exec::Jobs& jobs_;
  ports::VmRuntime& runtime_;
  ade::DiskEncryptionPlatform platform_;
  ResourceStore resources_;
  DiskStore disks_;
  VmStateStore states_;
  ExtensionStateStore extension_states_;
  ResourceGroupStore groups_;
};

/// Runs a runtime call; returns "" on success or the failure's message.
/// Runs a runtime call; returns "" or the failure's message. An injected guest failure
/// (ports::GuestFailure) also hands back its Azure error code in `code`.
std::string call_runtime(const std::function<void()>& call, std::string* code = nullptr);
/// The managed disk id of a storageProfile disk entry ("" when it has none).
std::string managed_disk_id(const nlohmann::json& disk);

/// RunCommandResult as the Linux run-command handler words it (exit status, [stdout], [stderr]).
nlohmann::json run_command_result(const ports::RunCommandResult& r);

}  // namespace azemu::arm::compute
