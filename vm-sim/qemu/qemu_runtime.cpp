#include "vm-sim/qemu/qemu_runtime.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "vm-sim/qemu/qemu_guest.hpp"
#include "vm-sim/machine/bek_volume.hpp"
#include "vm-sim/machine/agent_requests.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/machine/guest_process.hpp"
#include "vm-sim/machine/vm_record.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
constexpr std::int64_t kGiB = 1024ll * 1024 * 1024;
constexpr int kOsController = 0, kDataController = 1;
constexpr int kOsLun = 0, kResourceLun = 1, kBekLun = 2;  // on the OS controller
constexpr int kMaxDataDisks = 64;                         // Azure's largest sizes: LUN 0..63

std::string os_disk_id(const ports::VmSpec& s) {
  return s.os_disk.disk_id.empty() ? "/vms/" + s.vm_id + "/osdisk" : s.os_disk.disk_id;
}

bool is_luks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[6] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 6 && std::string(magic, 6) == std::string("LUKS\xba\xbe", 6);
}

/// A guest script: re-runs azdisks.sh (names, BEK mount) until `condition` holds, for up to 10 s
/// (the guest handles a hot-plug event a moment after QMP's device_add returned).
std::string names_script(const std::string& condition) {
  return "i=0; while [ $i -lt 100 ]; do /usr/lib/azemu/azdisks.sh; " + condition +
         " && exit 0; i=$((i + 1)); sleep 0.1; done; exit 1";
}
}  // namespace

/// One VM. `op` serialises lifecycle operations and channel use; `seen` guards what readers
/// (status, extension_status) are answered from without waiting for `op`.
struct QemuRuntime::Vm {
  ports::VmSpec spec;
  std::string dir;
  std::mutex op;
  std::unique_ptr<QemuGuest> guest;
  bool bek_attached = false;
  std::mutex seen;
  ports::GuestStatus status;
  std::map<std::string, ports::ExtensionReport> reports;
};

QemuRuntime::QemuRuntime(QemuOptions options) : options_(std::move(options)) {
  fs::create_directories(options_.data_dir + "/vms");
  fs::create_directories(options_.data_dir + "/disks");
  become_subreaper();  // socat children of a killed QEMU are reaped by the group sweep
}

QemuRuntime::~QemuRuntime() {
  std::lock_guard lock(mu_);
  for (auto& [id, vm] : vms_) {
    std::lock_guard op(vm->op);
    if (vm->guest) vm->guest->shutdown(options_.shutdown_grace);
    vm->guest.reset();
  }
}

const GuestImage& QemuRuntime::image() {
  std::lock_guard lock(image_mu_);
  if (!image_) {
    if (!options_.image_source) throw std::runtime_error("the qemu runtime has no guest image");
    image_ = options_.image_source();
  }
  return *image_;
}

const QemuBootFiles& QemuRuntime::boot_files() {
  std::lock_guard lock(image_mu_);
  if (!boot_files_) {
    boot_files_ = options_.boot_source ? options_.boot_source()
                                       : ensure_qemu_boot_files(options_.data_dir + "/qemu-boot", options_.sources);
    accelerator_ = choose_accelerator(options_.accelerator, options_.sources.qemu, boot_files_->kernel);
  }
  return *boot_files_;
}

std::string QemuRuntime::disk_path(const std::string& disk_id) const {
  auto slash = disk_id.find_last_of('/');
  std::string name = slash == std::string::npos ? disk_id : disk_id.substr(slash + 1);
  return options_.data_dir + "/disks/" + disk_file_name(disk_id, name);
}

std::string QemuRuntime::console_log_path(const std::string& vm_id) const {
  return options_.data_dir + "/vms/" + vm_id + "/console.log";
}

QemuRuntime::Vm& QemuRuntime::vm(const std::string& vm_id) {
  std::lock_guard lock(mu_);
  if (auto it = vms_.find(vm_id); it != vms_.end()) return *it->second;
  std::string dir = options_.data_dir + "/vms/" + vm_id;
  auto spec = load_spec(dir + "/spec.json");
  if (!spec) throw std::runtime_error("VM " + vm_id + " is unknown to the qemu runtime");
  auto v = std::make_unique<Vm>();
  v->spec = std::move(*spec);
  v->dir = dir;
  v->status.power = ports::GuestPower::deallocated;
  return *vms_.emplace(vm_id, std::move(v)).first->second;
}

