// SQL for arm_resource_groups; see resource_group_store.hpp.
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr const char* kSelect =
    "SELECT subscription_id, name, location, tags, managed_by, created_at, changed_at FROM arm_resource_groups ";

ResourceGroup from_row(store::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), nlohmann::json::parse(s.text(3)), s.opt_text(4), s.int64(5), s.int64(6)};
}
}  // namespace

std::optional<ResourceGroup> ResourceGroupStore::get(store::Connection& c, const std::string& sub,
                                                     const std::string& name) const {
  auto s = c.query(std::string(kSelect) + "WHERE subscription_id = ? AND name_key = ?", text::to_lower(sub),
                   text::to_lower(name));
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<ResourceGroup> ResourceGroupStore::list(store::Connection& c, const std::string& sub) const {
  auto s = c.query(std::string(kSelect) + "WHERE subscription_id = ? ORDER BY name_key", text::to_lower(sub));
  std::vector<ResourceGroup> out;
  while (s.step()) out.push_back(from_row(s));
  return out;
}

void ResourceGroupStore::upsert(store::Connection& c, const ResourceGroup& g) const {
  c.run("INSERT INTO arm_resource_groups (subscription_id, name_key, name, location, tags, managed_by, created_at, "
        "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(subscription_id, name_key) DO UPDATE SET "
        "location = excluded.location, tags = excluded.tags, managed_by = excluded.managed_by, "
        "changed_at = excluded.changed_at",
        text::to_lower(g.subscription_id), text::to_lower(g.name), g.name, g.location, g.tags.dump(), g.managed_by,
        g.created_at, g.changed_at);
}

bool ResourceGroupStore::remove(store::Connection& c, const std::string& sub, const std::string& name) const {
  return c.run("DELETE FROM arm_resource_groups WHERE subscription_id = ? AND name_key = ?", text::to_lower(sub),
               text::to_lower(name)) > 0;
}

}  // namespace azemu::arm
