#include "vm-sim/uml/uml_runtime.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/machine/bek_volume.hpp"
#include "vm-sim/machine/agent_requests.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/uml/os_disk_encryption.hpp"
#include "vm-sim/uml/uml_guest.hpp"
#include "vm-sim/machine/vm_record.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
constexpr std::int64_t kGiB = 1024ll * 1024 * 1024;
constexpr int kMaxDataDisks = 13;  // 16 ubd devices minus OS disk, resource disk and BEK volume
constexpr int kBekUbd = 15;        // the last slot: /dev/ubdp (/dev/sdp)
constexpr int kMinMemoryMb = 128;

std::string os_disk_id(const ports::VmSpec& s) {
  return s.os_disk.disk_id.empty() ? "/vms/" + s.vm_id + "/osdisk" : s.os_disk.disk_id;
}

std::string ubd_letter(int index) { return std::string(1, static_cast<char>('a' + index)); }

}  // namespace

/// One VM. `op` serialises lifecycle operations and channel use; `seen` guards what readers
/// (status, extension_status) are answered from without waiting for `op`.
struct UmlRuntime::Vm {
  ports::VmSpec spec;
  std::string dir;
  std::mutex op;
  std::unique_ptr<UmlGuest> guest;
  std::map<int, int> ubd_of_lun;  // data disk LUN -> ubd index, while running
  bool bek_attached = false;      // ubd15 holds bek.img in the running guest
  std::mutex seen;
  ports::GuestStatus status;
  std::map<std::string, ports::ExtensionReport> reports;
};

UmlRuntime::UmlRuntime(UmlOptions options) : options_(std::move(options)) {
  fs::create_directories(options_.data_dir + "/vms");
  fs::create_directories(options_.data_dir + "/disks");
  // UML helpers orphaned by a killed guest are reparented to us and reaped by the group sweep.
  become_subreaper();
}

UmlRuntime::~UmlRuntime() {
  std::lock_guard lock(mu_);
  for (auto& [id, vm] : vms_) {
    std::lock_guard op(vm->op);
    if (vm->guest) vm->guest->shutdown(options_.shutdown_grace);
    vm->guest.reset();
  }
}

const GuestImage& UmlRuntime::image() {
  std::lock_guard lock(image_mu_);
  if (options_.image.kernel.empty()) {
    if (!options_.image_source) throw std::runtime_error("the uml runtime has no guest image");
    options_.image = options_.image_source();  // seconds the first time, then a cache hit
  }
  return options_.image;
}

std::string UmlRuntime::disk_path(const std::string& disk_id) const {
  auto slash = disk_id.find_last_of('/');
  std::string name = slash == std::string::npos ? disk_id : disk_id.substr(slash + 1);
  return options_.data_dir + "/disks/" + disk_file_name(disk_id, name);
}

std::string UmlRuntime::console_log_path(const std::string& vm_id) const {
  return options_.data_dir + "/vms/" + vm_id + "/console.log";
}

UmlRuntime::Vm& UmlRuntime::vm(const std::string& vm_id) {
  std::lock_guard lock(mu_);
  if (auto it = vms_.find(vm_id); it != vms_.end()) return *it->second;
  std::string dir = options_.data_dir + "/vms/" + vm_id;
  auto spec = load_spec(dir + "/spec.json");
  if (!spec) throw std::runtime_error("VM " + vm_id + " is unknown to the uml runtime");
  auto v = std::make_unique<Vm>();
  v->spec = std::move(*spec);
  v->dir = dir;
  v->status.power = ports::GuestPower::deallocated;
  return *vms_.emplace(vm_id, std::move(v)).first->second;
}

UmlRuntime::Vm& UmlRuntime::vm_for_spec(const ports::VmSpec& spec) {
  if (spec.vm_id.empty() || spec.vm_id.find('/') != std::string::npos || spec.vm_id.find("..") != std::string::npos)
    throw std::runtime_error("invalid vm id '" + spec.vm_id + "'");
  std::lock_guard lock(mu_);
  auto& slot = vms_[spec.vm_id];
  if (!slot) {
    slot = std::make_unique<Vm>();
    slot->dir = options_.data_dir + "/vms/" + spec.vm_id;
    slot->status.power = ports::GuestPower::deallocated;
  }
  return *slot;
}