QemuRuntime::Vm& QemuRuntime::vm_for_spec(const ports::VmSpec& spec) {
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

void QemuRuntime::provision(Vm& v) {
  v.guest->channel().request(provision_request(v.spec, options_.ca_file, guest_proxy_port()), Clock::now() + 60s);
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

void QemuRuntime::boot(Vm& v) {
  if (v.guest && v.guest->alive()) return;
  v.guest.reset();
  const auto& s = v.spec;
  if (static_cast<int>(s.data_disks.size()) > kMaxDataDisks)
    throw std::runtime_error("the qemu runtime attaches at most " + std::to_string(kMaxDataDisks) + " data disks");
  {
    std::lock_guard l(v.seen);
    v.status.power = ports::GuestPower::starting;
    v.status.agent_ready = false;
    v.status.agent_message = "VM is starting";
  }
  try {
    fs::create_directories(v.dir);
    const GuestImage& img = image();
    const QemuBootFiles& files = boot_files();
    std::string os = disk_path(os_disk_id(s));
    create_os_disk(img.os_image, os, std::max<std::int64_t>(s.os_disk.size_gb, 1) * kGiB, -1);
    if (is_luks(os))
      throw std::runtime_error("the OS disk is encrypted (LUKS): booting it is not supported by the qemu runtime "
                               "(its initramfs does not unlock disks; use --vm-runtime uml)");
    std::string resource = v.dir + "/resource.img";
    create_sparse_disk(resource, options_.resource_disk_gb * kGiB);

    QemuLaunch launch;
    launch.qemu = options_.sources.qemu;
    launch.kernel = files.kernel;
    launch.initrd = files.initrd;
    launch.accelerator = accelerator_;
    launch.vm_dir = v.dir;
    launch.memory_mb = options_.memory_mb;
    launch.cpus = options_.cpus;
    launch.disks = {{os, kOsController, kOsLun, false}, {resource, kOsController, kResourceLun, false}};
    auto data = s.data_disks;
    std::sort(data.begin(), data.end(), [](auto& a, auto& b) { return a.lun < b.lun; });
    for (const auto& d : data) {
      std::string path = disk_path(d.disk_id);
      create_sparse_disk(path, std::max<std::int64_t>(d.size_gb, 1) * kGiB);
      launch.disks.push_back({path, kDataController, d.lun, false});
    }
    // Read-only in the guest: the host replaces the file when the keys change (set_bek_volume).
    v.bek_attached = fs::exists(v.dir + "/bek.img");
    if (v.bek_attached) launch.disks.push_back({v.dir + "/bek.img", kOsController, kBekLun, true});
    launch.network = options_.network;
    if (options_.network) {
      int previous = 0;
      std::ifstream(v.dir + "/ssh_port") >> previous;
      launch.ssh_port = free_loopback_port(previous);  // the same port across restarts when free
      std::ofstream(v.dir + "/ssh_port") << launch.ssh_port << '\n';
      launch.to_host = options_.to_host;
    }
    launch.boot_timeout = options_.boot_timeout;

    auto started = Clock::now();
    v.guest = QemuGuest::boot(launch);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    provision(v);
    log::write(log::Level::info, "guest ready",
               {{"vm", s.name}, {"vm_id", s.vm_id}, {"runtime", "qemu"}, {"accelerator", accelerator_}, {"boot_ms", ms}});
  } catch (const std::exception& e) {
    if (v.guest) v.guest->shutdown(0ms);
    v.guest.reset();
    std::lock_guard l(v.seen);
    v.status = {};
    v.status.power = ports::GuestPower::stopped;
    v.status.agent_message = e.what();
    throw;
  }
}

void QemuRuntime::halt(Vm& v, bool deallocate) {
  {
    std::lock_guard l(v.seen);
    if (v.guest) v.status.power = ports::GuestPower::stopping;
  }
  if (v.guest) v.guest->shutdown(options_.shutdown_grace);
  v.guest.reset();
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

void QemuRuntime::create(const ports::VmSpec& spec) {
  auto& v = vm_for_spec(spec);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive()) throw std::runtime_error("VM " + spec.name + " already runs");
  v.spec = spec;
  fs::create_directories(v.dir);
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(v.dir + "/bek.img"));
  boot(v);
}

void QemuRuntime::start(const ports::VmSpec& spec) {
  auto& v = vm_for_spec(spec);
  std::lock_guard op(v.op);
  v.spec = spec;
  fs::create_directories(v.dir);
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(v.dir + "/bek.img"));
  boot(v);
}

void QemuRuntime::stop(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, false);
}

void QemuRuntime::deallocate(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, true);
}

void QemuRuntime::restart(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) {
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
    boot(v);
    return;
  }
  provision(v);
}

