// HTTP glue for resource providers (Spec: resources.json Providers_*).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"

namespace azemu::arm {

class ProviderHandlers {
public:
  explicit ProviderHandlers(const ProviderService& svc) : svc_(svc) {}

  http::Reply list(http::Request& req);                   // GET  /subscriptions/{s}/providers ($expand ignored)
  http::Reply get(http::Request& req);                    // GET  /subscriptions/{s}/providers/{ns}
  http::Reply register_provider(http::Request& req);      // POST /subscriptions/{s}/providers/{ns}/register
  http::Reply unregister_provider(http::Request& req);    // POST /subscriptions/{s}/providers/{ns}/unregister
  http::Reply list_at_tenant(http::Request& req);         // GET  /providers
  http::Reply get_at_tenant(http::Request& req);          // GET  /providers/{ns}

private:
  const ProviderService& svc_;
};

}  // namespace azemu::arm
