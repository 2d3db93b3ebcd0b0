// What the extension remembers between runs, in its own files under
// /var/lib/azure_disk_encryption_config (research/ade.md §1.3): the encryption config
// (azure_crypt_config.ini: secret id, volume type, key file name, the sequence number that created
// the secret) and the encryption marker (azure_crypt_request_queue.ini: the pending command that
// tells the next `enable` to start encrypting; its decryption twin for DisableEncryption). Never
// the passphrase: the platform gives it back through the BEK volume.
#pragma once

#include "vm-sim/ade/handler_paths.hpp"

#include <map>
#include <optional>
#include <string>

namespace azemu::vm::ade {

/// One-section ini file as Python's ConfigParser writes it ("[section]" then "key = value").
class IniFile {
 public:
  IniFile(std::filesystem::path path, std::string section) : path_(std::move(path)), section_(std::move(section)) {}
  bool exists() const;
  /// Values of the file's section; empty when the file is missing.
  std::map<std::string, std::string> read() const;
  /// Replaces the file (0600, tmp + rename).
  void write(const std::map<std::string, std::string>& values) const;
  void remove() const;

 private:
  std::filesystem::path path_;
  std::string section_;
};

struct EncryptionConfig {
  std::string secret_id;
  std::string volume_type;
  std::string passphrase_file_name;
  std::optional<int> secret_seq_num;
};

struct EncryptionMarker {
  std::string command;      // EnableEncryption | EnableEncryptionFormatAll | ...
  std::string volume_type;
};

/// The data volume the daemon is encrypting (ADE's azure_crypt_ongoing_item_config.ini), written
/// before its device changes so that a daemon restarted after a reboot can finish it.
struct OngoingItem {
  std::string mapper_name, device, mount_point, fs_type;
  std::string persistent_device;  // crypttab's device name
  std::string key_file;           // in-VM path of the key file (crypttab's)
};

class AdeState {
 public:
  explicit AdeState(const HandlerPaths& paths);

  std::optional<EncryptionConfig> config() const;
  void save_config(const EncryptionConfig& c) const;
  void clear_config() const;

  std::optional<EncryptionMarker> marker() const;
  void mark_encryption(const EncryptionMarker& m) const;
  void clear_marker() const;
  bool decryption_marked() const;
  /// The DisableEncryption request the decryption daemon works on (azure_crypt_decrypt_request_queue.ini).
  void mark_decryption(const EncryptionMarker& m) const;
  void clear_decryption_marker() const;

  std::optional<OngoingItem> ongoing_item() const;
  void save_ongoing_item(const OngoingItem& item) const;
  void clear_ongoing_item() const;

 private:
  IniFile config_, marker_, decrypt_marker_, ongoing_;
};

}  // namespace azemu::vm::ade
