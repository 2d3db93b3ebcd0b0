// See key_chain.hpp. Edge rules:
//   KEK → BEK   "wraps":  KeyWrap + SecretSet rows; broken when the key is gone or disabled, or the
//                          secret's DiskEncryptionKeyEncryptionKeyURL tag names another key.
//   BEK → LUKS  "unlocks": SecretGet + KeyUnwrap rows (the platform at every boot); broken when the
//                          secret is gone or disabled, or the last platform SecretGet/KeyUnwrap failed.
//   LUKS → dm-crypt "maps": the guest's mount of the volume through /dev/mapper; broken when the
//                          VM's last operation failed (the guest could not unlock at boot).
#include "emulator/ui/key_chain.hpp"
#include "emulator/cloud/vault_object_url.hpp"
#include "emulator/ui/json_fields.hpp"
#include "emulator/json/strings.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace azemu::ui {

namespace {
using nlohmann::json;

/// "https://v.vault.azure.net/secrets/name/version" → {vault, name, version}.
json split_url(const std::string& url) {
  json out = {{"url", url}, {"vault", ""}, {"name", ""}, {"version", ""}};
  if (auto u = cloud::parse_vault_object_url(url)) {
    out["vault"] = u->vault;
    out["name"] = u->name;
    if (!u->rest.empty()) out["version"] = text::to_lower(u->rest.front());
  }
  return out;
}

/// The stored object (kv::teaching::objects entry) and version named by `ref`, or nulls.
std::pair<json, json> find_object(const json& collection, const json& ref) {
  if (!collection.is_array()) return {json(), json()};
  for (const auto& o : collection) {
    if (text::to_lower(str(o, "vault")) != str(ref, "vault") || text::to_lower(str(o, "name")) != text::to_lower(str(ref, "name"))) continue;
    const json& versions = o.value("versions", json::array());
    if (versions.empty()) return {o, json()};
    if (str(ref, "version").empty()) return {o, versions[0]};
    for (const auto& v : versions)
      if (text::to_lower(str(v, "version")) == str(ref, "version")) return {o, v};
    return {o, json()};
  }
  return {json(), json()};
}

json audit_rows(const json& disk, std::initializer_list<const char*> operations) {
  json out = json::array();
  for (const auto& a : disk.value("audit", json::array()))
    for (const char* op : operations)
      if (str(a, "operation") == op) out.push_back(a);
  return out;
}

std::string who(const json& row) {
  const json& c = row.value("caller", json::object());
  if (c.value("platform", false)) return "the platform";
  if (c.contains("upn") && c["upn"].is_string()) return c["upn"].get<std::string>();
  if (c.contains("appId") && c["appId"].is_string()) return "app " + c["appId"].get<std::string>();
  return "someone";
}

/// The last failed row among `rows`, worded for the drawing; "" when the last row succeeded.
std::string last_failure(const json& rows) {
  if (rows.empty()) return "";
  const json& last = rows.back();
  if (str(last, "resultType") == "Success") return "";
  return str(last, "operation") + " by " + who(last) + " failed: " + std::to_string(last.value("httpStatusCode", 0)) +
         " " + str(last, "resultType") + " (" + str(last, "time") + ")";
}

/// Why the VM's last operation failed, or its provisioning error, or "".
std::string vm_problem(const json& vm, const json& operations) {
  std::string id = text::to_lower(str(vm, "id"));
  if (operations.is_array())
    for (const auto& op : operations) {  // newest first
      if (text::to_lower(str(op, "resourceId")) != id) continue;
      if (str(op, "status") == "Failed" && op.contains("error") && op["error"].is_object())
        return str(op["error"], "code") + ": " + str(op["error"], "message");
      if (str(op, "status") == "Succeeded") break;
    }
  if (!str(vm, "note").empty()) return str(vm, "note");
  return "";
}

json mapping_for(const json& disk, const json& guest) {
  if (!guest.is_object()) return json();
  bool os = str(disk, "role") == "os";
  for (const auto& m : guest.value("mappings", json::array())) {
    std::string mp = str(m, "mountpoint");
    if (os ? mp == "/" : mp != "/") return m;
  }
  return json();
}
}  // namespace

