// Random identifiers in the shapes Azure uses: GUIDs (tenants, object ids, operation ids),
// 32-hex versions (Key Vault), random secrets. Uses OpenSSL's CSPRNG.
#pragma once

#include <string>
#include <string_view>

namespace azemu::ids {

/// A random v4 GUID, lower case ("3f2504e0-4f89-41d3-9a0c-0305e82c3301").
std::string new_guid();
/// `n` random bytes (binary).
std::string random_octets(std::size_t n);
/// `bytes` random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);
/// A random secret of `length` characters from [A-Za-z0-9~._-] (Entra client secret alphabet).
std::string random_secret(std::size_t length);
/// A client secret shaped like Entra's: 40 characters, "<3-character hint>8Q~<34 characters>" from that
/// alphabet, never starting with '-' (a secret that does is read as an option: `az login -p -x...`).
std::string entra_client_secret();
/// True when `s` has the 8-4-4-4-12 hex shape.
bool is_guid(std::string_view s);
/// A GUID derived from a name (SHA-256 based, stable across runs), for deterministic ids.
std::string name_guid(std::string_view name);

}  // namespace azemu::ids
