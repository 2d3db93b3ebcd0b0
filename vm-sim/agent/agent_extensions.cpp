#include "vm-sim/agent/agent_extensions.hpp"

#include "emulator/fs/replace_file.hpp"
#include "vm-sim/agent/agent_protocol.hpp"
#include "vm-sim/agent/agent_run.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm::agent {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// name -> handler folder and latest sequence number; the agent's own bookkeeping.
fs::path index_path() { return fs::path(kWaagentDir) / "azemu-extensions.json"; }

json load_index() {
  std::ifstream in(index_path());
  if (!in) return json::object();
  json index = json::parse(in, nullptr, false);
  return index.is_object() ? index : json::object();
}

// Durable: the index is what the agent re-runs at boot, and a guest killed with azemu loses its page cache.
void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  azemu::files::replace_file_durably(path.string(), text, mode);
}

void save_index(const json& index) { write_file(index_path(), index.dump(2), 0600); }

/// Starts `command` in `dir` fully detached (double fork: the agent never waits for a handler).
void spawn_detached(const fs::path& dir, const std::string& command, int seq) {
  pid_t pid = fork();
  if (pid == 0) {
    if (fork() != 0) _exit(0);
    setsid();
    if (chdir(dir.c_str()) != 0) _exit(127);
    int log = open((dir / "handler.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(log, 1);
    dup2(log, 2);
    std::string seq_env = "ConfigSequenceNumber=" + std::to_string(seq);
    const char* env[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", seq_env.c_str(), nullptr};
    execle("/bin/sh", "sh", "-c", command.c_str(), nullptr, env);
    _exit(127);
  }
  if (pid > 0) waitpid(pid, nullptr, 0);
}

/// Where the guest image installs extension packages (build-guest.sh --ade-handler), one folder per
/// <Publisher>.<Type>-<version> like the handler folder itself. Azure's agent downloads the package of
/// that version and unzips it into the handler folder; here the package is in the image and its
/// HandlerManifest.json is copied into the folder, so the folder looks the same to the handler.
constexpr const char* kPackagesDir = "/usr/lib/azemu/extensions";

/// "1.4.0.12" -> {1,4,0,12}; empty when a part is not a number.
std::vector<int> version_parts(const std::string& v) {
  std::vector<int> parts;
  std::stringstream s(v);
  for (std::string p; std::getline(s, p, '.');) {
    if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos) return {};
    parts.push_back(std::stoi(p));
  }
  return parts;
}

/// The package for `<prefix>-<version>`: that exact folder, else (autoUpgradeMinorVersion, which the
/// CLI always sets) the highest installed version with the same major that is not older.
std::optional<fs::path> find_package(const std::string& prefix, const std::string& version) {
  fs::path exact = fs::path(kPackagesDir) / (prefix + "-" + version);
  std::error_code ec;
  if (fs::exists(exact / "HandlerManifest.json", ec)) return exact;
  auto wanted = version_parts(version);
  if (wanted.empty()) return std::nullopt;
  std::optional<fs::path> best;
  std::vector<int> best_parts;
  for (const auto& e : fs::directory_iterator(kPackagesDir, ec)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with(prefix + "-")) continue;
    auto parts = version_parts(name.substr(prefix.size() + 1));
    if (parts.empty() || parts[0] != wanted[0] || parts < wanted || !fs::exists(e.path() / "HandlerManifest.json", ec)) continue;
    if (!best || parts > best_parts) best = e.path(), best_parts = parts;
  }
  return best;
}

/// Copies the package's manifest into the handler folder; false when the image has no package.
bool install_manifest(const fs::path& dir, const std::string& prefix, const std::string& version) {
  auto package = find_package(prefix, version);
  if (!package) return false;
  // Written like the index (durably): without its manifest the handler is not re-run at boot.
  std::ifstream in(*package / "HandlerManifest.json");
  std::stringstream text;
  text << in.rdbuf();
  write_file(dir / "HandlerManifest.json", text.str(), 0644);
  return true;
}

/// What Azure's agent reports when it cannot get a handler (ExtensionErrorCodes.PluginManifestDownloadError,
/// "Failed to download extension"), written as the status file of `seq` so the host sees a failure
/// at once instead of waiting for a handler that will never run.
void report_missing_package(const fs::path& dir, const std::string& prefix, const std::string& version, int seq) {
  const std::string& publisher_type = prefix;  // "<Publisher>.<Type>"
  json status = json::array(
      {{{"version", version},
        {"timestampUTC", utc_now()},
        {"status",
         {{"name", publisher_type},
          {"operation", "Enable"},
          {"status", "error"},
          {"code", 1001},
          {"formattedMessage",
           {{"lang", "en-US"},
            {"message", "Failed to download extension: the handler " + publisher_type + " " + version +
                            " is not available in this guest image (azemu installs extension handlers with the image, "
                            "under " + std::string(kPackagesDir) + ")"}}},
          {"substatus", json::array()}}}}});
  write_file(dir / "status" / (std::to_string(seq) + ".status"), status.dump(), 0644);
}

std::string manifest_command(const fs::path& dir, const char* which) {
  std::ifstream in(dir / "HandlerManifest.json");
  if (!in) return {};
  json manifest = json::parse(in, nullptr, false);
  if (manifest.is_array() && !manifest.empty()) manifest = manifest[0];
  if (!manifest.is_object()) return {};
  auto hm = manifest.value("handlerManifest", json::object());
  return hm.is_object() ? hm.value(which, std::string()) : std::string();
}
}  // namespace

