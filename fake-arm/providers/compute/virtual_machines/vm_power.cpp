// VM power actions and runCommand (Spec: compute 2022-11-01 VirtualMachines_Start, _PowerOff,
// _Deallocate, _Restart, _Redeploy, _Reapply, _RunCommand); the state machine is drawn in
// compute_common.hpp. An action that would not change anything (start of a running VM) succeeds
// at once without calling the runtime, as CRP does.
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_build.hpp"

namespace azemu::arm::compute {

namespace {
const char* action_name(VmAction a) {
  switch (a) {
    case VmAction::start: return actions::kVmStart;
    case VmAction::power_off: return actions::kVmPowerOff;
    case VmAction::deallocate: return actions::kVmDeallocate;
    case VmAction::restart: return actions::kVmRestart;
    case VmAction::redeploy: return actions::kVmRedeploy;
    case VmAction::reapply: return actions::kVmReapply;
  }
  return actions::kVmWrite;
}

const char* operation_kind(VmAction a) {
  switch (a) {
    case VmAction::start: return "virtualMachineStart";
    case VmAction::power_off: return "virtualMachinePowerOff";
    case VmAction::deallocate: return "virtualMachineDeallocate";
    case VmAction::restart: return "virtualMachineRestart";
    case VmAction::redeploy: return "virtualMachineRedeploy";
    case VmAction::reapply: return "virtualMachineReapply";
  }
  return "virtualMachineAction";
}

// What an action's Location URL serves once done: an empty 200 body. Current SDKs (arm-compute 25)
// accept only 200/201/202 there for actions, not the 204 an operation without a result gets.
const nlohmann::json kActionResult = nlohmann::json::object();

bool transitional(PowerState p) {
  return p == PowerState::starting || p == PowerState::stopping || p == PowerState::deallocating;
}

/// (state while the work runs, state after it) — nullopt when the action changes nothing.
std::optional<std::pair<PowerState, PowerState>> transition(VmAction a, PowerState now) {
  switch (a) {
    case VmAction::start:
      if (now == PowerState::running) return std::nullopt;
      return std::pair{PowerState::starting, PowerState::running};
    case VmAction::power_off:
      if (now == PowerState::stopped || now == PowerState::deallocated) return std::nullopt;
      return std::pair{PowerState::stopping, PowerState::stopped};
    case VmAction::deallocate:
      if (now == PowerState::deallocated) return std::nullopt;
      return std::pair{PowerState::deallocating, PowerState::deallocated};
    case VmAction::restart:
      if (now != PowerState::running) throw errors::vm_not_running();
      return std::pair{PowerState::starting, PowerState::running};
    case VmAction::redeploy:
      // Redeploy moves the VM to a new host: it is stopped and started again wherever it was.
      return std::pair{PowerState::starting, PowerState::running};
    case VmAction::reapply:
      return std::nullopt;
  }
  return std::nullopt;
}
}  // namespace

namespace {
bool boots(VmAction a) { return a == VmAction::start || a == VmAction::restart || a == VmAction::redeploy; }
}  // namespace

Accepted VirtualMachineService::act(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                    const std::string& name, VmAction action, Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, action_name(action), vm_id(s.id, group, name).str());
  struct Prepared {
    Accepted accepted;
    ResourceId id;
    ports::VmSpec spec;
    PowerState before = PowerState::running, after = PowerState::running;
    bool work = false;
    std::vector<ade::VolumeKey> keys;  // an encrypted VM's key files, fetched again before each boot
  };
  Prepared prep = db_.write([&](store::Connection& c) {
    VirtualMachine vm = require_vm(c, s.id, group, name);
    const std::string state = vm.provisioning_state();
    if (text::iequals(state, "Creating") || text::iequals(state, "Deleting")) throw errors::vm_operation_in_progress(name, state);
    Prepared p;
    p.id = vm.id;
    p.before = power_of(c, vm);
    if (transitional(p.before)) throw errors::vm_operation_in_progress(name, to_string(p.before));
    const OperationStart start{s.id, kNamespace, vm.location, operation_kind(action), vm.id.str()};
    auto t = transition(action, p.before);
    if (!t) {
      p.accepted.op = ops_.record_succeeded(c, start, kActionResult);
      return p;
    }
    states_.set_power(c, vm.id, t->first, clock_.now_unix());
    p.after = t->second;
    p.spec = vm_spec(vm);
    p.work = true;
    if (boots(action)) p.keys = boot_keys(c, vm);
    p.accepted.op = ops_.start(c, start);
    return p;
  });
  if (!prep.work) return prep.accepted;
  dispatch(jobs_, run, [this, p = prep, action] {
    std::string key_problem, code;
    std::string error = call_runtime([&] {
      // Azure's platform reads and unwraps the BEK at every start (research/ade.md §1.3); the
      // audit log shows SecretGet + KeyUnwrap each time.
      if (boots(action)) key_problem = provide_bek(p.spec.vm_id, p.keys);
      switch (action) {
        case VmAction::start: runtime_.start(p.spec); break;
        case VmAction::power_off: runtime_.stop(p.spec.vm_id); break;
        case VmAction::deallocate: runtime_.deallocate(p.spec.vm_id); break;
        case VmAction::restart: runtime_.restart(p.spec.vm_id); break;
        case VmAction::redeploy:
          if (p.before == PowerState::running) runtime_.deallocate(p.spec.vm_id);
          runtime_.start(p.spec);
          break;
        case VmAction::reapply: break;
      }
    }, &code);
    if (!error.empty() && !key_problem.empty()) error += " (" + key_problem + ")";
    // A boot that failed leaves the guest down: the VM is stopped, and its instance view says why.
    const PowerState after = error.empty() ? p.after : boots(action) ? PowerState::stopped : p.before;
    finish(p.id, p.accepted.op.id, error, false, after, kActionResult, code);
  });
  return prep.accepted;
}

