// The shape every Microsoft.Network resource type shares: NetworkApi (what handlers and template
// deployments call: PUT, GET, DELETE, list, PATCH tags), and TopLevelNetworkService, the common
// semantics of a top-level type (virtualNetworks, networkSecurityGroups, publicIPAddresses,
// networkInterfaces): authorization, name and location rules, the ARM envelope (id, name, type,
// location, tags, etag W/"<guid>", properties.provisioningState, resourceGuid), persistence in
// arm_resources and the already-succeeded async operation real Network answers PUT/DELETE with.
// Each type adds its own body rules (prepare), delete guards (check_delete) and the references
// computed at read time (present). Child types (subnets, security rules) live inside their
// parent's row and write through the parent's write_in(), so one set of rules guards both paths.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

inline constexpr const char* kNetworkNamespace = "Microsoft.Network";

struct NetworkDeps {
  store::Database& db;
  const exec::Clock& clock;
  const SubscriptionService& subs;
  const ProviderService& providers;
  const AsyncOperations& ops;
  const Authorizer& authz;
};

/// A finished write: the body GET now serves and the already-succeeded operation behind the
/// polling headers (Azure-AsyncOperation, Location, Retry-After: 1).
struct NetworkWrite {
  nlohmann::json body;
  bool created = false;
  AsyncOperation operation;
};

/// What handlers and deployments call. Ids are canonicalised by make_id(), so any casing of the
/// type ("publicIpAddresses") reaches the same resource.
class NetworkApi {
public:
  virtual ~NetworkApi() = default;
  /// "Microsoft.Network/virtualNetworks/subnets": canonical casing.
  virtual const std::string& full_type() const = 0;
  /// The resource id from names below the namespace (one per type level).
  ResourceId make_id(const std::string& sub, const std::string& group, const std::vector<std::string>& names) const;
  /// make_id() from any id of this type (types compared ignoring case).
  ResourceId canonical(const ResourceId& id) const;

  // Every method throws SubscriptionNotFound and AuthorizationFailed (<type>/read|write|delete) first.

  /// PUT (create or update). Throws ResourceGroupNotFound, ResourceNotFound (parent), InvalidResourceName,
  /// LocationRequired, LocationNotAvailableForResourceType, InvalidResourceLocation and the type's own codes.
  virtual NetworkWrite put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body) const = 0;
  /// GET; nullopt when absent (the group or parent may be absent too).
  virtual std::optional<nlohmann::json> find(const auth::Principal& caller, const ResourceId& id) const = 0;
  /// find() or ResourceGroupNotFound / ResourceNotFound / NotFound (children).
  nlohmann::json get(const auth::Principal& caller, const ResourceId& id) const;
  /// DELETE; nullopt when there was nothing to delete (204). Throws the type's in-use codes.
  virtual std::optional<AsyncOperation> remove(const auth::Principal& caller, const ResourceId& id) const = 0;
  /// `scope`: a resource group, the subscription, or (children) the parent resource. Items the caller may read.
  virtual std::vector<nlohmann::json> list(const auth::Principal& caller, const ResourceId& scope) const = 0;
  /// PATCH {"tags": {...}} (updateTags). Children: not supported (BadRequest).
  virtual nlohmann::json update_tags(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& tags) const;

protected:
  /// The not-found error of this type for `id` (ResourceNotFound; children NotFound).
  virtual AzureError not_found_error(const ResourceId& id) const;
};

/// Network resource names: 1-80 characters, word characters, '.', '-', '_'; begins with a word
/// character, ends with one or '_'. Spec: Network RP naming rules (InvalidResourceName).
bool valid_network_name(const std::string& name);
/// W/"<guid>", the weak etag Network puts on every resource and child.
std::string new_network_etag();
/// The `{"id": ...}` reference at `ref` as a lower-cased key, "" when absent/null.
std::string reference_key(const nlohmann::json& ref);

class TopLevelNetworkService : public NetworkApi {
public:
  TopLevelNetworkService(const NetworkDeps& deps, std::string type_name)
      : d_(deps), type_name_(std::move(type_name)), full_type_(std::string(kNetworkNamespace) + "/" + type_name_) {}

  const std::string& full_type() const override { return full_type_; }
  NetworkWrite put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body) const override;
  std::optional<nlohmann::json> find(const auth::Principal& caller, const ResourceId& id) const override;
  std::optional<AsyncOperation> remove(const auth::Principal& caller, const ResourceId& id) const override;
  std::vector<nlohmann::json> list(const auth::Principal& caller, const ResourceId& scope) const override;
  nlohmann::json update_tags(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& tags) const override;

  /// The stored body (references not computed), inside the caller's transaction.
  std::optional<StoredResource> load(store::Connection& c, const ResourceId& id) const;
  /// PUT semantics inside the caller's transaction, without authorization (the caller did it):
  /// children write their parent through this. Returns the stored body and whether it was created.
  std::pair<nlohmann::json, bool> write_in(store::Connection& c, const ResourceId& id, const nlohmann::json& body) const;
  /// The served body: `stored` plus the references computed from other resources.
  nlohmann::json served(store::Connection& c, const StoredResource& stored) const { return present(c, stored.body); }

  const NetworkDeps& deps() const { return d_; }

protected:
  struct PutContext {
    store::Connection& c;
    const ResourceId& id;                     // canonical
    const nlohmann::json& body;               // the request as sent
    const std::optional<StoredResource>& existing;
    const std::string& location;              // canonical ("westus")
    const std::string& etag;                  // the new etag (children take it too)
  };
  /// Type rules: returns the body to store (at least "properties"; may add sku, zones...). The
  /// envelope (id, name, type, location, tags, etag) and provisioningState/resourceGuid are set after.
  virtual nlohmann::json prepare(PutContext& ctx) const = 0;
  /// Throws the type's in-use error when `r` may not be deleted.
  virtual void check_delete(store::Connection& c, const StoredResource& r) const;
  /// Adds references computed from other resources (back-references are never stored).
  virtual nlohmann::json present(store::Connection& c, nlohmann::json stored) const;

  NetworkDeps d_;  // references only: cheap to copy

private:
  std::string type_name_, full_type_;
  ResourceStore store_;
  ResourceGroupStore groups_;
};

}  // namespace azemu::arm