void deliver_settings(const json& request) {
  std::string name = request.at("name");
  std::string prefix = request.value("publisher", std::string()) + "." + request.value("type", name);
  std::string version = request.value("version", std::string("1.0"));
  std::string folder = prefix + "-" + version;
  if (folder.find('/') != std::string::npos || folder.find("..") != std::string::npos)
    throw std::runtime_error("invalid extension folder " + folder);
  int seq = request.at("seq");
  fs::path dir = fs::path(kWaagentDir) / folder;
  fs::create_directories(dir / "config");
  bool installed = install_manifest(dir, prefix, version);
  fs::create_directories(dir / "status");
  fs::create_directories(dir / "log");
  json env = json::array({{{"name", name},
                           {"version", 1.0},
                           {"handlerEnvironment",
                            {{"logFolder", (dir / "log").string()},
                             {"configFolder", (dir / "config").string()},
                             {"statusFolder", (dir / "status").string()},
                             {"heartbeatFile", (dir / "heartbeat.log").string()}}}}});
  write_file(dir / "HandlerEnvironment.json", env.dump(), 0644);
  json settings = {{"runtimeSettings",
                    json::array({{{"handlerSettings",
                                   {{"protectedSettingsCertThumbprint", nullptr},
                                    {"protectedSettings", request.value("protected_settings", json::object())},
                                    {"publicSettings", request.value("settings", json::object())}}}}})}};
  write_file(dir / "config" / (std::to_string(seq) + ".settings"), settings.dump(), 0600);
  json index = load_index();
  index[name] = {{"dir", dir.string()}, {"seq", seq}};
  save_index(index);
  if (!installed && manifest_command(dir, "enableCommand").empty()) {
    report_missing_package(dir, prefix, version, seq);
    return;
  }
  if (auto enable = manifest_command(dir, "enableCommand"); !enable.empty()) spawn_detached(dir, enable, seq);
}

void resume_extensions_at_boot() {
  // Once per boot (/run is a tmpfs): init respawns the agent if it dies, which is not a boot.
  const fs::path done = "/run/azemu-extensions-resumed";
  std::error_code ec;
  if (fs::exists(done, ec)) return;
  std::ofstream(done) << "1\n";
  json index = load_index();
  for (auto& [name, entry] : index.items()) {
    fs::path dir = entry.value("dir", std::string());
    int seq = entry.value("seq", 0);
    if (auto enable = manifest_command(dir, "enableCommand"); !enable.empty()) spawn_detached(dir, enable, seq);
  }
}

json read_status(const std::string& name) {
  json index = load_index();
  if (!index.contains(name)) throw std::runtime_error("extension " + name + " was never delivered");
  fs::path dir = index[name].at("dir").get<std::string>();
  int seq = index[name].at("seq");
  std::ifstream in(dir / "status" / (std::to_string(seq) + ".status"));
  if (!in) return {{"seq", nullptr}};
  json status = json::parse(in, nullptr, false);
  if (status.is_discarded()) return {{"seq", nullptr}};  // the handler is mid-write: not reported yet
  return {{"seq", seq}, {"status", status}};
}

void remove_extension(const std::string& name) {
  json index = load_index();
  if (!index.contains(name)) return;
  fs::path dir = index[name].at("dir").get<std::string>();
  if (auto uninstall = manifest_command(dir, "uninstallCommand"); !uninstall.empty())
    run_script("cd '" + dir.string() + "' && " + uninstall, 300);
  fs::remove_all(dir);
  index.erase(name);
  save_index(index);
}

}  // namespace azemu::vm::agent
