// The data directory: creates it (0700) and the first-start artefacts every command needs —
// identity.json (the seeded tenant, subscription, bootstrap SP and admin user, 0600), the CA and
// the CA bundle, the token signing key. The SQLite file lives here too (azemu.db).
#pragma once

#include "emulator/app/config.hpp"
#include "emulator/ports/seed.hpp"

#include <string>

namespace azemu::app {

class DataDir {
public:
  explicit DataDir(std::string abs_path);

  const std::string& path() const { return path_; }
  std::string db_path() const { return path_ + "/azemu.db"; }
  std::string signing_key_path() const { return path_ + "/token-signing-key.pem"; }
  std::string ca_bundle_path() const { return path_ + "/ca-bundle.pem"; }
  std::string ca_path() const { return path_ + "/ca.pem"; }

  /// Loads identity.json, or generates the identities (taking the `fixed` ones) and writes it (0600)
  /// on first use. Throws std::runtime_error when a fixed identity is malformed, or differs from the
  /// one this data dir already has (a new --data-dir, or removing it, is the way to change them).
  ports::Seed load_or_create_seed(const FixedIdentities& fixed = {}) const;
  /// 32 random bytes from master.key (0600), created on first use: encrypts key material at rest.
  std::string load_or_create_master_key() const;

private:
  std::string path_;
};

}  // namespace azemu::app
