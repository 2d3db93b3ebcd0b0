#include "vm-sim/guest/guest_image.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm {

namespace {
std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

GuestImageSources GuestImageSources::defaults() {
  GuestImageSources s;
  s.build_script = env_or("AZEMU_GUEST_SCRIPT", AZEMU_GUEST_SCRIPT);
  s.agent = env_or("AZEMU_GUEST_AGENT", AZEMU_GUEST_AGENT);
  s.ade_handler = env_or("AZEMU_ADE_HANDLER", AZEMU_ADE_HANDLER);
  s.uml_preload = env_or("AZEMU_UML_PRELOAD", AZEMU_UML_PRELOAD);
  return s;
}

bool GuestImageSources::available() const { return missing().empty(); }

std::string GuestImageSources::missing() const {
  if (access(kernel.c_str(), X_OK) != 0) return kernel + " (package user-mode-linux)";
  if (access(build_script.c_str(), R_OK) != 0) return build_script;
  if (access(agent.c_str(), X_OK) != 0) return agent + " (build target azemu-guest-agent)";
  return {};
}

GuestImage ensure_guest_image(const std::string& data_dir, const GuestImageSources& sources) {
  if (auto what = sources.missing(); !what.empty()) throw std::runtime_error("cannot build the guest image: missing " + what);
  std::string out = data_dir + "/guest";
  std::filesystem::create_directories(out);
  std::string command = "bash " + shell_quote(sources.build_script) + " --out " + shell_quote(out) + " --agent " +
                        shell_quote(sources.agent);
  // The ADE handler is optional (a build without it still boots VMs; the extension then never runs).
  if (!sources.ade_handler.empty() && access(sources.ade_handler.c_str(), X_OK) == 0)
    command += " --ade-handler " + shell_quote(sources.ade_handler);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + sources.build_script);
  std::string output, last_line;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) output += buf.data();
  int status = pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("guest image build failed (" + sources.build_script + "); see its messages above");
  while (!output.empty() && output.back() == '\n') output.pop_back();
  last_line = output.substr(output.rfind('\n') == std::string::npos ? 0 : output.rfind('\n') + 1);
  GuestImage image;
  std::ifstream env(last_line + "/guest.env");
  for (std::string line; std::getline(env, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "KERNEL") image.kernel = value;
    if (key == "OS_IMAGE") image.os_image = value;
    if (key == "INITRD") image.initrd = value;
    if (key == "HASH") image.hash = value;
  }
  if (!sources.uml_preload.empty() && access(sources.uml_preload.c_str(), R_OK) == 0) image.uml_preload = sources.uml_preload;
  if (image.kernel.empty() || image.os_image.empty())
    throw std::runtime_error("guest image build left no guest.env in " + last_line);
  return image;
}

}  // namespace azemu::vm
