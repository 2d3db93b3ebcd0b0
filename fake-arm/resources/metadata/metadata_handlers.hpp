// GET /metadata/endpoints (also "//metadata/endpoints", which az sends): the cloud description
// Azure Stack Hub serves, for `az cloud register --endpoint-resource-manager` (az-wire §2.2).
// Anonymous, like the real endpoint. Both the old object keys and the newer list-format keys.
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::arm {

class MetadataHandlers {
public:
  explicit MetadataHandlers(const cloud::HostNames& names) : names_(names) {}
  http::Reply endpoints(http::Request& req);

private:
  const cloud::HostNames& names_;
};

}  // namespace azemu::arm
