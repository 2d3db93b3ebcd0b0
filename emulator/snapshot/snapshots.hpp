// `azemu snapshot save|restore|list|delete`: the whole cloud of a data dir kept under
// <data-dir>/snapshots/NAME/ — azemu.db (SQLite online backup, store/backup.hpp), the disk images
// and per-VM folders (disks/, vms/: reflink or sparse copies, fs/clone_file.hpp) and manifest.json.
// Not in a snapshot: master.key, the CA, the token signing key and identity.json — the data dir's
// identity, which sealed key material and issued tokens depend on. A snapshot is therefore only
// restored into the data dir that saved it (manifest "dataDirId", a hash of the master key).
//
// Guests: before a save the running VMs' guests are stopped (disks quiesced, the database still
// says running) and booted again after; before a restore every guest is stopped, the folders are
// swapped in with renameat2(RENAME_EXCHANGE), the database replaced in one transaction, and the VMs
// the snapshot recorded as running booted again. A restore that fails before the database is
// replaced swaps the folders back: the cloud is left as it was. The guest side is a pair of
// callbacks (wired to fake-arm in services.cpp) so this folder knows no Azure service.
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <mutex>
#include <string>

namespace azemu::snapshot {

struct Guests {
  /// Stops the guest of every running VM without changing what the database says; returns how many.
  std::function<std::size_t()> stop_running;
  /// Boots the VMs the database says are running; `after_restore`: first end the operations the
  /// snapshot caught in flight (no worker runs them any more). Returns how many VMs boot.
  std::function<std::size_t(bool after_restore)> start_running;
};

/// True for names made of letters, digits, '.', '_' and '-' (not starting with '.'), 1-80 long.
bool valid_name(const std::string& name);

class Snapshots {
public:
  /// `data_dir`: absolute; `data_dir_id`: what ties a snapshot to this data dir (see above).
  Snapshots(std::string data_dir, std::string data_dir_id, store::Database& db, const exec::Clock& clock, Guests guests);

  /// Throws AzureError: 400 InvalidSnapshotName, 409 SnapshotExists.
  nlohmann::json save(const std::string& name);
  /// Throws AzureError: 400 InvalidSnapshotName, 404 SnapshotNotFound, 409 SnapshotIncompatible.
  nlohmann::json restore(const std::string& name);
  /// {"value": [manifest + sizeBytes, by name]}.
  nlohmann::json list() const;
  /// Throws AzureError 404 SnapshotNotFound.
  void remove(const std::string& name);

  std::string folder() const { return data_dir_ + "/snapshots"; }

private:
  std::string checked_path(const std::string& name) const;

  std::string data_dir_;
  std::string data_dir_id_;
  store::Database& db_;
  const exec::Clock& clock_;
  Guests guests_;
  std::mutex mutex_;  // one save/restore/delete at a time
};

/// sha256(master key) in hex, first 32 characters: names a data dir without revealing its key.
std::string data_dir_id(const std::string& master_key);

}  // namespace azemu::snapshot
