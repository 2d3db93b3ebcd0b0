// The vault scope's auth policy: Key Vault audiences for the host the client used, and the 401
// answer with the Bearer challenge the SDKs' ChallengeAuthPolicy parses (az-wire.md §3.7: the
// resource must be a suffix of the vault host, port included). Every 401 is audited as
// "Authentication". An unknown vault answers 404 VaultNotFound before any challenge.
#pragma once

#include "emulator/http/router.hpp"
#include "fake-keyvault/mount.hpp"

#include <memory>
#include <string>

namespace azemu::kv {

/// `Bearer authorization="<login authority>/<tenant>", resource="<vault resource>"` for this host.
std::string challenge_header(const cloud::HostNames& names, const http::Request& req, const std::string& tenant);
/// The resource (token audience) clients should ask for, as the challenge states it.
std::string vault_resource(const cloud::HostNames& names, const http::Request& req);

std::shared_ptr<const http::AuthPolicy> kv_auth_policy(KvDeps& deps);

}  // namespace azemu::kv
