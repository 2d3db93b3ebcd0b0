// Child resources that Azure embeds in their parent's body (virtualNetworks/subnets,
// networkSecurityGroups/securityRules), served at their own URLs too. The child lives only in the
// parent's row: a child PUT/DELETE rewrites the parent's embedded list and saves the parent
// through its write_in(), so both paths obey one set of rules (prefix overlap, in-use subnets,
// rule priority conflicts) and the parent's etag changes with its children, as in Azure.
#pragma once

#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

class ChildNetworkService : public NetworkApi {
public:
  /// `child_type` "subnets", embedded at properties.<child_type>; `what` "Subnet" for messages.
  ChildNetworkService(const TopLevelNetworkService& parent, std::string child_type, std::string what)
      : parent_(parent), child_type_(std::move(child_type)), what_(std::move(what)),
        full_type_(parent.full_type() + "/" + child_type_) {}

  const std::string& full_type() const override { return full_type_; }
  NetworkWrite put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body) const override;
  std::optional<nlohmann::json> find(const auth::Principal& caller, const ResourceId& id) const override;
  std::optional<AsyncOperation> remove(const auth::Principal& caller, const ResourceId& id) const override;
  /// `scope` is the parent resource; throws ResourceNotFound when it is absent.
  std::vector<nlohmann::json> list(const auth::Principal& caller, const ResourceId& scope) const override;

protected:
  AzureError not_found_error(const ResourceId& id) const override;

private:
  /// The parent row, or the parent's not-found error.
  StoredResource parent_row(store::Connection& c, const ResourceId& child) const;
  /// The served child named `name` inside the served parent body.
  std::optional<nlohmann::json> pick(const nlohmann::json& served_parent, const std::string& name) const;
  void authorize(const auth::Principal& caller, const ResourceId& id, const char* verb) const;

  const TopLevelNetworkService& parent_;
  std::string child_type_, what_, full_type_;
};

}  // namespace azemu::arm