void UmlRuntime::boot(Vm& v) {
  if (v.guest && v.guest->alive()) return;
  v.guest.reset();
  const auto& s = v.spec;
  if (static_cast<int>(s.data_disks.size()) > kMaxDataDisks)
    throw std::runtime_error("the uml runtime attaches at most " + std::to_string(kMaxDataDisks) + " data disks");
  {
    std::lock_guard l(v.seen);
    v.status.power = ports::GuestPower::starting;
    v.status.agent_ready = false;
    v.status.agent_message = "VM is starting";
  }
  fs::create_directories(v.dir);
  std::string os = disk_path(os_disk_id(s));
  const GuestImage& img = image();
  bool encrypted_os = false;
  try {
    encrypted_os = prepare_os_disk(v, os);
  } catch (const std::exception& e) {
    std::lock_guard l(v.seen);
    v.status = {};
    v.status.power = ports::GuestPower::stopped;
    v.status.agent_message = e.what();
    throw;
  }
  std::string resource = v.dir + "/resource.img";
  create_sparse_disk(resource, options_.resource_disk_gb * kGiB);

  GuestLaunch launch;
  launch.kernel = img.kernel;
  launch.preload = img.uml_preload;
  launch.vm_dir = v.dir;
  launch.umid = "azemu-" + s.vm_id.substr(0, 8);
  launch.memory_mb = std::clamp(s.memory_mb, kMinMemoryMb, std::max(kMinMemoryMb, options_.memory_cap_mb));
  launch.ubd = {"ubd0=" + os, "ubd1=" + resource};
  if (encrypted_os) {
    if (img.initrd.empty()) throw std::runtime_error("the guest image has no initramfs to unlock the encrypted OS disk");
    launch.initrd = img.initrd;
    launch.kernel_args = {"cryptroot=/dev/ubda"};
  }
  auto data = s.data_disks;
  std::sort(data.begin(), data.end(), [](auto& a, auto& b) { return a.lun < b.lun; });
  v.ubd_of_lun.clear();
  int index = 2;
  for (const auto& d : data) {
    std::string path = disk_path(d.disk_id);
    create_sparse_disk(path, std::max<std::int64_t>(d.size_gb, 1) * kGiB);
    // The serial names the LUN; the guest's azdisks.sh turns it into /dev/disk/azure/scsi1/lunN.
    launch.ubd.push_back("ubd" + std::to_string(index) + "=" + path + ",,lun" + std::to_string(d.lun));
    v.ubd_of_lun[d.lun] = index++;
  }
  // Read-only in the guest: the host replaces the file when the keys change (set_bek_volume).
  v.bek_attached = fs::exists(bek_path(v));
  if (v.bek_attached) launch.ubd.push_back("ubd" + std::to_string(kBekUbd) + "r=" + bek_path(v));
  if (options_.network) {
    std::string id;
    for (char c : s.vm_id)
      if (c != '-') id += c;
    launch.netns = "azemu-" + id.substr(0, 12);
    int previous = 0;
    std::ifstream(v.dir + "/ssh_port") >> previous;
    launch.ssh_port = free_loopback_port(previous);  // the same port across restarts when free
    std::ofstream(v.dir + "/ssh_port") << launch.ssh_port << '\n';
    launch.to_host = options_.to_host;
  }
  launch.boot_timeout = options_.boot_timeout;

  auto started = Clock::now();
  try {
    v.guest = UmlGuest::boot(launch);
    v.guest->channel().request(provision_request(s, options_.ca_file, guest_proxy_port()), Clock::now() + 30s);
  } catch (const std::exception& e) {
    v.guest.reset();
    v.bek_attached = false;
    std::lock_guard l(v.seen);
    v.status = {};
    v.status.power = ports::GuestPower::stopped;
    v.status.agent_message = e.what();
    throw;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  log::write(log::Level::info, "guest ready", {{"vm", s.name}, {"vm_id", s.vm_id}, {"boot_ms", ms}});
  std::lock_guard l(v.seen);
  const auto& seen = v.guest->channel().seen();
  v.status.power = ports::GuestPower::running;
  v.status.agent_ready = true;
  v.status.agent_version = seen.version;
  v.status.agent_message = "Guest Agent is running";
  v.status.last_heartbeat = seen.last_heartbeat;
  if (int port = v.guest->ssh_port()) v.status.ssh_port = port;
  else v.status.ssh_port.reset();
}

void UmlRuntime::halt(Vm& v, bool deallocate) {
  {
    std::lock_guard l(v.seen);
    if (v.guest) v.status.power = ports::GuestPower::stopping;
  }
  if (v.guest) v.guest->shutdown(options_.shutdown_grace);
  v.guest.reset();
  v.ubd_of_lun.clear();
  v.bek_attached = false;
  if (deallocate) {
    // Azure's temporary disk does not survive a deallocation.
    std::error_code ec;
    fs::remove(v.dir + "/resource.img", ec);
  }
  std::lock_guard l(v.seen);
  v.status.power = deallocate ? ports::GuestPower::deallocated : ports::GuestPower::stopped;
  v.status.agent_ready = false;
  v.status.agent_message = "VM is not running";
  v.status.ssh_port.reset();
}

void UmlRuntime::create(const ports::VmSpec& spec) {
  auto& v = vm_for_spec(spec);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive()) throw std::runtime_error("VM " + spec.name + " already runs");
  v.spec = spec;
  fs::create_directories(v.dir);
  persist(v);
  boot(v);
}

