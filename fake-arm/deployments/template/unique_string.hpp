// ARM's uniqueString() and guid() algorithms, bit-exact so names derived from them match Azure:
//   uniqueString: the arguments joined with '-', UTF-8, hashed with Microsoft's 64-bit Murmur
//     variant (Microsoft.PowerPlatform.ResourceStack ComputeHash.MurmurHash64, seed 0), printed as
//     13 characters of base32 "abcdefghijklmnopqrstuvwxyz234567" taking 5 bits at a time from the top.
//   guid: RFC 4122 version 5 (SHA-1) UUID of the '-'-joined UTF-8 arguments in ARM's namespace
//     11fb06fb-712d-4ddd-98c7-e71bbd588830.
// Source: the ResourceStack algorithm as reimplemented in Kudu's HashHelper and
// Azure.Deployments.Expression ports (same constants in both).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace azemu::arm::tmpl {

std::uint64_t murmur_hash64(std::string_view data, std::uint32_t seed = 0);
std::string unique_string(std::string_view joined_arguments);
/// Lower-case 8-4-4-4-12 text. Implemented in crypto_name_guid.cpp (SHA-1 through OpenSSL).
std::string arm_guid(std::string_view joined_arguments);

}  // namespace azemu::arm::tmpl
