// SQL for arm_compute_vm_state and arm_compute_extension_state; see compute_state_store.hpp.
#include "fake-arm/providers/compute/compute_state_store.hpp"

#include <stdexcept>

namespace azemu::arm::compute {

std::optional<PowerState> VmStateStore::power(store::Connection& c, const ResourceId& vm) const {
  auto s = c.query("SELECT power_state FROM arm_compute_vm_state WHERE id_key = ?", vm.key());
  if (!s.step()) return std::nullopt;
  return power_state_from(s.text(0));
}

void VmStateStore::set_power(store::Connection& c, const ResourceId& vm, PowerState p, std::int64_t now,
                            const std::string& note) const {
  c.run("INSERT INTO arm_compute_vm_state (id_key, power_state, changed_at, note) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id_key) DO UPDATE SET power_state = excluded.power_state, changed_at = excluded.changed_at, "
        "note = excluded.note",
        vm.key(), std::string(to_string(p)), now, note);
}

std::string VmStateStore::note(store::Connection& c, const ResourceId& vm) const {
  auto s = c.query("SELECT note FROM arm_compute_vm_state WHERE id_key = ?", vm.key());
  return s.step() ? s.text(0) : std::string();
}

std::vector<ResourceId> VmStateStore::with_power(store::Connection& c, PowerState p) const {
  std::vector<ResourceId> out;
  auto s = c.query("SELECT id_key FROM arm_compute_vm_state WHERE power_state = ? ORDER BY id_key", std::string(to_string(p)));
  while (s.step())
    if (auto id = ResourceId::parse(s.text(0))) out.push_back(*id);
  return out;
}

std::optional<ExtensionState> ExtensionStateStore::get(store::Connection& c, const ResourceId& ext) const {
  auto s = c.query("SELECT sequence_number, protected_settings FROM arm_compute_extension_state WHERE id_key = ?", ext.key());
  if (!s.step()) return std::nullopt;
  const std::string stored = s.text(1);
  if (auto plain = sealing_.open(stored, ext.key()))
    return ExtensionState{static_cast<int>(s.int64(0)), nlohmann::json::parse(*plain)};
  if (!stored.empty() && stored.front() == '{')  // written by an azemu from before sealing
    return ExtensionState{static_cast<int>(s.int64(0)), nlohmann::json::parse(stored)};
  throw std::runtime_error("stored protectedSettings do not open with this data dir's master key");
}

void ExtensionStateStore::put(store::Connection& c, const ResourceId& ext, const ExtensionState& st,
                              std::int64_t now) const {
  c.run("INSERT INTO arm_compute_extension_state (id_key, sequence_number, protected_settings, changed_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(id_key) DO UPDATE SET sequence_number = excluded.sequence_number, "
        "protected_settings = excluded.protected_settings, changed_at = excluded.changed_at",
        ext.key(), static_cast<std::int64_t>(st.sequence_number), sealing_.seal(st.protected_settings.dump(), ext.key()),
        now);
}

}  // namespace azemu::arm::compute
