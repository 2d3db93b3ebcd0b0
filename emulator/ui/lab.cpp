// See lab.hpp. Each check returns (done, detail, hint-when-wrong); hints from the step's file are
// used when the check has nothing more specific to say.
#include "emulator/ui/lab.hpp"
#include "emulator/ui/json_fields.hpp"
#include "emulator/json/strings.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <stdexcept>

namespace azemu::ui {

namespace {
using nlohmann::json;

bool matches(const json& args, const char* arg, const std::string& value) {
  std::string want = str(args, arg);
  return want.empty() || text::to_lower(want) == text::to_lower(value);
}

/// j[key] when j is an object holding it, else null: checks read JSON built elsewhere and must not throw.
const json& at(const json& j, const char* key) {
  static const json null_value;
  return j.is_object() && j.contains(key) ? j[key] : null_value;
}

bool flag(const json& j, const char* key) { return at(j, key).is_boolean() && at(j, key).get<bool>(); }

struct Outcome {
  bool done = false;
  std::string detail;
  std::string hint;  // specific: the step was attempted the wrong way
};

const json& arr(const json& j, const char* a, const char* b = nullptr) {
  static const json empty = json::array();
  if (!j.is_object() || !j.contains(a)) return empty;
  const json& x = j[a];
  if (!b) return x.is_array() ? x : empty;
  if (!x.is_object() || !x.contains(b) || !x[b].is_array()) return empty;
  return x[b];
}

Outcome provider_registered(const json& args, const json& s, const std::string&) {
  std::string ns = str(args, "namespace").empty() ? "Microsoft.KeyVault" : str(args, "namespace");
  for (const auto& sub : arr(at(s, "cloud"), "subscriptions"))
    for (const auto& p : arr(sub, "providers"))
      if (text::to_lower(str(p, "namespace")) == text::to_lower(ns)) {
        if (str(p, "state") == "Registered") return {true, ns + " is Registered", ""};
        return {false, ns + " is " + str(p, "state"), "az provider register -n " + ns};
      }
  return {false, ns + " is not registered", ""};
}

Outcome group_exists(const json& args, const json& s, const std::string&) {
  for (const auto& sub : arr(at(s, "cloud"), "subscriptions"))
    for (const auto& g : arr(sub, "groups"))
      if (matches(args, "group", str(g, "name"))) return {true, "group " + str(g, "name"), ""};
  return {false, "", ""};
}

Outcome vault_for_disk_encryption(const json& args, const json& s, const std::string&) {
  std::string wrong;
  for (const auto& v : arr(at(s, "keyvault"), "vaults")) {
    if (!matches(args, "vault", str(v, "name"))) continue;
    if (flag(at(v, "properties"), "enabledForDiskEncryption")) return {true, "vault " + str(v, "name"), ""};
    wrong = str(v, "name");
  }
  if (!wrong.empty())
    return {false, "vault " + wrong + " exists but is not enabled for disk encryption",
            "The vault " + wrong + " is not enabled for disk encryption: az keyvault update --name " + wrong +
                " --enabled-for-disk-encryption true"};
  return {false, "", ""};
}

bool vault_enabled_for_ade(const json& s, const std::string& vault) {
  for (const auto& v : arr(at(s, "keyvault"), "vaults"))
    if (text::to_lower(str(v, "name")) == text::to_lower(vault)) return flag(at(v, "properties"), "enabledForDiskEncryption");
  return false;
}

Outcome key_created(const json& args, const json& s, const std::string&) {
  std::string other;
  for (const auto& k : arr(at(s, "keyvault"), "keys")) {
    if (!at(k, "deletedDate").is_null()) continue;
    if (!matches(args, "vault", str(k, "vault")) || !matches(args, "key", str(k, "name"))) continue;
    if (vault_enabled_for_ade(s, str(k, "vault")) || !str(args, "vault").empty())
      return {true, "key " + str(k, "name") + " in " + str(k, "vault"), ""};
    other = str(k, "vault");
  }
  if (!other.empty())
    return {false, "a key exists in " + other, "The key is in vault " + other + ", which is not enabled for disk encryption"};
  return {false, "", ""};
}

bool has(const json& perms, const char* what) {
  if (!perms.is_array()) return false;
  for (const auto& p : perms)
    if (p.is_string() && (text::to_lower(p.get<std::string>()) == text::to_lower(what) || text::to_lower(p.get<std::string>()) == "all")) return true;
  return false;
}

Outcome sp_with_policy(const json& args, const json& s, const std::string& seeded) {
  std::map<std::string, std::string> sps;  // object id -> app id (the student's, not azemu's own)
  for (const auto& sp : arr(at(s, "identity"), "servicePrincipals"))
    if (text::to_lower(str(sp, "appId")) != text::to_lower(seeded)) sps[text::to_lower(str(sp, "objectId"))] = str(sp, "appId");
  std::string partial;
  for (const auto& v : arr(at(s, "keyvault"), "vaults")) {
    if (!matches(args, "vault", str(v, "name"))) continue;
    for (const auto& p : arr(at(v, "properties"), "accessPolicies")) {
      auto it = sps.find(text::to_lower(str(p, "objectId")));
      if (it == sps.end()) continue;
      const json& perms = at(p, "permissions");
      if (has(at(perms, "keys"), "wrapKey") && has(at(perms, "secrets"), "set"))
        return {true, "SP " + it->second + " on vault " + str(v, "name"), ""};
      partial = "The SP " + it->second + " has a policy on " + str(v, "name") +
                " without wrapKey on keys or set on secrets: az keyvault set-policy ... --key-permissions all --secret-permissions all";
    }
    for (const auto& ra : arr(v, "roleAssignments"))
      if (sps.count(text::to_lower(str(ra, "principalId"))) && flag(at(v, "properties"), "enableRbacAuthorization"))
        return {true, "SP " + sps[text::to_lower(str(ra, "principalId"))] + " has " + str(ra, "roleName") + " on " + str(v, "name"), ""};
  }
  if (!partial.empty()) return {false, "", partial};
  if (!sps.empty()) return {false, "a service principal exists", "Give it a policy: az keyvault set-policy --name VAULT --spn APP_ID ..."};
  return {false, "", ""};
}

const json* find_vm(const json& args, const json& s) {
  for (const auto& vm : arr(at(s, "vms"), "vms"))
    if (matches(args, "vm", str(vm, "name"))) return &vm;
  return nullptr;
}

Outcome vm_with_data_disk(const json& args, const json& s, const std::string&) {
  for (const auto& vm : arr(at(s, "vms"), "vms")) {
    if (!matches(args, "vm", str(vm, "name"))) continue;
    const json& sp = at(at(at(vm, "model"), "properties"), "storageProfile");
    if (!at(sp, "dataDisks").is_array() || at(sp, "dataDisks").empty())
      return {false, "VM " + str(vm, "name") + " has no data disk", "Create it with --data-disk-sizes-gb 5"};
    return {true, "VM " + str(vm, "name") + " (" + str(vm, "powerState") + ")", ""};
  }
  return {false, "", ""};
}

const json* ade_extension(const json& vm) {
  for (const auto& e : arr(vm, "extensions"))
    if (text::to_lower(str(at(e, "properties"), "type")).find("azurediskencryption") != std::string::npos) return &e;
  return nullptr;
}

Outcome encryption_enabled(const json& args, const json& s, const std::string&) {
  const json* vm = find_vm(args, s);
  if (!vm) return {false, "", ""};
  const json* e = ade_extension(*vm);
  if (!e) return {false, "", ""};
  std::string ps = str(at(*e, "properties"), "provisioningState");
  if (ps == "Failed") return {false, "the ADE extension failed", "See the VM page: the extension's status says why"};
  return {true, "extension " + str(*e, "name") + " " + ps, ""};
}

Outcome restarted(const json& args, const json& s, const std::string&) {
  const json* vm = find_vm(args, s);
  if (!vm) return {false, "", ""};
  auto [os, data] = ade_volume_states(*vm);
  if (os == "VMRestartPending") return {false, "the OS volume waits for a restart", "az vm restart -g GROUP -n " + str(*vm, "name")};
  if (os == "Encrypted") return {true, "the OS volume was unlocked at boot", ""};
  return {false, os.empty() ? "" : "OS volume: " + os, ""};
}

Outcome encrypted(const json& args, const json& s, const std::string&) {
  const json* vm = find_vm(args, s);
  if (!vm) return {false, "", ""};
  auto [os, data] = ade_volume_states(*vm);
  if (os == "Encrypted" && data == "Encrypted") return {true, "osDisk Encrypted, dataDisk Encrypted", ""};
  return {false, os.empty() ? "" : "osDisk " + os + ", dataDisk " + data, ""};
}

using Check = std::function<Outcome(const json&, const json&, const std::string&)>;
const std::map<std::string, Check>& checks() {
  static const std::map<std::string, Check> table = {
      {"providerRegistered", provider_registered},      {"groupExists", group_exists},
      {"vaultForDiskEncryption", vault_for_disk_encryption}, {"keyCreated", key_created},
      {"servicePrincipalWithPolicy", sp_with_policy},   {"vmWithDataDisk", vm_with_data_disk},
      {"encryptionEnabled", encryption_enabled},        {"restarted", restarted},
      {"encrypted", encrypted}};
  return table;
}
}  // namespace

std::pair<std::string, std::string> ade_volume_states(const nlohmann::json& vm) {
  for (const auto& e : arr(at(vm, "instanceView"), "extensions")) {
    if (text::to_lower(str(e, "type")).find("azurediskencryption") == std::string::npos &&
        text::to_lower(str(e, "name")).find("azurediskencryption") == std::string::npos)
      continue;
    for (const auto& ss : arr(e, "substatuses")) {
      // The instance view carries it as `message` (the handler's status file as formattedMessage.message).
      std::string text = str(ss, "message").empty() ? str(at(ss, "formattedMessage"), "message") : str(ss, "message");
      json m = json::parse(text, nullptr, false);
      if (m.is_object()) return {str(m, "os"), str(m, "data")};
    }
  }
  return {"", ""};
}

Checklist default_checklist() {
  Checklist c;
  c.title = "Encrypt the disks of a Linux VM (Azure Disk Encryption, the doc's steps)";
  c.steps = {
      {"provider", "Register the Microsoft.KeyVault provider", "providerRegistered", "az provider register -n Microsoft.KeyVault",
       {{"namespace", "Microsoft.KeyVault"}}},
      {"vault", "Create a vault enabled for disk encryption", "vaultForDiskEncryption",
       "az keyvault create --name VAULT -g myResourceGroup --location WestUS --enabled-for-disk-encryption True", json::object()},
      {"key", "Create the key encryption key", "keyCreated", "az keyvault key create --vault-name VAULT --name myKey --protection software",
       json::object()},
      {"sp", "A service principal with a policy on the vault", "servicePrincipalWithPolicy",
       "az ad sp create-for-rbac; az keyvault set-policy --name VAULT --spn APP_ID --key-permissions all --secret-permissions all",
       json::object()},
      {"vm", "Create a VM with a data disk", "vmWithDataDisk",
       "az vm create -g myResourceGroup -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 ... --data-disk-sizes-gb 5", json::object()},
      {"enable", "Enable encryption", "encryptionEnabled",
       "az vm encryption enable -g myResourceGroup -n myVM --aad-client-id ... --disk-encryption-keyvault VAULT "
       "--key-encryption-key KEK_ID --volume-type all",
       json::object()},
      {"restart", "Restart the VM", "restarted", "az vm restart -g myResourceGroup -n myVM", json::object()},
      {"encrypted", "Both volumes Encrypted", "encrypted", "az vm encryption show -g myResourceGroup -n myVM", json::object()},
  };
  return c;
}

Checklist parse_checklist(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("steps") || !j["steps"].is_array())
    throw std::runtime_error("a lab checklist is a JSON object with a \"steps\" array");
  Checklist c;
  c.title = str(j, "title").empty() ? "Lab" : str(j, "title");
  for (const auto& s : j["steps"]) {
    LabStep step;
    step.id = str(s, "id");
    step.title = str(s, "title");
    step.check = str(s, "check");
    step.hint = str(s, "hint");
    if (step.id.empty() || step.title.empty()) throw std::runtime_error("every lab step needs an \"id\" and a \"title\"");
    if (!checks().count(step.check)) throw std::runtime_error("lab step " + step.id + ": unknown check \"" + step.check + "\"");
    for (auto it = s.begin(); it != s.end(); ++it)
      if (it.key() != "id" && it.key() != "title" && it.key() != "check" && it.key() != "hint") step.args[it.key()] = it.value();
    c.steps.push_back(std::move(step));
  }
  return c;
}

nlohmann::json evaluate(const Checklist& list, const nlohmann::json& state, const std::string& seeded_client_id) {
  json steps = json::array();
  int done = 0;
  for (const auto& step : list.steps) {
    Outcome o = checks().at(step.check)(step.args, state, seeded_client_id);
    if (o.done) ++done;
    steps.push_back({{"id", step.id},
                     {"title", step.title},
                     {"check", step.check},
                     {"done", o.done},
                     {"detail", o.detail},
                     {"hint", o.done ? "" : (o.hint.empty() ? step.hint : o.hint)},
                     {"wrong", !o.done && !o.hint.empty()}});
  }
  int total = static_cast<int>(list.steps.size());
  return {{"title", list.title}, {"steps", steps}, {"done", done}, {"total", total}, {"allDone", done == total}};
}

}  // namespace azemu::ui
