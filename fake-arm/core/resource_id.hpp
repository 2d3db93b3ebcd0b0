// arm::ResourceId: a parsed ARM id (subscription, resource group, provider resource with nested
// child types), printed in canonical casing and compared case-insensitively as ARM does.
// Does not know which types exist (that is the provider catalog) nor extension resources
// (".../providers/A/x/y/providers/B/z/w"), which parse() rejects.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azemu::arm {

class ResourceId {
public:
  /// One "{type}/{name}" step below the provider namespace ("virtualMachines", "vm1").
  struct Segment {
    std::string type;
    std::string name;
  };

  /// Parses "/subscriptions/{s}[/resourceGroups/{rg}][/providers/{ns}/{type}/{name}[/{type}/{name}...]]".
  /// Segment keywords match any case; values keep theirs. nullopt when the shape is not an id.
  static std::optional<ResourceId> parse(std::string_view id);

  static ResourceId subscription(std::string subscription_id);
  static ResourceId resource_group(std::string subscription_id, std::string group);
  /// A top-level resource in a group: (sub, rg, "Microsoft.KeyVault", "vaults", "kv1").
  static ResourceId resource(std::string subscription_id, std::string group, std::string ns, std::string type,
                             std::string name);

  /// A child of this resource ("subnets", "default").
  ResourceId child(std::string type, std::string name) const;
  /// The enclosing resource, group or subscription; the subscription's parent is itself.
  ResourceId parent() const;

  bool is_subscription() const { return group_.empty() && ns_.empty(); }
  bool is_resource_group() const { return !group_.empty() && ns_.empty(); }
  bool is_resource() const { return !ns_.empty(); }

  const std::string& subscription_id() const { return sub_; }
  const std::string& resource_group() const { return group_; }  // "" at subscription scope
  const std::string& provider_namespace() const { return ns_; }  // "" for subscriptions/groups
  const std::vector<Segment>& segments() const { return segs_; }

  /// "Microsoft.Compute/virtualMachines/extensions" (as written), "" when not a resource.
  std::string full_type() const;
  /// The last name ("ext1"); the group name for groups, the subscription id for subscriptions.
  std::string name() const;
  /// Names joined by '/' ("vm1/ext1"), as ARM prints nested names.
  std::string full_name() const;

  /// Canonical print: "/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}".
  std::string str() const;
  /// Lower-cased str(): the primary key in arm_resources and the equality ARM applies.
  std::string key() const;

  friend bool operator==(const ResourceId& a, const ResourceId& b) { return a.key() == b.key(); }

private:
  std::string sub_, group_, ns_;
  std::vector<Segment> segs_;
};

}  // namespace azemu::arm
