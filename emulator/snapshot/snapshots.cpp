// See snapshots.hpp.
#include "emulator/snapshot/snapshots.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/fs/clone_file.hpp"
#include "emulator/fs/replace_file.hpp"
#include "emulator/log/log.hpp"
#include "emulator/store/backup.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::snapshot {

namespace fs = std::filesystem;

namespace {
// The folders a VM runtime keeps per data dir (vm-sim/uml, vm-sim/qemu): disk images and per-VM state.
constexpr const char* kGuestFolders[] = {"disks", "vms"};

AzureError not_found(const std::string& name) {
  return AzureError(ErrorKind::NotFound, "SnapshotNotFound", "No snapshot '" + name + "'.");
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

void sync_folder(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Swaps two existing folders atomically; where the file system cannot (EINVAL), by three renames.
void exchange(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) throw std::runtime_error("cannot swap " + a + " and " + b + ": " + std::strerror(errno));
  fs::rename(a, a + ".swap");
  fs::rename(b, a);
  fs::rename(a + ".swap", b);
}

std::uintmax_t bytes_on_disk(const std::string& path) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (it->is_regular_file(ec) && ::stat(it->path().c_str(), &st) == 0) total += static_cast<std::uintmax_t>(st.st_blocks) * 512;
  }
  return total;
}

std::vector<std::string> live_migrations(store::Database& db) {
  std::vector<std::string> out;
  auto s = db.conn().query("SELECT component || ':' || version FROM azemu_migrations ORDER BY 1");
  while (s.step()) out.push_back(s.text(0));
  return out;
}

nlohmann::json read_manifest(const std::string& dir) {
  std::ifstream in(dir + "/manifest.json");
  if (!in) return nullptr;
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}
}  // namespace

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 80 || name[0] == '.') return false;
  for (char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-') return false;
  return true;
}

