// ResourceStore: the generic ARM resource table (arm_resources) that every resource provider in
// fake-arm (Key Vault vaults, Network, Compute, ...) persists its resources in: indexed columns
// (id, type, group, location, tags) next to the full ARM body as JSON. SQL only: it returns values
// and outcomes, never Azure errors, and runs inside the caller's transaction (Connection&) so a
// service can combine several writes atomically (e.g. a group delete and its cascade).
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_id.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

struct StoredResource {
  ResourceId id;
  std::string type;       // canonical casing, "Microsoft.KeyVault/vaults"
  std::string location;   // normalised ("westus"), or "global"
  nlohmann::json tags = nlohmann::json::object();
  nlohmann::json body = nlohmann::json::object();  // the full ARM representation served on GET
  std::int64_t created_at = 0;
  std::int64_t changed_at = 0;
};

class ResourceStore {
public:
  enum class PutOutcome { created, updated };

  /// Inserts or replaces the row for `r.id` (created_at kept on update; changed_at from `r`).
  /// The resource group (if any) must exist: the foreign key enforces it.
  PutOutcome put(store::Connection& c, const StoredResource& r) const;
  std::optional<StoredResource> get(store::Connection& c, const ResourceId& id) const;

  /// Resources directly or transitively in a group, ordered by id.
  std::vector<StoredResource> list_by_group(store::Connection& c, const std::string& subscription_id,
                                            const std::string& group) const;
  std::vector<StoredResource> list_by_subscription(store::Connection& c, const std::string& subscription_id) const;
  /// By full type ("Microsoft.Network/virtualNetworks/subnets", any case); `group` empty = whole subscription.
  std::vector<StoredResource> list_by_type(store::Connection& c, const std::string& subscription_id,
                                           const std::string& full_type, const std::string& group = {}) const;
  /// Every resource of `full_type` named `name` (both any case) in any subscription and group,
  /// ordered by id: finds "myVM" for tools that take a bare name (`azemu vm disks myVM`).
  std::vector<StoredResource> find_by_type_and_name(store::Connection& c, const std::string& full_type,
                                                    const std::string& name) const;
  /// Direct children of `parent` (a group or resource id) of any type.
  std::vector<StoredResource> list_children(store::Connection& c, const ResourceId& parent) const;

  /// Removes the resource and every nested child; false when it did not exist.
  bool remove(store::Connection& c, const ResourceId& id) const;
  /// Removes every resource of a group; returns how many rows went.
  int remove_by_group(store::Connection& c, const std::string& subscription_id, const std::string& group) const;
};

}  // namespace azemu::arm