void UmlRuntime::start(const ports::VmSpec& spec) {
  auto& v = vm_for_spec(spec);
  std::lock_guard op(v.op);
  v.spec = spec;
  fs::create_directories(v.dir);
  persist(v);
  boot(v);
}

void UmlRuntime::stop(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, false);
}

void UmlRuntime::deallocate(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, true);
}

void UmlRuntime::restart(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) {
    boot(v);
    return;
  }
  if (fs::exists(bek_path(v)) || disk::is_luks(disk_path(os_disk_id(v.spec)))) {
    // Azure Disk Encryption: the host looks at the stopped OS image (a pending OS-volume
    // encryption, a LUKS disk that boots through the initramfs), so power-cycle instead of
    // rebooting inside the guest (which would re-run the same kernel command line).
    halt(v, false);
    boot(v);
    return;
  }
  {
    std::lock_guard l(v.seen);
    v.status.power = ports::GuestPower::starting;
    v.status.agent_ready = false;
    v.status.agent_message = "VM is restarting";
  }
  try {
    v.guest->reboot();
  } catch (const std::exception& e) {
    // The guest did not reboot by itself: power-cycle it (still a real boot of the OS disk).
    log::write(log::Level::warn, "guest reboot failed, power-cycling", {{"vm_id", vm_id}, {"error", e.what()}});
    halt(v, false);
  }
  boot(v);  // no-op for the rebooted guest except provisioning below
  v.guest->channel().request(provision_request(v.spec, options_.ca_file, guest_proxy_port()), Clock::now() + 30s);
  std::lock_guard l(v.seen);
  v.status.power = ports::GuestPower::running;
  v.status.agent_ready = true;
  v.status.agent_message = "Guest Agent is running";
  v.status.last_heartbeat = v.guest->channel().seen().last_heartbeat;
}

void UmlRuntime::remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) {
  std::unique_ptr<Vm> owned;
  {
    auto& v = vm(vm_id);
    std::lock_guard op(v.op);
    halt(v, true);
    std::error_code ec;
    if (!keep_os_disk) fs::remove(disk_path(os_disk_id(v.spec)), ec);
    for (const auto& id : delete_data_disk_ids) fs::remove(disk_path(id), ec);
    fs::remove_all(v.dir, ec);
  }
  std::lock_guard lock(mu_);
  if (auto it = vms_.find(vm_id); it != vms_.end()) {
    owned = std::move(it->second);
    vms_.erase(it);
  }
}

void UmlRuntime::attach_disk(const std::string& vm_id, const ports::VmDisk& disk) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  for (const auto& d : v.spec.data_disks)
    if (d.lun == disk.lun) throw std::runtime_error("LUN " + std::to_string(disk.lun) + " is already in use");
  if (static_cast<int>(v.spec.data_disks.size()) >= kMaxDataDisks)
    throw std::runtime_error("the uml runtime attaches at most " + std::to_string(kMaxDataDisks) + " data disks");
  std::string path = disk_path(disk.disk_id);
  create_sparse_disk(path, std::max<std::int64_t>(disk.size_gb, 1) * kGiB);
  if (v.guest && v.guest->alive()) {
    int index = 2;
    std::vector<int> used;
    for (auto& [lun, i] : v.ubd_of_lun) used.push_back(i);
    while (std::find(used.begin(), used.end(), index) != used.end()) ++index;
    // UML's runtime `config` takes no serial: the agent learns the LUN instead.
    v.guest->mconsole("config ubd" + std::to_string(index) + "=" + path);
    v.ubd_of_lun[disk.lun] = index;
    v.guest->channel().request({{"op", "disks"}, {"luns", {{"ubd" + ubd_letter(index), disk.lun}}}}, Clock::now() + 30s);
  }
  v.spec.data_disks.push_back(disk);
  persist(v);
}

