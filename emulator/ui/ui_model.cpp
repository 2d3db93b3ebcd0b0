// See ui_model.hpp.
#include "emulator/ui/ui_model.hpp"
#include "emulator/ui/json_fields.hpp"
#include "emulator/json/strings.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ui/key_chain.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <poll.h>
#include <unistd.h>

namespace azemu::ui {

namespace {
using nlohmann::json;


/// Console bytes as JSON-safe text: printable ASCII, newlines and tabs; escapes and other bytes dropped.
std::string printable(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  bool in_escape = false;
  for (unsigned char c : in) {
    if (in_escape) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) in_escape = false;
      continue;
    }
    if (c == 0x1b) in_escape = true;
    else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) out.push_back(static_cast<char>(c));
  }
  return out;
}

// Read-only commands; the key files on the BEK volume are never read (only crypttab's paths to them).
constexpr const char* kGuestRead =
    "echo --crypttab; cat /etc/crypttab 2>/dev/null; echo --fstab; cat /etc/fstab 2>/dev/null; "
    "echo --mounts; grep '^/dev/mapper/' /proc/mounts 2>/dev/null; echo --end";
}  // namespace

json without_read_times(json j) {
  if (j.is_object()) {
    j.erase("time");
    j.erase("lastHeartbeat");
    for (auto& [k, v] : j.items()) v = without_read_times(std::move(v));
  } else if (j.is_array()) {
    for (auto& v : j) v = without_read_times(std::move(v));
  }
  return j;
}

json parse_guest_read(const std::string& text) {
  json out = {{"crypttab", json::array()}, {"fstab", json::array()}, {"mappings", json::array()}};
  std::istringstream in(text);
  std::string line, section;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("--", 0) == 0) {
      section = line.substr(2);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (section == "crypttab" || section == "fstab") out[section].push_back(line);
    else if (section == "mounts") {
      std::istringstream f(line);
      std::string dev, mp, fs;
      f >> dev >> mp >> fs;
      out["mappings"].push_back({{"device", dev}, {"name", dev.substr(dev.rfind('/') + 1)}, {"mountpoint", mp}, {"fstype", fs}});
    }
  }
  return out;
}

json UiModel::state() const {
  json kv = src_.vaults();
  json objects = src_.vault_objects();
  kv["keys"] = objects.value("keys", json::array());
  kv["secrets"] = objects.value("secrets", json::array());
  json identity = src_.directory();
  identity["roleAssignments"] = src_.role_assignments().value("roleAssignments", json::array());
  return {{"cloud", src_.cloud()}, {"vms", src_.vms()}, {"keyvault", kv}, {"identity", identity}};
}

json UiModel::lab(const json& state) const {
  json out = evaluate(checklist_, state, src_.seeded_client_id);
  out["source"] = options_.lab_file ? "file" : "default";
  return out;
}

json UiModel::find_vm(const std::string& name, const std::string& group) const {
  json vms = src_.vms();
  for (const auto& vm : vms.value("vms", json::array()))
    if (text::to_lower(str(vm, "name")) == text::to_lower(name) && (group.empty() || text::to_lower(str(vm, "resourceGroup")) == text::to_lower(group))) return vm;
  throw AzureError(ErrorKind::NotFound, "ResourceNotFound", "No virtual machine named '" + name + "'.");
}

json UiModel::key_chain(const std::string& name, const std::string& group) const {
  KeyChainInputs in;
  in.vm = find_vm(name, group);
  in.disks = src_.vm_disks(name, str(in.vm, "resourceGroup"));
  in.objects = src_.vault_objects();
  in.operations = src_.cloud().value("operations", json::array());
  json g = guest(name, str(in.vm, "resourceGroup"));
  if (g.value("available", false)) in.guest = g;
  json chain = build_key_chain(in);
  chain["guest"] = g;
  return chain;
}

