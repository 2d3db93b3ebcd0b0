// SQL for arm_resources; see resource_store.hpp. Keys are lower-cased here, once.
#include "fake-arm/core/resource_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr const char* kColumns = "id, type, location, tags, body, created_at, changed_at";

StoredResource from_row(store::Statement& s) {
  StoredResource r{*ResourceId::parse(s.text(0)), s.text(1), s.text(2), nlohmann::json::parse(s.text(3)),
                   nlohmann::json::parse(s.text(4)), s.int64(5), s.int64(6)};
  return r;
}

std::vector<StoredResource> all_rows(store::Statement s) {
  std::vector<StoredResource> out;
  while (s.step()) out.push_back(from_row(s));
  return out;
}

std::optional<std::string> group_key(const ResourceId& id) {
  if (id.resource_group().empty()) return std::nullopt;
  return text::to_lower(id.resource_group());
}
}  // namespace

ResourceStore::PutOutcome ResourceStore::put(store::Connection& c, const StoredResource& r) const {
  const std::string key = r.id.key();
  bool existed = c.query("SELECT 1 FROM arm_resources WHERE id_key = ?", key).step();
  c.run("INSERT INTO arm_resources (id_key, id, subscription_id, group_key, namespace_key, type_key, type, name, "
        "parent_key, location, tags, body, created_at, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id_key) DO UPDATE SET id = excluded.id, type = excluded.type, location = excluded.location, "
        "tags = excluded.tags, body = excluded.body, changed_at = excluded.changed_at",
        key, r.id.str(), text::to_lower(r.id.subscription_id()), group_key(r.id),
        text::to_lower(r.id.provider_namespace()), text::to_lower(r.id.full_type()), r.type, r.id.name(),
        r.id.parent().key(), r.location, r.tags.dump(), r.body.dump(), r.created_at, r.changed_at);
  return existed ? PutOutcome::updated : PutOutcome::created;
}

std::optional<StoredResource> ResourceStore::get(store::Connection& c, const ResourceId& id) const {
  auto s = c.query(std::string("SELECT ") + kColumns + " FROM arm_resources WHERE id_key = ?", id.key());
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<StoredResource> ResourceStore::list_by_group(store::Connection& c, const std::string& sub,
                                                         const std::string& group) const {
  return all_rows(c.query(std::string("SELECT ") + kColumns +
                              " FROM arm_resources WHERE subscription_id = ? AND group_key = ? ORDER BY id_key",
                          text::to_lower(sub), text::to_lower(group)));
}

std::vector<StoredResource> ResourceStore::list_by_subscription(store::Connection& c, const std::string& sub) const {
  return all_rows(c.query(std::string("SELECT ") + kColumns +
                              " FROM arm_resources WHERE subscription_id = ? ORDER BY id_key",
                          text::to_lower(sub)));
}

std::vector<StoredResource> ResourceStore::list_by_type(store::Connection& c, const std::string& sub,
                                                        const std::string& full_type, const std::string& group) const {
  if (group.empty())
    return all_rows(c.query(std::string("SELECT ") + kColumns +
                                " FROM arm_resources WHERE subscription_id = ? AND type_key = ? ORDER BY id_key",
                            text::to_lower(sub), text::to_lower(full_type)));
  return all_rows(c.query(std::string("SELECT ") + kColumns +
                              " FROM arm_resources WHERE subscription_id = ? AND type_key = ? AND group_key = ? "
                              "ORDER BY id_key",
                          text::to_lower(sub), text::to_lower(full_type), text::to_lower(group)));
}

std::vector<StoredResource> ResourceStore::find_by_type_and_name(store::Connection& c, const std::string& full_type,
                                                                 const std::string& name) const {
  return all_rows(c.query(std::string("SELECT ") + kColumns +
                              " FROM arm_resources WHERE type_key = ? AND lower(name) = ? ORDER BY id_key",
                          text::to_lower(full_type), text::to_lower(name)));
}

std::vector<StoredResource> ResourceStore::list_children(store::Connection& c, const ResourceId& parent) const {
  return all_rows(c.query(std::string("SELECT ") + kColumns + " FROM arm_resources WHERE parent_key = ? ORDER BY id_key",
                          parent.key()));
}

bool ResourceStore::remove(store::Connection& c, const ResourceId& id) const {
  const std::string key = id.key();
  // Children's keys start with "<key>/"; compared with substr, not LIKE ('_' is a LIKE wildcard).
  bool existed = c.query("SELECT 1 FROM arm_resources WHERE id_key = ?", key).step();
  c.run("DELETE FROM arm_resources WHERE id_key = ? OR substr(id_key, 1, length(?) + 1) = ? || '/'", key, key, key);
  return existed;
}

int ResourceStore::remove_by_group(store::Connection& c, const std::string& sub, const std::string& group) const {
  return c.run("DELETE FROM arm_resources WHERE subscription_id = ? AND group_key = ?", text::to_lower(sub),
               text::to_lower(group));
}

}  // namespace azemu::arm
