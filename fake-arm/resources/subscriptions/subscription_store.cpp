// SQL for arm_subscriptions; see subscription_store.hpp.
#include "fake-arm/resources/subscriptions/subscription_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
Subscription from_row(store::Statement& s) { return {s.text(0), s.text(1), s.text(2), s.text(3)}; }
}  // namespace

std::optional<Subscription> SubscriptionStore::get(store::Connection& c, const std::string& id) const {
  auto s = c.query("SELECT subscription_id, tenant_id, display_name, state FROM arm_subscriptions "
                   "WHERE subscription_id = ?",
                   text::to_lower(id));
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<Subscription> SubscriptionStore::list_for_tenant(store::Connection& c, const std::string& tenant) const {
  auto s = c.query("SELECT subscription_id, tenant_id, display_name, state FROM arm_subscriptions "
                   "WHERE tenant_id = ? ORDER BY display_name, subscription_id",
                   text::to_lower(tenant));
  std::vector<Subscription> out;
  while (s.step()) out.push_back(from_row(s));
  return out;
}

void SubscriptionStore::insert(store::Connection& c, const Subscription& s, std::int64_t now) const {
  c.run("INSERT INTO arm_subscriptions (subscription_id, tenant_id, display_name, state, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        text::to_lower(s.id), text::to_lower(s.tenant_id), s.display_name, s.state, now);
}

}  // namespace azemu::arm
