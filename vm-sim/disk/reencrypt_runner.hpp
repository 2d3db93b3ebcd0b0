// Drives an initialised LUKS2 reencryption (encrypt, decrypt or re-key) to its end, offline:
// crash recovery when the header says the last run died mid-hotzone, then resume, reporting
// progress. Shared by luks_encrypt.cpp and luks_decrypt.cpp. Internal to vm-sim/disk/.
#pragma once

#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/luks_model.hpp"

#include <functional>
#include <string>

namespace azemu::vm::disk {

/// `open` (re)creates the handle: recovery needs a fresh load afterwards. Returns `interrupted`
/// when `progress` asked to stop; the header then still says "in progress". Throws DiskError.
ReencryptOutcome run_offline_reencryption(const std::function<CryptDevice()>& open, const std::string& passphrase,
                                          const ProgressFn& progress, const std::string& what);

}  // namespace azemu::vm::disk
