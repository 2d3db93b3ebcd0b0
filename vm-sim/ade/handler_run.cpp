// enable(): the dispatch in the header's diagram, the status report with its memory, and the
// DisableEncryption request. Messages and codes are the extension's (handle.py, DP 0.1.0.999348,
// SP 1.4.0.12).
#include "vm-sim/ade/handler_run.hpp"

#include "emulator/fs/replace_file.hpp"
#include "vm-sim/ade/encryption_daemon.hpp"
#include "vm-sim/ade/encryption_status.hpp"

#include "emulator/json/strings.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace azemu::vm::ade {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
std::string utc_timestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// validate_vfat: the guest loads vfat at boot; /proc/filesystems says whether it is there. Under
/// a test root without that file the check cannot fail (nothing to look at).
PrecheckEnvironment precheck_environment(const HandlerPaths& paths) {
  PrecheckEnvironment env;
  std::ifstream in(paths.at("/proc/filesystems"));
  if (!in) return env;
  std::string line;
  env.vfat_available = false;
  while (std::getline(in, line))
    if (line.find("vfat") != std::string::npos) env.vfat_available = true;
  return env;
}

/// The un-replaced last result (the status file's message may be the VMRestartPending text, which
/// must not stick once the VM has rebooted), next to mrseq in the handler folder.
fs::path last_report_file(const HandlerContext& ctx) { return ctx.dir() / "azemu_last_report.json"; }

bool root_on_crypt(const HandlerPaths& paths) {
  std::ifstream in(paths.mounts());
  std::stringstream s;
  s << in.rdbuf();
  for (const auto& m : parse_mounts(s.str()))
    if (m.target == "/" && is_crypt_source(m.source)) return true;
  return false;
}
}  // namespace

std::string success_message(const std::string& vt) {
  if (vt == "All") return "Encryption succeeded for all volumes";
  if (vt == "OS") return "Encryption succeeded for OS volume";
  return "Encryption succeeded for data volumes";
}

bool HandlerRun::single_pass() const {
  const std::string& v = ctx_.handler_version();
  return !v.empty() && !v.starts_with("0.");
}

bool HandlerRun::on_real_root() const {
  std::error_code ec;
  return fs::equivalent(paths_.at("/"), "/", ec);
}

int HandlerRun::report(const StatusReport& r) const {
  EncryptionState s = current_encryption_state(paths_, state_);
  ctx_.log("[StatusReport (" + std::to_string(ctx_.seq()) + ")] op: " + r.operation + " status: " + r.status +
           " code: " + std::to_string(r.code) + " msg: " + r.message + " substatus: " + s.to_message());
  ctx_.write_status(build_status_file(r, s, utc_timestamp()));
  json remembered = {{"seq", ctx_.seq()}, {"operation", r.operation}, {"status", r.status}, {"code", r.code}, {"message", r.message}};
  files::replace_file_durably(last_report_file(ctx_).string(), remembered.dump(), 0600);
  return r.code;
}

