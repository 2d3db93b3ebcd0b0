#include "vm-sim/agent/agent_extensions.hpp"

#include "vm-sim/agent/agent_protocol.hpp"
#include "vm-sim/agent/agent_run.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm::agent {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

/// name -> handler folder and latest sequence number; the agent's own bookkeeping.
fs::path index_path() { return fs::path(kWaagentDir) / "azemu-extensions.json"; }

json load_index() {
  std::ifstream in(index_path());
  if (!in) return json::object();
  json index = json::parse(in, nullptr, false);
  return index.is_object() ? index : json::object();
}

void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
  chmod(tmp.c_str(), mode);
  fs::rename(tmp, path);
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
/// exactly that version and unzips it into the handler folder; here the package is in the image and
/// its HandlerManifest.json is copied into the folder, so the folder looks the same to the handler.
/// A version the image has no package for gets its settings stored and nothing started.
void install_manifest(const fs::path& dir) {
  fs::path source = fs::path("/usr/lib/azemu/extensions") / dir.filename() / "HandlerManifest.json";
  std::error_code ec;
  if (!fs::exists(source, ec)) return;
  fs::copy_file(source, dir / "HandlerManifest.json", fs::copy_options::overwrite_existing);
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
  std::string folder = request.value("publisher", std::string()) + "." + request.value("type", name) + "-" +
                       request.value("version", std::string("1.0"));
  if (folder.find('/') != std::string::npos || folder.find("..") != std::string::npos)
    throw std::runtime_error("invalid extension folder " + folder);
  int seq = request.at("seq");
  fs::path dir = fs::path(kWaagentDir) / folder;
  fs::create_directories(dir / "config");
  install_manifest(dir);
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
  if (auto enable = manifest_command(dir, "enableCommand"); !enable.empty()) spawn_detached(dir, enable, seq);
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
