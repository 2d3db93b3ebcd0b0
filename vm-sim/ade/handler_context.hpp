// The extension-handler side of the guest agent's contract (vm-sim/agent/agent_extensions.hpp,
// research/ade.md §1.5): the handler runs in its folder /var/lib/waagent/<Publisher>.<Type>-<ver>/
// with ConfigSequenceNumber=<seq> in its environment, reads HandlerEnvironment.json for the config,
// status and log folders, reads config/<seq>.settings and writes status/<seq>.status atomically.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace azemu::vm::ade {

class HandlerContext {
 public:
  /// Loads `<handler_dir>/HandlerEnvironment.json`. The sequence number is ConfigSequenceNumber
  /// when set, else the highest N of config/N.settings (as HandlerUtil does). Throws
  /// std::runtime_error when the environment file is missing or unreadable.
  static HandlerContext load(const std::filesystem::path& handler_dir);

  int seq() const { return seq_; }
  /// The handler folder (where mrseq and the handler's own bookkeeping live).
  const std::filesystem::path& dir() const { return dir_; }
  /// "0.1" from a folder named "...AzureDiskEncryptionForLinux-0.1"; "" when the name has no version.
  const std::string& handler_version() const { return handler_version_; }
  const std::filesystem::path& status_dir() const { return status_dir_; }
  const std::filesystem::path& log_dir() const { return log_dir_; }

  /// runtimeSettings[0].handlerSettings of config/<seq>.settings; throws when absent or malformed.
  nlohmann::json handler_settings() const;

  /// Writes status/<seq>.status (tmp file + rename, so a reader never sees half a file).
  void write_status(const nlohmann::json& status_file) const;
  /// The status file last written for <seq>, if any (re-reported when a sequence number repeats).
  std::optional<nlohmann::json> read_status() const;

  /// The most recently handled sequence number (file "mrseq" in the handler folder, as
  /// HandlerUtil.save_seq keeps it); nullopt before the first save.
  std::optional<int> last_handled_seq() const;
  void save_seq() const;

  /// Appends one time-stamped line to <logFolder>/extension.log and stderr.
  void log(const std::string& line) const;

 private:
  std::filesystem::path dir_, config_dir_, status_dir_, log_dir_;
  std::string handler_version_;
  int seq_ = 0;
};

}  // namespace azemu::vm::ade
