// ports::PlatformKeyVault over this vault's services: the compute platform's own calls for Azure
// Disk Encryption. They go through KeyService/SecretService like a routed call (same rules:
// disabled/deleted objects, key_ops, algorithms), are authorized by the vault's
// enabledForDiskEncryption instead of an access policy (as Azure authorizes the platform), and
// each writes one AuditEvent under the platform's identity (ports::kPlatformObjectId).
#pragma once

#include "emulator/ports/platform_key_vault.hpp"
#include "fake-keyvault/mount.hpp"

#include <memory>

namespace azemu::kv {

std::unique_ptr<ports::PlatformKeyVault> make_platform_key_vault(KvDeps& deps);

}  // namespace azemu::kv