void UmlRuntime::detach_disk(const std::string& vm_id, int lun) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive()) {
    if (auto it = v.ubd_of_lun.find(lun); it != v.ubd_of_lun.end()) {
      try {
        v.guest->mconsole("remove ubd" + std::to_string(it->second));
      } catch (const std::exception& e) {
        throw std::runtime_error("cannot detach LUN " + std::to_string(lun) + ": " + e.what() +
                                 " (unmount it in the guest first)");
      }
      v.ubd_of_lun.erase(it);
      v.guest->channel().request({{"op", "disks"}, {"luns", json::object()}}, Clock::now() + 30s);
    }
  }
  auto& disks = v.spec.data_disks;
  disks.erase(std::remove_if(disks.begin(), disks.end(), [&](auto& d) { return d.lun == lun; }), disks.end());
  persist(v);
}

void UmlRuntime::delete_disk(const std::string& disk_id) {
  std::error_code ec;
  fs::remove(disk_path(disk_id), ec);
}

void UmlRuntime::deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running: extensions run in the guest");
  v.guest->channel().request(extension_settings_request(ext), Clock::now() + 30s);
}

std::optional<ports::ExtensionReport> UmlRuntime::extension_status(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  // Answer at once: ask the agent only when nobody else is using the channel (~0.1 ms round trip).
  std::unique_lock op(v.op, std::try_to_lock);
  if (op.owns_lock() && v.guest && v.guest->alive()) {
    try {
      json reply = v.guest->channel().request({{"op", "ext_status"}, {"name", name}}, Clock::now() + 500ms);
      if (!reply["seq"].is_null()) {
        auto report = parse_extension_report(reply);
        std::lock_guard l(v.seen);
        v.reports[name] = report;
      }
    } catch (const std::exception& e) {
      log::write(log::Level::debug, "extension status unavailable", {{"vm_id", vm_id}, {"error", e.what()}});
    }
  }
  std::lock_guard l(v.seen);
  if (auto it = v.reports.find(name); it != v.reports.end()) return it->second;
  return std::nullopt;
}

void UmlRuntime::remove_extension(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive()) v.guest->channel().request({{"op", "ext_remove"}, {"name", name}}, Clock::now() + 330s);
  std::lock_guard l(v.seen);
  v.reports.erase(name);
}

ports::RunCommandResult UmlRuntime::run_command(const std::string& vm_id, const std::string& script) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running");
  ports::RunCommandResult r = run_shell_script(v.guest->channel(), script);
  std::lock_guard l(v.seen);
  v.status.last_heartbeat = v.guest->channel().seen().last_heartbeat;
  return r;
}

ports::GuestStatus UmlRuntime::status(const std::string& vm_id) {
  Vm* v = nullptr;
  try {
    v = &vm(vm_id);
  } catch (const std::exception&) {
    return {};  // never created here: deallocated, no agent
  }
  std::unique_lock op(v->op, std::try_to_lock);
  if (op.owns_lock() && v->guest) {
    bool alive = v->guest->alive();
    try {
      if (alive) v->guest->channel().drain();
    } catch (const std::exception&) {
      alive = false;
    }
    std::lock_guard l(v->seen);
    if (alive) {
      v->status.last_heartbeat = v->guest->channel().seen().last_heartbeat;
    } else {
      // Powered off from inside (`poweroff` in the guest) or crashed: reflect it, clean up.
      v->status.power = ports::GuestPower::stopped;
      v->status.agent_ready = false;
      v->status.agent_message = "VM stopped from inside the guest";
      v->status.ssh_port.reset();
    }
  }
  if (op.owns_lock() && v->guest && !v->guest->alive()) {
    v->guest->shutdown(0ms);
    v->guest.reset();
  }
  std::lock_guard l(v->seen);
  return v->status;
}

std::string UmlRuntime::bek_path(const Vm& v) const { return v.dir + "/bek.img"; }

void UmlRuntime::persist(Vm& v) {
  if (v.spec.vm_id.empty()) return;  // a BEK volume set before create(): create() writes the record
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(bek_path(v)));
}

