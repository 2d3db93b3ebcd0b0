// Wire mapping of token and device-code responses. v2 (and ADFS) answers use JSON numbers; the v1
// endpoint answers every number as a string and adds resource/expires_on/not_before, as Entra's
// v1 endpoint does (the ADE extension and ADAL read those).
#pragma once

#include "fake-aad/token/device_code_service.hpp"
#include "fake-aad/token/token_service.hpp"

#include <nlohmann/json.hpp>

namespace azemu::aad {

nlohmann::json token_response_v2(const TokenResult& r);
nlohmann::json token_response_v1(const TokenResult& r);
nlohmann::json device_code_response_v2(const DeviceAuthorization& d);
nlohmann::json device_code_response_v1(const DeviceAuthorization& d);

}  // namespace azemu::aad