std::optional<StatusReport> HandlerRun::last_report_any() const {
  std::ifstream in(last_report_file(ctx_));
  json j = json::parse(in, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  return StatusReport{j.value("operation", ""), j.value("status", ""), j.value("code", 0), j.value("message", "")};
}

std::optional<StatusReport> HandlerRun::last_report() const {
  std::ifstream in(last_report_file(ctx_));
  json j = json::parse(in, nullptr, false);
  if (j.is_object() && j.value("seq", -1) == ctx_.seq())
    return StatusReport{j.value("operation", ""), j.value("status", ""), j.value("code", 0), j.value("message", "")};
  // Written by a handler that did not keep the file: the status file is the next best thing.
  auto file = ctx_.read_status();
  if (!file || !file->is_array() || file->empty()) return std::nullopt;
  json st = (*file)[0].value("status", json::object());
  std::string code = st.value("code", std::string("0"));
  return StatusReport{st.value("operation", ""), st.value("status", ""), std::atoi(code.c_str()),
                      st.value("formattedMessage", json::object()).value("message", "")};
}

int HandlerRun::rereport(const StatusReport& fallback) const {
  auto last = last_report();
  return report(last ? *last : fallback);
}

void HandlerRun::retire_done_os_request() const {
  std::error_code ec;
  if (fs::exists(paths_.os_encryption_request(), ec) && root_on_crypt(paths_)) {
    ctx_.log("/ is on dm-crypt: the OS volume request is done, removing " + paths_.os_encryption_request().string());
    fs::remove(paths_.os_encryption_request(), ec);
  }
}

void HandlerRun::start_daemon() const {
  if (start_daemon_) start_daemon_(*this);
}

int HandlerRun::enable() {
  AdeSettings settings;
  try {
    settings = parse_settings(ctx_.handler_settings());
  } catch (const std::exception& e) {
    return report({"Enable", status::kError, code::kConfigurationError, e.what()});
  }
  ctx_.log("Enabling extension (" + std::string(single_pass() ? "single" : "dual") + " pass " + ctx_.handler_version() +
           "): EncryptionOperation=" + settings.operation + " VolumeType=" + settings.volume_type +
           " KeyVaultURL=" + settings.key_vault_url + " KeyEncryptionKeyURL=" + settings.kek_url +
           " AADClientID=" + settings.aad_client_id);
  try {
    if (single_pass()) precheck_single_pass(settings, precheck_environment(paths_));
    else precheck_dual_pass(settings, precheck_environment(paths_));
  } catch (const PrecheckError& e) {
    ctx_.log("PRECHECK: Fatal Exception thrown during precheck");
    return report({"Enable", status::kError, code::kConfigurationError, e.what()});
  }
  retire_done_os_request();

  if (ctx_.last_handled_seq() != ctx_.seq() && daemon_running(paths_)) {
    // reject_settings: new settings while the daemon encrypts or decrypts. The previous result is
    // reported for this sequence number with ADE's message; the settings are not taken (the
    // sequence number is not saved), so the user runs the command again once it is done.
    ctx_.log("the daemon is running: rejecting the settings of sequence " + std::to_string(ctx_.seq()));
    StatusReport previous = last_report_any().value_or(StatusReport{"Enable", status::kTransitioning, code::kSuccess, ""});
    previous.message = "An operation is already in progress. Please wait for it to complete.";
    return report(previous);
  }

  if (state_.decryption_marked()) {
    ctx_.log("decryption mark is there, resuming the daemon.");
    ctx_.save_seq();
    int rc = rereport({"DisableEncryption", status::kSuccess, code::kSuccess, "Decryption started"});
    start_daemon();
    return rc;
  }
  if (state_.marker() && settings.is_enable()) {
    ctx_.save_seq();  // handled: a later run with this number (at boot) re-reports
    if (!single_pass()) {
      // Pass 2 (start_daemon): the same sequence number comes back after the CLI's VM PUT attached
      // the BEK volume. Report the stored secret again, then let the daemon encrypt.
      ctx_.log("encryption mark is there, starting daemon.");
      auto config = state_.config();
      if (!config) return report({"EnableEncryption", status::kError, code::kEncryptionFailed, "Encryption config not found."});
      int rc = report({"EnableEncryption", status::kSuccess, code::kSuccess, config->secret_id});
      start_daemon();
      return rc;
    }
    ctx_.log("encryption mark is there, resuming the daemon.");
    int rc = rereport({"StartEncryption", status::kSuccess, code::kSuccess, "Encryption settings stamped"});
    start_daemon();
    return rc;
  }
  if (ctx_.last_handled_seq() == ctx_.seq() && last_report()) {
    // exit_if_same_seq: the agent re-ran enable for a sequence number already handled (at boot).
    ctx_.log("the sequence number is the same as the last one handled; reporting the last result");
    return rereport({});
  }
  ctx_.save_seq();

  if (settings.is_enable()) return single_pass() ? enable_single_pass(settings) : enable_dual_pass(settings);
  if (settings.operation == operation::kDisable) return disable_encryption(settings);
  return report({"Enable", status::kError, code::kConfigurationError,
                 "Encryption operation " + settings.operation + " is not supported"});
}

int HandlerRun::disable_encryption(const AdeSettings& settings) {
  // disable_encryption(): Linux can only decrypt data volumes, and only while the OS volume is not
  // encrypted. ADE reports any failure here as "Failed to disable the extension with error: <e>,
  // stack trace: <Python traceback>" (code 100); the traceback is the one raise site.
  EncryptionState s = current_encryption_state(paths_, state_);
  if (s.os != "NotEncrypted") {
    const std::string e = "Disabling encryption is not supported when OS volume is encrypted";
    return report({"DisableEncryption", status::kError, code::kUnknownError,
                   "Failed to disable the extension with error: " + e +
                       ", stack trace: Traceback (most recent call last):\n  File \"/var/lib/waagent/" +
                       ctx_.dir().filename().string() + "/main/handle.py\", in disable_encryption\n"
                       "    raise Exception(\"" + e + "\")\nException: " + e + "\n"});
  }
  if (single_pass()) {
    // SP first tells the platform the settings are cleared (the wire-server post azemu's platform
    // does on its side), then decrypts.
    report({"DisableEncryption", status::kSuccess, code::kSuccess, "Encryption settings cleared"});
  }
  state_.mark_decryption({settings.operation, canonical_volume_type(settings.volume_type)});
  int rc = report({"DisableEncryption", status::kSuccess, code::kSuccess, "Decryption started"});
  start_daemon();
  return rc;
}

}  // namespace azemu::vm::ade
