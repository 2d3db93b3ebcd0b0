// HTTP glue for the generic resource lists (Spec: resources.json Resources_List,
// Resources_ListByResourceGroup) and for provider paths no resource provider serves (the
// "{*rest}" routes under .../providers/{ns}/; specific provider routes always win over them).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/resources/generic/generic_resource_service.hpp"

namespace azemu::arm {

class GenericResourceHandlers {
public:
  explicit GenericResourceHandlers(const GenericResourceService& svc) : svc_(svc) {}

  http::Reply list(http::Request& req);           // GET /subscriptions/{s}/resources
  http::Reply list_by_group(http::Request& req);  // GET /subscriptions/{s}/resourceGroups/{rg}/resources
  http::Reply read(http::Request& req);           // GET    .../providers/{ns}/{*rest}: resource or collection
  http::Reply remove(http::Request& req);         // DELETE .../providers/{ns}/{*rest}: 200 / 204
  http::Reply write(http::Request& req);          // PUT/PATCH/POST .../providers/{ns}/{*rest}: validate, then 501

private:
  ProviderPath resolve(http::Request& req, const char* verb) const;
  const GenericResourceService& svc_;
};

}  // namespace azemu::arm
