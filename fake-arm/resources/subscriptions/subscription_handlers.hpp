// HTTP glue for tenants, subscriptions and locations (Spec: resources/subscriptions.json).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

namespace azemu::arm {

class SubscriptionHandlers {
public:
  explicit SubscriptionHandlers(const SubscriptionService& svc) : svc_(svc) {}

  http::Reply list_tenants(http::Request& req);    // GET /tenants
  http::Reply list(http::Request& req);            // GET /subscriptions
  http::Reply get(http::Request& req);             // GET /subscriptions/{subscriptionId}
  http::Reply list_locations(http::Request& req);  // GET /subscriptions/{subscriptionId}/locations

private:
  const SubscriptionService& svc_;
};

}  // namespace azemu::arm