std::string data_dir_id(const std::string& master_key) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(master_key.data(), master_key.size(), md, &n, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < 16 && i < n; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

Snapshots::Snapshots(std::string data_dir, std::string id, store::Database& db, const exec::Clock& clock, Guests guests)
    : data_dir_(std::move(data_dir)), data_dir_id_(std::move(id)), db_(db), clock_(clock), guests_(std::move(guests)) {}

std::string Snapshots::checked_path(const std::string& name) const {
  if (!valid_name(name))
    throw AzureError(ErrorKind::BadRequest, "InvalidSnapshotName",
                     "The snapshot name '" + name + "' is invalid: use 1-80 letters, digits, '.', '_' or '-', not starting with '.'.");
  return folder() + "/" + name;
}

nlohmann::json Snapshots::save(const std::string& name) {
  std::string target = checked_path(name);
  std::lock_guard lock(mutex_);
  if (fs::exists(target)) throw AzureError(ErrorKind::Conflict, "SnapshotExists", "A snapshot '" + name + "' exists; delete it first.");
  auto started = std::chrono::steady_clock::now();
  fs::create_directories(folder());
  ::chmod(folder().c_str(), 0700);
  // Built beside its final place and renamed: a half-written snapshot never has the name.
  std::string tmp = folder() + "/.saving-" + name;
  fs::remove_all(tmp);
  fs::create_directory(tmp);
  std::size_t stopped = guests_.stop_running ? guests_.stop_running() : 0;
  files::CopyStats stats;
  try {
    store::backup_database(db_, tmp + "/azemu.db");
    for (const char* f : kGuestFolders) files::copy_tree(data_dir_ + "/" + f, tmp + "/" + f, stats);
  } catch (...) {
    if (guests_.start_running) guests_.start_running(false);
    std::error_code ignored;  // the error being thrown says what went wrong; the leftover goes too
    fs::remove_all(tmp, ignored);
    throw;
  }
  if (guests_.start_running) guests_.start_running(false);
  nlohmann::json manifest = {{"name", name}, {"createdAt", clock_.now_iso()}, {"dataDirId", data_dir_id_},
                             {"vmsRunning", stopped}, {"files", stats.files}};
  try {
    files::replace_file_durably(tmp + "/manifest.json", manifest.dump(2) + "\n");
    fs::rename(tmp, target);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    throw;
  }
  sync_folder(folder());
  double ms = ms_since(started);
  log::write(log::Level::info, "snapshot saved", {{"name", name}, {"vms", stopped}, {"files", stats.files}, {"ms", ms}});
  manifest["milliseconds"] = ms;
  manifest["bytesCopied"] = stats.bytes_copied;
  manifest["reflinked"] = stats.reflinked;
  return manifest;
}

nlohmann::json Snapshots::restore(const std::string& name) {
  std::string source = checked_path(name);
  std::lock_guard lock(mutex_);
  nlohmann::json manifest = read_manifest(source);
  if (!manifest.is_object()) throw not_found(name);
  auto started = std::chrono::steady_clock::now();
  // Everything that can refuse refuses before the cloud is touched.
  if (manifest.value("dataDirId", "") != data_dir_id_)
    throw AzureError(ErrorKind::Conflict, "SnapshotIncompatible",
                     "The snapshot '" + name + "' was saved by another data dir (another master key): its secrets cannot be read here.");
  std::vector<std::string> theirs;
  try {
    theirs = store::applied_migrations(source + "/azemu.db");
  } catch (const std::exception&) {
    throw AzureError(ErrorKind::Conflict, "SnapshotIncompatible", "The snapshot '" + name + "' has no readable database.");
  }
  if (theirs != live_migrations(db_))
    throw AzureError(ErrorKind::Conflict, "SnapshotIncompatible",
                     "The snapshot '" + name + "' was saved by another azemu version (its database schema differs).");
  std::string stage = data_dir_ + "/.restoring";
  fs::remove_all(stage);
  fs::create_directory(stage);
  files::CopyStats stats;
  try {
    for (const char* f : kGuestFolders) files::copy_tree(source + "/" + f, stage + "/" + f, stats);
  } catch (...) {
    std::error_code ignored;  // nothing was swapped yet; the error being thrown is what matters
    fs::remove_all(stage, ignored);
    throw;
  }
  std::size_t stopped = guests_.stop_running ? guests_.stop_running() : 0;
  std::vector<std::string> swapped;
  try {
    for (const char* f : kGuestFolders) {
      fs::create_directories(data_dir_ + "/" + f);
      exchange(data_dir_ + "/" + f, stage + "/" + f);
      swapped.push_back(f);
    }
    store::restore_database(db_, source + "/azemu.db");
  } catch (const std::exception& e) {
    log::write(log::Level::error, "snapshot restore failed; the cloud is left as it was", {{"name", name}, {"error", e.what()}});
    for (const auto& f : swapped) exchange(data_dir_ + "/" + f, stage + "/" + f);
    if (guests_.start_running) guests_.start_running(false);
    std::error_code ignored;
    fs::remove_all(stage, ignored);
    throw;
  }
  std::error_code leftover;  // now the replaced cloud's folders; the next save or restore clears them
  fs::remove_all(stage, leftover);
  if (leftover) log::write(log::Level::warn, "snapshot restore: the replaced folders stay", {{"path", stage}, {"error", leftover.message()}});
  std::size_t started_vms = guests_.start_running ? guests_.start_running(true) : 0;
  double ms = ms_since(started);
  log::write(log::Level::info, "snapshot restored", {{"name", name}, {"vmsStopped", stopped}, {"vmsStarting", started_vms}, {"ms", ms}});
  return {{"name", name}, {"createdAt", manifest.value("createdAt", "")}, {"vmsStopped", stopped},
          {"vmsStarting", started_vms}, {"files", stats.files}, {"milliseconds", ms}};
}

nlohmann::json Snapshots::list() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder(), ec)) {
    std::string n = entry.path().filename().string();
    if (entry.is_directory() && valid_name(n)) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  nlohmann::json value = nlohmann::json::array();
  for (const auto& n : names) {
    nlohmann::json m = read_manifest(folder() + "/" + n);
    if (!m.is_object()) continue;  // not a snapshot (a foreign folder, or damaged)
    m.erase("dataDirId");
    m["name"] = n;
    m["sizeBytes"] = bytes_on_disk(folder() + "/" + n);
    value.push_back(std::move(m));
  }
  return {{"value", value}};
}

void Snapshots::remove(const std::string& name) {
  std::string path = checked_path(name);
  std::lock_guard lock(mutex_);
  if (!fs::is_directory(path)) throw not_found(name);
  // Renamed away first, so a crash mid-delete never leaves a half snapshot under the name.
  std::string doomed = folder() + "/.deleting-" + name;
  fs::remove_all(doomed);
  fs::rename(path, doomed);
  fs::remove_all(doomed);
}

}  // namespace azemu::snapshot
