// DisableEncryption for one data volume inside the guest: the reverse of data_volume_encryptor.
//   umount -> cryptsetup close -> cryptsetup reencrypt --decrypt --header <state dir file> (the
//   attached LUKS2 header with its 16 MiB data shift can only be decrypted through a detached header
//   in cryptsetup 2.6.1: the header moves to that file and the data moves back to offset 0) ->
//   e2fsck -> resize2fs (the file system gets back the 32 MiB encryption took) -> fstab line from
//   /etc/fstab.azure.backup, crypttab line dropped -> mount the plain device.
// An interrupted decryption is resumed from the header file (reencrypt --resume-only).
#pragma once

#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/crypt_config_files.hpp"
#include "vm-sim/ade/encryption_status.hpp"
#include "vm-sim/ade/handler_paths.hpp"

#include <functional>
#include <optional>
#include <string>

namespace azemu::vm::ade {

class DataVolumeDecryptor {
 public:
  using LogFn = std::function<void(const std::string&)>;
  DataVolumeDecryptor(const HandlerPaths& paths, CommandRunner& runner, LogFn log)
      : paths_(paths), runner_(runner), log_(std::move(log)) {}

  /// Decrypts the crypttab item; `mounted` is where /dev/mapper/<name> is mounted now (if it is).
  /// `on_percent` sees the reencrypt progress. Throws std::runtime_error naming the failed step.
  void decrypt(const CrypttabEntry& item, const std::optional<MountEntry>& mounted,
               const std::function<void(int)>& on_percent);

  /// Where the header of `mapper_name` waits while its volume is decrypted.
  std::filesystem::path decrypt_header(const std::string& mapper_name) const;

 private:
  CommandResult must(const std::vector<std::string>& argv, const std::string& step,
                     const std::function<void(const std::string&)>& on_line = {});

  const HandlerPaths& paths_;
  CommandRunner& runner_;
  LogFn log_;
};

}  // namespace azemu::vm::ade
