// SQL for arm_provider_registrations; see provider_store.hpp.
#include "fake-arm/resources/providers/provider_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

std::optional<std::string> ProviderStore::state(store::Connection& c, const std::string& sub,
                                                const std::string& ns) const {
  auto s = c.query("SELECT state FROM arm_provider_registrations WHERE subscription_id = ? AND namespace_key = ?",
                   text::to_lower(sub), text::to_lower(ns));
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::map<std::string, std::string> ProviderStore::states(store::Connection& c, const std::string& sub) const {
  auto s = c.query("SELECT namespace_key, state FROM arm_provider_registrations WHERE subscription_id = ?",
                   text::to_lower(sub));
  std::map<std::string, std::string> out;
  while (s.step()) out.emplace(s.text(0), s.text(1));
  return out;
}

void ProviderStore::set_state(store::Connection& c, const std::string& sub, const std::string& ns,
                              const std::string& state, std::int64_t now) const {
  c.run("INSERT INTO arm_provider_registrations (subscription_id, namespace_key, state, changed_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(subscription_id, namespace_key) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at",
        text::to_lower(sub), text::to_lower(ns), state, now);
}

}  // namespace azemu::arm
