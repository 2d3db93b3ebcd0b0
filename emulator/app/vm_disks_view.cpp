// See vm_disks_view.hpp.
#include "emulator/app/vm_disks_view.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

namespace azemu::app {

namespace {
using arm::compute::DiskEncryptionFacts;
using arm::compute::KeyAuditEntry;
using arm::compute::SettingsSource;

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string disk_label(const DiskEncryptionFacts& d) { return d.lun ? "data " + std::to_string(*d.lun) : "os"; }

std::string on_host(const DiskEncryptionFacts& d) {
  if (!d.image_path) return "no file";
  if (!d.image) return "file missing";
  return human_bytes(d.image->allocated_bytes) + " of " + human_bytes(d.image->size_bytes);
}

std::string luks_summary(const DiskEncryptionFacts& d) {
  if (!d.image) return "-";
  if (!d.image->problem.empty()) return "LUKS, unreadable header: " + d.image->problem;
  if (!d.image->luks) return "not LUKS (plaintext)";
  const auto& h = *d.image->luks;
  std::string slots;
  for (const auto& s : h.keyslots) {
    if (!slots.empty()) slots += ",";
    slots += std::to_string(s.slot);
    if (!s.kdf.empty()) slots += " " + s.kdf;
    if (s.unbound) slots += " unbound";
  }
  std::string out = "LUKS" + std::to_string(h.version) + " " + h.cipher + " " + std::to_string(h.key_size_bits) +
                    "-bit, data at " + human_bytes(h.data_offset_bytes) + ", keyslots " + (slots.empty() ? "none" : slots);
  if (h.reencryption_in_progress) out += ", ENCRYPTION IN PROGRESS";
  return out;
}

std::string caller(const KeyAuditEntry& a) {
  if (a.by_platform) return "the platform (Microsoft.Compute)";
  if (!a.caller_upn.empty()) return a.caller_upn;
  if (!a.caller_app_id.empty()) return "app " + a.caller_app_id;
  if (!a.caller_object_id.empty()) return "oid " + a.caller_object_id;
  return "anonymous";
}

std::string key_detail(const arm::compute::VaultObjectRef& r) {
  if (r.vault.empty()) return "";
  return "  (vault " + r.vault + ", " + (r.collection == "keys" ? "key " : "secret ") + r.name +
         (r.version.empty() ? ", no version" : ", version " + r.version) + ")";
}
}  // namespace

std::string human_bytes(std::uint64_t bytes) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0 || v == static_cast<double>(static_cast<std::uint64_t>(v)))
    std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  return buf;
}

std::string format_vm_disks(const arm::compute::VmDiskEncryptionReport& r) {
  std::ostringstream out;
  out << "VM " << r.name << "  (resource group " << r.resource_group << ", subscription " << r.subscription_id << ")\n";
  auto source = std::find_if(r.disks.begin(), r.disks.end(), [](const auto& d) { return d.settings_source != SettingsSource::none; });
  if (source == r.disks.end())
    out << "Disk encryption: none (no encryption settings in the VM model or on its disks)\n";
  else if (source->settings_source == SettingsSource::vm_model)
    out << "Disk encryption: dual pass (ADE 0.1): one BEK secret for every volume, named in the VM model\n"
           "                 (storageProfile.osDisk.encryptionSettings)\n";
  else
    out << "Disk encryption: single pass (ADE 1.1): one BEK secret per disk, named on each disk resource\n"
           "                 (properties.encryptionSettingsCollection)\n";

  // The table: widths from the content, so long Azure disk names stay aligned.
  std::vector<std::vector<std::string>> rows = {{"DISK", "NAME", "SIZE", "ON HOST", "LUKS HEADER"}};
  for (const auto& d : r.disks)
    rows.push_back({disk_label(d), d.name, std::to_string(d.size_gb) + " GiB", on_host(d), luks_summary(d)});
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  out << "\n";
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += i + 1 == row.size() ? row[i] : pad(row[i], width[i] + 2);
    out << line << "\n";
  }

  // Disks that share a BEK secret and KEK (all of them in dual pass) are shown once, with the
  // audit records of those keys.
  std::vector<std::vector<const DiskEncryptionFacts*>> groups;
  for (const auto& d : r.disks) {
    if (!d.bek) continue;
    auto same = [&](const std::vector<const DiskEncryptionFacts*>& g) {
      return g.front()->bek->url == d.bek->url && (g.front()->kek ? g.front()->kek->url : "") == (d.kek ? d.kek->url : "");
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) groups.push_back({&d});
    else it->push_back(&d);
  }
  for (const auto& g : groups) {
    std::string who;
    for (const auto* d : g) who += (who.empty() ? "" : ", ") + disk_label(*d);
    const auto& first = *g.front();
    out << "\nKeys of " << who << ":\n"
        << "  BEK secret  " << first.bek->url << key_detail(*first.bek) << "\n"
        << "  KEK         " << (first.kek ? first.kek->url + key_detail(*first.kek) : "none (the secret holds the passphrase, base64, unwrapped)") << "\n";
    if (first.audit.empty()) {
      out << "  Audit: no Key Vault record touched these keys\n";
      continue;
    }
    out << "  Audit (Key Vault calls on these keys, oldest first):\n";
    std::size_t op_width = 0;
    for (const auto& a : first.audit) op_width = std::max(op_width, a.operation.size());
    for (const auto& a : first.audit)
      out << "    " << a.time << "  " << pad(a.operation, op_width) << "  " << (a.touches == arm::compute::KeyTouch::bek ? "BEK" : "KEK")
          << "  " << a.http_status_code << " " << pad(a.result_type, 12) << "  " << caller(a) << "\n";
  }

  out << "\nLUKS HEADER: read from the image file: format version, cipher, master key size, where the encrypted data\n"
         "starts (the header and keyslots live before it), active keyslots and their KDF. ON HOST: bytes allocated of\n"
         "the image's size (images are sparse). BEK: the Key Vault secret holding the disk passphrase; KEK: the key that\n"
         "wrapped it. JSON: --json, or GET https://localhost:<port>/_azemu/vms/" << r.name << "/disks on a running azemu.\n";
  return out.str();
}

}  // namespace azemu::app
