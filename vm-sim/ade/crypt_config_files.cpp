// crypttab/fstab text edits, whitespace-separated fields as mount(8) and cryptsetup read them.
#include "vm-sim/ade/crypt_config_files.hpp"

#include <sstream>
#include <vector>

namespace azemu::vm::ade {

namespace {
std::vector<std::string> fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string f;
  while (in >> f) out.push_back(f);
  return out;
}

bool is_comment_or_blank(const std::vector<std::string>& f) { return f.empty() || f[0][0] == '#'; }

std::string with_trailing_newline(std::string s) {
  if (!s.empty() && s.back() != '\n') s.push_back('\n');
  return s;
}
}  // namespace

std::string add_crypttab_entry(const std::string& crypttab, const std::string& name, const std::string& device,
                               const std::string& key_file) {
  std::istringstream in(crypttab);
  std::string line, out;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (!is_comment_or_blank(f) && f[0] == name) continue;
    out += line + "\n";
  }
  return out + name + " " + device + " " + key_file + " luks,nofail\n";
}

FstabEdit point_fstab_at_mapper(const std::string& fstab, const std::string& mount_point, const std::string& mapper_device,
                                const std::string& fs_type) {
  FstabEdit edit;
  std::istringstream in(fstab);
  std::string line;
  bool replaced = false;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (!replaced && !is_comment_or_blank(f) && f.size() >= 2 && f[1] == mount_point) {
      edit.original_line = line;
      std::string rebuilt = mapper_device;
      for (std::size_t i = 1; i < f.size(); ++i) rebuilt += " " + f[i];
      edit.fstab += rebuilt + "\n";
      replaced = true;
      continue;
    }
    edit.fstab += line + "\n";
  }
  if (!replaced) edit.fstab += mapper_device + " " + mount_point + " " + fs_type + " defaults,nofail 0 2\n";
  return edit;
}

std::string ensure_bek_fstab_line(const std::string& fstab) {
  std::istringstream in(fstab);
  std::string line;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (!is_comment_or_blank(f) && f.size() >= 2 && f[1] == "/mnt/azure_bek_disk") return fstab;
  }
  return with_trailing_newline(fstab) + kBekFstabLine + "\n";
}

std::vector<CrypttabEntry> parse_crypttab(const std::string& crypttab) {
  std::vector<CrypttabEntry> out;
  std::istringstream in(crypttab);
  std::string line;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (is_comment_or_blank(f) || f.size() < 2) continue;
    out.push_back({f[0], f[1], f.size() > 2 ? f[2] : "none", f.size() > 3 ? f[3] : ""});
  }
  return out;
}

std::string remove_crypttab_entry(const std::string& crypttab, const std::string& name) {
  std::istringstream in(crypttab);
  std::string line, out;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (!is_comment_or_blank(f) && f[0] == name) continue;
    out += line + "\n";
  }
  return out;
}

FstabRestore restore_fstab_entry(const std::string& fstab, const std::string& backup, const std::string& mapper_device) {
  FstabRestore r;
  std::istringstream in(fstab);
  std::string line;
  std::vector<std::string> lines;
  std::size_t at = std::string::npos;
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (at == std::string::npos && !is_comment_or_blank(f) && f.size() >= 2 && f[0] == mapper_device) {
      at = lines.size();
      r.mount_point = f[1];
    }
    lines.push_back(line);
  }
  std::string original;
  std::istringstream b(backup);
  while (std::getline(b, line)) {
    auto f = fields(line);
    if (original.empty() && !r.mount_point.empty() && !is_comment_or_blank(f) && f.size() >= 2 && f[1] == r.mount_point) {
      original = line;
      continue;
    }
    r.backup += line + "\n";
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == at) {
      if (!original.empty()) r.fstab += original + "\n";
      continue;
    }
    r.fstab += lines[i] + "\n";
  }
  return r;
}

}  // namespace azemu::vm::ade
