// SQL for Compute state that is not part of an ARM body (migration arm 5): a VM's power state and
// an extension's sequence number and protected settings. Rows hang off arm_resources rows and go
// with them (ON DELETE CASCADE). Values only, inside the caller's transaction.
#pragma once

#include "emulator/store/crypto_envelope.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

class VmStateStore {
public:
  /// The stored power state; nullopt when the VM has no row (never created through azemu's VM PUT).
  std::optional<PowerState> power(store::Connection& c, const ResourceId& vm) const;
  /// Every transition replaces the note (empty: nothing to explain).
  void set_power(store::Connection& c, const ResourceId& vm, PowerState p, std::int64_t now,
                 const std::string& note = "") const;
  /// Why the VM is not where it was left ("" usually); see migration arm 6.
  std::string note(store::Connection& c, const ResourceId& vm) const;
  /// Every VM whose stored power state is `p` (ids as stored, lower-case keys parsed back).
  std::vector<ResourceId> with_power(store::Connection& c, PowerState p) const;
};

struct ExtensionState {
  int sequence_number = 0;
  nlohmann::json protected_settings = nlohmann::json::object();
};

/// protectedSettings never reach the database in the clear: they are sealed with the data dir's
/// master key, bound to the extension's id (a row copied to another extension does not open).
class ExtensionStateStore {
public:
  explicit ExtensionStateStore(const store::Envelope& sealing) : sealing_(sealing) {}
  /// Rows written before sealing (plain JSON) still read; they are sealed at their next put.
  /// Throws std::runtime_error when stored settings open neither way (another master key).
  std::optional<ExtensionState> get(store::Connection& c, const ResourceId& extension) const;
  void put(store::Connection& c, const ResourceId& extension, const ExtensionState& s, std::int64_t now) const;

private:
  const store::Envelope& sealing_;
};

}  // namespace azemu::arm::compute