bool UmlRuntime::prepare_os_disk(Vm& v, const std::string& os) {
  const std::int64_t declared = std::max<std::int64_t>(v.spec.os_disk.size_gb, 1) * kGiB;
  create_os_disk(image().os_image, os, declared, -1);  // resize2fs output is not worth keeping
  auto passphrase = [&]() -> std::string {
    auto key = read_bek_file(bek_path(v), kBekPassphraseFile);
    if (!key || key->empty())
      throw std::runtime_error(std::string("the OS disk is being encrypted but the BEK volume has no ") + kBekPassphraseFile);
    return *key;
  };
  if (disk::is_luks(os)) {
    // A crash during a host-side encryption, or between its last two steps: finish it first.
    if (disk::inspect(os).reencryption_in_progress || static_cast<std::int64_t>(fs::file_size(os)) < declared)
      finish_os_disk_encryption(os, passphrase(), declared);
    return true;
  }
  if (static_cast<std::int64_t>(fs::file_size(os)) < declared) fs::resize_file(os, static_cast<std::uintmax_t>(declared));
  // Only VMs with Azure Disk Encryption (a BEK volume) can have asked for OS-volume encryption.
  if (!fs::exists(bek_path(v)) || !os_encryption_requested(os)) return false;
  auto key = read_bek_file(bek_path(v), kBekPassphraseFile);
  if (!key || key->empty()) {
    // Azure's platform would not restart into an encrypted OS without the key: boot plain, the
    // request stays, the extension keeps reporting VMRestartPending.
    log::write(log::Level::warn, "OS-disk encryption requested but the BEK volume has no key file",
               {{"vm_id", v.spec.vm_id}});
    return false;
  }
  {
    std::lock_guard l(v.seen);
    v.status.agent_message = "Encrypting the OS disk";
  }
  encrypt_os_disk(os, *key, declared);
  return true;
}

std::string UmlRuntime::guest_shell(Vm& v, const std::string& script) {
  json reply = v.guest->channel().request({{"op", "run"}, {"script_b64", text::base64_encode(script)}, {"timeout_s", 60}},
                                          Clock::now() + 90s);
  if (reply.value("exit_code", -1) != 0)
    throw std::runtime_error("in the guest: " + text::base64_decode(reply.value("stderr_b64", std::string())));
  return text::base64_decode(reply.value("stdout_b64", std::string()));
}

void UmlRuntime::set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) {
  ports::VmSpec known;  // a VM not created yet gets its folder now; create() finds the volume there
  known.vm_id = vm_id;
  auto& v = fs::exists(options_.data_dir + "/vms/" + vm_id + "/spec.json") ? vm(vm_id) : vm_for_spec(known);
  std::lock_guard op(v.op);
  fs::create_directories(v.dir);
  const std::string path = bek_path(v), staged = path + ".new";
  if (bek) write_bek_image(staged, *bek);  // before anything changes: a failure leaves the old volume
  const bool running = v.guest && v.guest->alive();
  const std::string slot = "ubd" + std::to_string(kBekUbd);
  std::string remount;  // where the guest had the old volume mounted
  if (running && v.bek_attached) {
    try {
      v.guest->mconsole("remove " + slot);
    } catch (const std::exception&) {
      // Busy: mounted (rc.sysinit, the ADE daemon). Unmount, swap, mount the new one back.
      remount = guest_shell(v, "for m in $(awk '$1==\"/dev/ubdp\"||$1==\"/dev/sdp\"{print $2}' /proc/mounts); do "
                               "umount \"$m\" && echo \"$m\"; done");
      v.guest->mconsole("remove " + slot);
    }
    v.bek_attached = false;
  }
  std::error_code ec;
  if (bek) fs::rename(staged, path);
  else fs::remove(path, ec);
  persist(v);
  if (!running) return;
  if (bek) {
    v.guest->mconsole("config " + slot + "r=" + path);
    v.bek_attached = true;
  }
  // /dev/sdp appears or goes (azdisks.sh); then the mounts the old volume had, read-only.
  v.guest->channel().request({{"op", "disks"}, {"luns", json::object()}}, Clock::now() + 30s);
  if (bek && !remount.empty()) {
    std::string script = "i=0; while [ ! -b /dev/ubdp ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n";
    std::istringstream mounts(remount);
    for (std::string m; std::getline(mounts, m);)
      if (!m.empty()) script += "mount -t vfat -o ro /dev/ubdp '" + m + "'\n";
    guest_shell(v, script);
  }
}

std::optional<std::string> UmlRuntime::disk_file(const std::string& disk_id) const {
  std::error_code ec;
  std::string path = disk_path(disk_id);
  if (!fs::exists(path, ec)) return std::nullopt;
  return path;
}


}  // namespace azemu::vm
