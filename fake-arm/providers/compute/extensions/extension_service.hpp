// Microsoft.Compute/virtualMachines/extensions semantics (Spec: compute 2022-11-01
// VirtualMachineExtensions_*). A PUT stores the extension (protectedSettings apart, never served),
// bumps its sequence number when anything the handler sees changed, and — in the dispatched work —
// delivers it to the VmRuntime and waits for the handler's report for that sequence number:
//
//   PUT ─► Creating/Updating ─deliver, report "success"/"warning"─► Succeeded
//                             └─ report "error" or runtime failure ─► Failed (VMExtensionProvisioningError)
//   DELETE ─► Deleting ─runtime.remove_extension─► (gone)
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/providers/compute/compute_lro.hpp"
#include "fake-arm/providers/compute/extensions/ade_extension_plan.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

#include <chrono>

namespace azemu::arm::compute {

class ExtensionService {
public:
  ExtensionService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                   const AsyncOperations& ops, const Authorizer& authz, exec::Jobs& jobs, ports::VmRuntime& runtime,
                   const VirtualMachineService& vms, const store::Envelope& sealing)
      : db_(db), clock_(clock), subs_(subs), ops_(ops), authz_(authz), jobs_(jobs), runtime_(runtime), vms_(vms),
        states_(sealing) {}

  // Every method throws SubscriptionNotFound, AuthorizationFailed (Microsoft.Compute/virtualMachines/
  // extensions/{read|write|delete}), ResourceGroupNotFound and ResourceNotFound (VM) first.

  /// PUT (and PATCH when `is_patch`: merged onto the stored extension). Throws InvalidParameter
  /// (publisher/type/typeHandlerVersion missing), OperationNotAllowed (VM not running, an
  /// operation in progress), PropertyChangeNotAllowed (publisher/type of an existing extension).
  Accepted create_or_update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                            const std::string& vm, const std::string& name, const nlohmann::json& body, bool is_patch,
                            Run run) const;
  /// The GET body, with properties.instanceView when asked. Throws ResourceNotFound.
  nlohmann::json get(const auth::Principal& caller, const std::string& sub, const std::string& group,
                     const std::string& vm, const std::string& name, bool with_instance_view) const;
  std::vector<nlohmann::json> list(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                   const std::string& vm, bool with_instance_view) const;
  /// nullopt when there is no such extension (ARM's 204).
  std::optional<Accepted> remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                 const std::string& vm, const std::string& name, Run run) const;

  /// How long the work waits for a guest handler's report, and how often it looks. The guestless
  /// runtime reports at once, so tests never wait.
  static constexpr std::chrono::milliseconds kReportPoll{250};
  static constexpr std::chrono::minutes kReportDeadline{30};

private:
  ResourceId extension_id(const std::string& sub, const std::string& group, const std::string& vm,
                          const std::string& name) const;
  std::optional<Extension> load(store::Connection& c, const ResourceId& id) const;
  nlohmann::json body_of(const Extension& e, const std::string& vm_guid, bool with_instance_view) const;
  void finish(const ResourceId& id, const std::string& op_id, const std::string& code, const std::string& error) const;
  /// Single-pass ADE: the platform makes the keys, stamps the disks and sets the BEK volume
  /// (disk_encryption/disk_encryption_platform.hpp). Returns why it could not ("" when done).
  std::string stamp_single_pass(const std::string& vm_guid, const AdeExtensionPlan& plan) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const AsyncOperations& ops_;
  const Authorizer& authz_;
  exec::Jobs& jobs_;
  ports::VmRuntime& runtime_;
  const VirtualMachineService& vms_;
  ResourceStore resources_;
  ExtensionStateStore states_;
  DiskStore disks_;
};

}  // namespace azemu::arm::compute
