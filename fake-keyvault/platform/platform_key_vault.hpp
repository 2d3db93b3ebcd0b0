// ports::PlatformKeyVault over the data plane's own services (DataPlane: the same KeyService and its key cache as
// the routes): the compute platform's calls for Azure Disk Encryption. They run through the routes' wrapper,
// run_audited (same rules: disabled/deleted objects, key_ops, algorithms; one audit row each, under the platform's
// identity ports::kPlatformObjectId), with one difference: the platform is admitted by the vault's
// enabledForDiskEncryption instead of an access policy, as Azure authorizes it.
#pragma once

#include "emulator/ports/platform_key_vault.hpp"
#include "fake-keyvault/mount.hpp"

#include <memory>

namespace azemu::kv {

std::unique_ptr<ports::PlatformKeyVault> make_platform_key_vault(DataPlane& plane);

}  // namespace azemu::kv