void QemuRuntime::remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) {
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

void QemuRuntime::guest_script(Vm& v, const std::string& script, const std::string& what) {
  json reply = v.guest->channel().request({{"op", "run"}, {"script_b64", text::base64_encode(script)}, {"timeout_s", 60}},
                                          Clock::now() + 90s);
  if (reply.value("exit_code", -1) != 0)
    throw std::runtime_error(what + " (guest: " + text::base64_decode(reply.value("stderr_b64", std::string())) + ")");
}

void QemuRuntime::attach_disk(const std::string& vm_id, const ports::VmDisk& disk) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  for (const auto& d : v.spec.data_disks)
    if (d.lun == disk.lun) throw std::runtime_error("LUN " + std::to_string(disk.lun) + " is already in use");
  if (disk.lun < 0 || disk.lun >= kMaxDataDisks) throw std::runtime_error("LUN " + std::to_string(disk.lun) + " is out of range");
  std::string path = disk_path(disk.disk_id);
  create_sparse_disk(path, std::max<std::int64_t>(disk.size_gb, 1) * kGiB);
  if (v.guest && v.guest->alive()) {
    v.guest->attach({path, kDataController, disk.lun, false});
    const std::string link = "/dev/disk/azure/scsi1/lun" + std::to_string(disk.lun);
    guest_script(v, names_script("[ -e " + link + " ]"), "the guest did not see the disk at LUN " + std::to_string(disk.lun));
  }
  v.spec.data_disks.push_back(disk);
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(v.dir + "/bek.img"));
}

void QemuRuntime::detach_disk(const std::string& vm_id, int lun) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  auto& disks = v.spec.data_disks;
  bool known = std::any_of(disks.begin(), disks.end(), [&](auto& d) { return d.lun == lun; });
  if (known && v.guest && v.guest->alive()) {
    // A real guest would lose a mounted filesystem (or an open dm-crypt volume) without warning:
    // refuse, as the UML runtime does.
    const std::string link = "/dev/disk/azure/scsi1/lun" + std::to_string(lun);
    guest_script(v,
                 "d=$(readlink -f " + link + ") || exit 0; n=${d##*/}; grep -q \"^$d[0-9]* \" /proc/mounts && "
                 "{ echo \"$d is mounted\" >&2; exit 3; }; for h in /sys/block/$n/holders/* /sys/block/$n/$n*/holders/*; do "
                 "[ -e \"$h\" ] && { echo \"$d is in use by ${h##*/}\" >&2; exit 3; }; done; exit 0",
                 "cannot detach LUN " + std::to_string(lun) + ": unmount it in the guest first");
    v.guest->detach(kDataController, lun);
    guest_script(v, names_script("[ ! -e " + link + " ]"), "the guest still sees the disk at LUN " + std::to_string(lun));
  }
  disks.erase(std::remove_if(disks.begin(), disks.end(), [&](auto& d) { return d.lun == lun; }), disks.end());
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(v.dir + "/bek.img"));
}

void QemuRuntime::delete_disk(const std::string& disk_id) {
  std::error_code ec;
  fs::remove(disk_path(disk_id), ec);
}

void QemuRuntime::deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running: extensions run in the guest");
  v.guest->channel().request(extension_settings_request(ext), Clock::now() + 60s);
}

std::optional<ports::ExtensionReport> QemuRuntime::extension_status(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  // Answer at once: ask the agent only when nobody else is using the channel.
  std::unique_lock op(v.op, std::try_to_lock);
  if (op.owns_lock() && v.guest && v.guest->alive()) {
    try {
      json reply = v.guest->channel().request({{"op", "ext_status"}, {"name", name}}, Clock::now() + 1000ms);
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

void QemuRuntime::remove_extension(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive()) v.guest->channel().request({{"op", "ext_remove"}, {"name", name}}, Clock::now() + 330s);
  std::lock_guard l(v.seen);
  v.reports.erase(name);
}

ports::RunCommandResult QemuRuntime::run_command(const std::string& vm_id, const std::string& script) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running");
  ports::RunCommandResult r = run_shell_script(v.guest->channel(), script);
  std::lock_guard l(v.seen);
  v.status.last_heartbeat = v.guest->channel().seen().last_heartbeat;
  return r;
}

ports::GuestStatus QemuRuntime::status(const std::string& vm_id) {
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

void QemuRuntime::set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  fs::create_directories(v.dir);
  const std::string path = v.dir + "/bek.img", staged = path + ".new";
  if (bek) write_bek_image(staged, *bek);  // before anything changes: a failure leaves the old volume
  const bool running = v.guest && v.guest->alive();
  if (running && v.bek_attached) {
    guest_script(v, "grep -q ' /mnt/azure_bek_disk ' /proc/mounts && umount /mnt/azure_bek_disk; exit 0",
                 "cannot unmount the old BEK volume");
    v.guest->detach(kOsController, kBekLun);
    v.bek_attached = false;
  }
  std::error_code ec;
  if (bek) fs::rename(staged, path);
  else fs::remove(path, ec);
  if (running && bek) {
    v.guest->attach({path, kOsController, kBekLun, true});
    v.bek_attached = true;
    guest_script(v, names_script("grep -q ' /mnt/azure_bek_disk ' /proc/mounts"), "the guest did not mount the BEK volume");
  }
  save_spec(v.dir + "/spec.json", v.spec, bek.has_value());
}

std::optional<std::string> QemuRuntime::disk_file(const std::string& disk_id) const {
  std::error_code ec;
  std::string path = disk_path(disk_id);
  if (!fs::exists(path, ec)) return std::nullopt;
  return path;
}

}  // namespace azemu::vm