Accepted VirtualMachineService::run_command(const auth::Principal& caller, const std::string& sub,
                                            const std::string& group, const std::string& name,
                                            const nlohmann::json& input, Run run) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVmRunCommand, vm_id(s.id, group, name).str());
  if (!input.is_object()) throw errors::invalid_request_content("the body must be a JSON object");
  const std::string command = input.value("commandId", "");
  if (command.empty()) throw errors::compute_required_parameter("commandId");
  if (!text::iequals(command, "RunShellScript")) throw errors::unsupported_run_command(command);
  std::string script;
  if (input.contains("script") && !input["script"].is_null()) {
    if (!input["script"].is_array()) throw errors::invalid_request_content("'script' must be an array of strings");
    for (const auto& line : input["script"]) {
      if (!line.is_string()) throw errors::invalid_request_content("'script' must be an array of strings");
      script += (script.empty() ? "" : "\n") + line.get<std::string>();
    }
  }
  struct Prepared {
    Accepted accepted;
    ResourceId id;
    std::string vm_guid;
  };
  Prepared prep = db_.write([&](store::Connection& c) {
    VirtualMachine vm = require_vm(c, s.id, group, name);
    if (power_of(c, vm) != PowerState::running) throw errors::vm_not_running();
    Prepared p;
    p.id = vm.id;
    p.vm_guid = vm.vm_id();
    p.accepted.op = ops_.start(c, {s.id, kNamespace, vm.location, "virtualMachineRunCommand", vm.id.str()});
    return p;
  });
  dispatch(jobs_, run, [this, p = prep, script] {
    ports::RunCommandResult result;
    const std::string error = call_runtime([&] { result = runtime_.run_command(p.vm_guid, script); });
    finish(p.id, p.accepted.op.id, error, false, std::nullopt,
           error.empty() ? std::optional<nlohmann::json>(run_command_result(result)) : std::nullopt);
  });
  return prep.accepted;
}

nlohmann::json run_command_result(const ports::RunCommandResult& r) {
  // Observed (Guest-Configuration-Extension #40, azure-docs run-command output): the Linux handler
  // reports "Enable succeeded: \n[stdout]\n<out>\n[stderr]\n<err>", and for a non-zero exit
  // "Enable failed: failed to execute command: command terminated with exit status=<n>\n[stdout]...".
  // Decision: a failed script is a *successful* operation whose status says failed (the POST's
  // poller gets the result either way, as with run command v1).
  const std::string streams = "\n[stdout]\n" + r.stdout_text + "\n[stderr]\n" + r.stderr_text;
  nlohmann::json status =
      r.exit_code == 0
          ? nlohmann::json{{"code", "ProvisioningState/succeeded"}, {"level", "Info"}, {"displayStatus", "Provisioning succeeded"},
                           {"message", "Enable succeeded: " + streams}}
          : nlohmann::json{{"code", "ProvisioningState/failed"}, {"level", "Error"}, {"displayStatus", "Provisioning failed"},
                           {"message", "Enable failed: failed to execute command: command terminated with exit status=" +
                                           std::to_string(r.exit_code) + streams}};
  return {{"value", nlohmann::json::array({status})}};
}

}  // namespace azemu::arm::compute
