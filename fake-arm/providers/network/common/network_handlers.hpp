// HTTP glue shared by every Microsoft.Network resource type (Spec: network 2022-07-01
// <Type>_CreateOrUpdate / _Get / _Delete / _UpdateTags / _List / _ListAll). Like the real RP, PUT
// answers 201 (new) or 200 with Azure-AsyncOperation + Retry-After: 1 for an operation that has
// already succeeded, and DELETE answers 202 with polling headers (204 when there was nothing).
// Each type gets one instance naming its route parameters, outermost first.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

#include <string>
#include <vector>

namespace azemu::arm {

class NetworkHandlers {
public:
  /// `name_params`: {"virtualNetworkName"} or {"virtualNetworkName", "subnetName"}.
  NetworkHandlers(const NetworkApi& api, std::vector<std::string> name_params)
      : api_(api), name_params_(std::move(name_params)) {}

  http::Reply create_or_update(http::Request& req);   // PUT    .../{type}/{name}
  http::Reply get(http::Request& req);                // GET    .../{type}/{name}
  http::Reply remove(http::Request& req);             // DELETE .../{type}/{name}   202 / 204
  http::Reply update_tags(http::Request& req);        // PATCH  .../{type}/{name}   {"tags": {...}}
  http::Reply list_by_group(http::Request& req);      // GET    /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/{type}
  http::Reply list_by_subscription(http::Request& req);  // GET /subscriptions/{s}/providers/Microsoft.Network/{type}
  http::Reply list_children(http::Request& req);      // GET    .../{parentType}/{parent}/{childType}

private:
  ResourceId id_of(const http::Request& req, std::size_t depth) const;
  const NetworkApi& api_;
  std::vector<std::string> name_params_;
};

}  // namespace azemu::arm