json UiModel::guest(const std::string& name, const std::string& group) const {
  json vm = find_vm(name, group);
  std::string vm_id = str(vm, "vmId");
  if (str(vm, "powerState") != "running" || !src_.runtime)
    return {{"available", false}, {"reason", "the VM is " + str(vm, "powerState")}};
  // One read per observable state: power, provisioning, the extensions' reported status, and the VM's
  // latest operation (a run-command may have changed crypttab or fstab).
  std::string last_op;
  for (const auto& op : src_.cloud().value("operations", json::array()))
    if (text::to_lower(str(op, "resourceId")) == text::to_lower(str(vm, "id"))) {
      last_op = str(op, "id") + str(op, "status");
      break;
    }
  std::string signature = str(vm, "powerState") + "|" + str(vm, "provisioningState") + "|" + last_op + "|" +
                          without_read_times(vm.value("instanceView", json::object()).value("extensions", json::array())).dump();
  {
    std::lock_guard lock(guest_mu_);
    auto it = guest_cache_.find(vm_id);
    if (it != guest_cache_.end() && it->second.signature == signature) return it->second.value;
  }
  json value;
  try {
    auto r = src_.runtime->run_command(vm_id, kGuestRead);
    value = parse_guest_read(r.stdout_text);
    value["available"] = true;
  } catch (const std::exception& e) {
    return {{"available", false}, {"reason", e.what()}};  // not cached: try again next time
  }
  std::lock_guard lock(guest_mu_);
  guest_cache_[vm_id] = {signature, value};
  return value;
}

std::string UiModel::console_path(const std::string& vm_id, const char* file) const {
  // vm ids are GUIDs from our own model; refuse anything that could leave the folder.
  for (char c : vm_id)
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '-') return "";
  return src_.data_dir + "/vms/" + vm_id + "/" + file;
}

std::map<std::string, std::uint64_t> UiModel::console_sizes(const json& vms) const {
  std::map<std::string, std::uint64_t> out;
  for (const auto& vm : vms.value("vms", json::array())) {
    struct stat st {};
    std::string p = console_path(str(vm, "vmId"), "console.log");
    out[str(vm, "vmId")] = !p.empty() && ::stat(p.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  return out;
}

json UiModel::console(const std::string& name, const std::string& group, std::uint64_t offset) const {
  json vm = find_vm(name, group);
  std::string p = console_path(str(vm, "vmId"), "console.log");
  std::ifstream in(p, std::ios::binary);
  if (p.empty() || !in) return {{"text", ""}, {"next", 0}, {"size", 0}, {"available", false}};
  in.seekg(0, std::ios::end);
  std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  constexpr std::uint64_t kMax = 64 * 1024;
  if (offset > size) offset = 0;  // the log was replaced (a new boot after a reset)
  if (offset == 0 && size > kMax) offset = size - kMax;
  std::uint64_t n = std::min(kMax, size - offset);
  std::string buf(n, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(buf.data(), static_cast<std::streamsize>(n));
  buf.resize(static_cast<std::size_t>(in.gcount()));
  return {{"text", printable(buf)}, {"next", offset + buf.size()}, {"size", size}, {"available", true}};
}

json UiModel::console_input(const std::string& name, const std::string& group, const std::string& input) const {
  if (!options_.console_input)
    throw AzureError(ErrorKind::Forbidden, "AzemuConsoleReadOnly",
                     "The serial console is read-only here; start azemu with --ui-console to type into it.");
  if (input.size() > 4096) throw AzureError(ErrorKind::BadRequest, "InvalidInput", "At most 4096 characters per input.");
  json vm = find_vm(name, group);
  std::string p = console_path(str(vm, "vmId"), "console.sock");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (p.empty() || p.size() >= sizeof(addr.sun_path))
    throw AzureError(ErrorKind::Conflict, "VmNotRunning", "The VM has no serial console.");
  std::copy(p.begin(), p.end(), addr.sun_path);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (fd >= 0) ::close(fd);
    throw AzureError(ErrorKind::Conflict, "VmNotRunning", "The VM's serial console is not available (is it running?).");
  }
  std::string out;
  if (::write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size())) {
    // A busy guest may take seconds to answer, and answers in pieces (the tty's echo first, the
    // command's output later): wait up to 5 s for the first byte, then read until the guest has been
    // quiet for 700 ms, never past 8 s in all. (Runs on the blocking pool, not the event loop.)
    using namespace std::chrono;
    const auto start = steady_clock::now();
    const auto hard_end = start + milliseconds(8000);
    auto deadline = start + milliseconds(5000);
    char buf[4096];
    while (out.size() < 65536) {
      auto left = duration_cast<milliseconds>(std::min(deadline, hard_end) - steady_clock::now()).count();
      if (left <= 0) break;
      pollfd pfd{fd, POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left)) <= 0) break;
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      deadline = steady_clock::now() + milliseconds(700);
    }
  }
  ::close(fd);
  return {{"output", printable(out)}};
}

}  // namespace azemu::ui