nlohmann::json build_key_chain(const KeyChainInputs& in) {
  json chains = json::array();
  int broken = 0;
  const std::string problem = vm_problem(in.vm, in.operations);
  const bool running = str(in.vm, "powerState") == "running";
  for (const auto& d : in.disks.value("disks", json::array())) {
    json chain;
    chain["disk"] = {{"name", d.value("name", "")},       {"role", d.value("role", "")},
                     {"lun", d.value("lun", json())},      {"sizeGb", d.value("sizeGb", 0)},
                     {"sizeBytes", d.value("sizeBytes", json())}, {"allocatedBytes", d.value("allocatedBytes", json())},
                     {"imagePath", d.value("imagePath", json())},
                     {"luks", d.value("luks", json())}};
    json edges = json::array();
    const json& kek_ref_in = d.value("kek", json());
    const std::string bek_url = str(d, "bekSecretUrl");
    json kek = json(), bek = json();
    if (kek_ref_in.is_object()) {
      json ref = split_url(str(kek_ref_in, "keyId"));
      auto [obj, ver] = find_object(in.objects.value("keys", json::array()), ref);
      kek = ref;
      kek["exists"] = !obj.is_null() && obj.value("deletedDate", json()).is_null();
      kek["deleted"] = !obj.is_null() && !obj.value("deletedDate", json()).is_null();
      kek["enabled"] = ver.is_object() ? ver.value("enabled", true) : false;
      kek["kty"] = ver.is_object() ? ver.value("kty", "") : "";
    }
    if (!bek_url.empty()) {
      json ref = split_url(bek_url);
      auto [obj, ver] = find_object(in.objects.value("secrets", json::array()), ref);
      bek = ref;
      bek["exists"] = !obj.is_null() && obj.value("deletedDate", json()).is_null();
      bek["deleted"] = !obj.is_null() && !obj.value("deletedDate", json()).is_null();
      bek["enabled"] = ver.is_object() ? ver.value("enabled", true) : false;
      bek["contentType"] = ver.is_object() ? ver.value("contentType", json()) : json();
      bek["tags"] = ver.is_object() ? ver.value("tags", json()) : json();
    }
    chain["kek"] = kek;
    chain["bek"] = bek;
    chain["mapping"] = mapping_for(d, in.guest);

    if (!bek.is_null()) {
      // KEK → BEK
      json wrap_rows = audit_rows(d, {"KeyWrap", "SecretSet"});
      std::string reason;
      if (kek.is_null()) reason = "the BEK secret is not wrapped (no key encryption key)";
      else if (kek["deleted"].get<bool>()) reason = "the KEK " + str(kek, "name") + " is deleted";
      else if (!kek["exists"].get<bool>()) reason = "the KEK " + str(kek, "name") + " does not exist in vault " + str(kek, "vault");
      else if (!kek["enabled"].get<bool>()) reason = "the KEK " + str(kek, "name") + " is disabled";
      else if (bek["tags"].is_object()) {
        std::string tagged = str(bek["tags"], "DiskEncryptionKeyEncryptionKeyURL");
        if (!tagged.empty()) {
          json t = split_url(tagged);
          if (str(t, "name") != "" && (text::to_lower(str(t, "name")) != text::to_lower(str(kek, "name")) || str(t, "vault") != str(kek, "vault")))
            reason = "the BEK was wrapped by another key (" + tagged + ")";
        }
      }
      edges.push_back({{"from", "kek"}, {"to", "bek"}, {"label", "wraps"}, {"ok", reason.empty() && !kek.is_null()},
                       {"reason", reason}, {"audit", wrap_rows}});
      // BEK → LUKS keyslot
      json use_rows = audit_rows(d, {"SecretGet", "KeyUnwrap"});
      reason.clear();
      if (bek["deleted"].get<bool>()) reason = "the BEK secret " + str(bek, "name") + " is deleted";
      else if (!bek["exists"].get<bool>()) reason = "the BEK secret " + str(bek, "name") + " does not exist in vault " + str(bek, "vault");
      else if (!bek["enabled"].get<bool>()) reason = "the BEK secret " + str(bek, "name") + " is disabled";
      std::string failed = last_failure(use_rows);
      if (!failed.empty()) reason = reason.empty() ? failed : reason + "; " + failed;
      const json& luks = d.value("luks", json());
      bool has_slots = luks.is_object() && !luks.value("keyslots", json::array()).empty();
      if (reason.empty() && !has_slots && d.value("imagePath", json()).is_string())
        reason = "the disk image has no LUKS keyslot (not encrypted yet)";
      edges.push_back({{"from", "bek"}, {"to", "luks"}, {"label", "unlocks"}, {"ok", reason.empty()}, {"reason", reason},
                       {"audit", use_rows}});
    }
    // LUKS → dm-crypt mapping
    {
      std::string reason;
      bool ok = !chain["mapping"].is_null();
      if (!problem.empty()) {
        reason = problem;
        ok = false;
      } else if (!ok) {
        reason = running ? "no dm-crypt mapping seen in the guest yet" : "the VM is not running";
      }
      edges.push_back({{"from", "luks"}, {"to", "mapping"}, {"label", "maps"}, {"ok", ok}, {"reason", reason},
                       {"pending", problem.empty() && !ok}, {"audit", json::array()}});
    }
    for (const auto& e : edges)
      if (!e["ok"].get<bool>() && !e.value("pending", false)) ++broken;
    chain["edges"] = edges;
    chains.push_back(std::move(chain));
  }
  return {{"vm",
           {{"name", str(in.vm, "name")},
            {"resourceGroup", str(in.vm, "resourceGroup")},
            {"powerState", str(in.vm, "powerState")},
            {"provisioningState", str(in.vm, "provisioningState")},
            {"problem", problem}}},
          {"chains", chains},
          {"broken", broken}};
}

}  // namespace azemu::ui
