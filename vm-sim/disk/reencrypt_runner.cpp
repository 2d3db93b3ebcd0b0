// Offline resume of LUKS2 reencryption, the C API equivalent of `cryptsetup repair` followed by
// `cryptsetup reencrypt --resume-only --force-offline-reencrypt` (cryptsetup 2.6.1
// src/cryptsetup.c luks2_reencrypt_repair, src/utils_reencrypt.c reencrypt_luks2_load).
#include "vm-sim/disk/reencrypt_runner.hpp"

#include "vm-sim/disk/disk_error.hpp"

#include <libcryptsetup.h>

#include <algorithm>
#include <cerrno>

namespace azemu::vm::disk {

namespace {

struct ProgressState {
  const ProgressFn* progress = nullptr;
  int last_percent = -1;
};

int on_progress(uint64_t size, uint64_t offset, void* usrptr) {
  auto* state = static_cast<ProgressState*>(usrptr);
  if (state->progress == nullptr || !*state->progress) return 0;
  const int percent = size == 0 ? 100 : static_cast<int>(std::min<uint64_t>(100, offset * 100 / size));
  if (percent == state->last_percent) return 0;
  state->last_percent = percent;
  return (*state->progress)(percent) == ProgressVerdict::stop ? 1 : 0;
}

}  // namespace

ReencryptOutcome run_offline_reencryption(const std::function<CryptDevice()>& open, const std::string& passphrase,
                                          const ProgressFn& progress, const std::string& what) {
  CryptDevice dev = open();
  if (crypt_reencrypt_status(dev.get(), nullptr) == CRYPT_REENCRYPT_CRASH) {
    // The last run died inside a hotzone: replay it from the resilience data (checksums or the
    // datashift backup segment) before going on.
    crypt_params_reencrypt recovery{};
    recovery.flags = CRYPT_REENCRYPT_RECOVERY;
    dev.check(crypt_reencrypt_init_by_passphrase(dev.get(), nullptr, passphrase.data(), passphrase.size(),
                                                 CRYPT_ANY_SLOT, CRYPT_ANY_SLOT, nullptr, nullptr, &recovery),
              "reencryption recovery " + what);
    dev = open();
  }

  crypt_params_reencrypt params{};
  const crypt_reencrypt_info status = crypt_reencrypt_status(dev.get(), &params);
  if (status == CRYPT_REENCRYPT_NONE) return ReencryptOutcome::finished;
  if (status != CRYPT_REENCRYPT_CLEAN)
    throw DiskError("resume reencryption " + what, EINVAL, "reencryption metadata is invalid");
  // As the CLI's reencrypt_verify_and_update_params(): keep the stored resilience and sizes
  // (NULL/0 mean "as recorded in the header"); passing the reported values back is refused (EINVAL).
  params.resilience = nullptr;
  params.hash = nullptr;
  params.max_hotzone_size = 0;
  params.device_size = 0;
  params.flags = CRYPT_REENCRYPT_RESUME_ONLY;
  // name == NULL: offline, the library rewrites the file itself (no device-mapper needed).
  dev.check(crypt_reencrypt_init_by_passphrase(dev.get(), nullptr, passphrase.data(), passphrase.size(),
                                               CRYPT_ANY_SLOT, CRYPT_ANY_SLOT, nullptr, nullptr, &params),
            "resume reencryption " + what);

  ProgressState state{&progress};
  dev.check(crypt_reencrypt_run(dev.get(), &on_progress, &state), "reencrypt " + what);
  return crypt_reencrypt_status(dev.get(), nullptr) == CRYPT_REENCRYPT_NONE ? ReencryptOutcome::finished
                                                                           : ReencryptOutcome::interrupted;
}

}  // namespace azemu::vm::disk
