// GuestRuntime: see guest_runtime.hpp. Every method takes the VM's `op` lock for its whole
// operation; status() and extension_status() only try it, so a GET never waits for a boot.
#include "vm-sim/machine/guest_runtime.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/machine/agent_requests.hpp"
#include "vm-sim/machine/bek_volume.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/machine/guest_process.hpp"
#include "vm-sim/machine/guest_runtime_vm.hpp"
#include "vm-sim/machine/vm_record.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
constexpr int kMaxLun = 63;  // Azure's largest sizes: LUN 0..63
}  // namespace

GuestRuntime::GuestRuntime(GuestRuntimeOptions options, std::unique_ptr<Hypervisor> hypervisor)
    : options_(std::move(options)), hypervisor_(std::move(hypervisor)) {
  fs::create_directories(options_.data_dir + "/vms");
  fs::create_directories(options_.data_dir + "/disks");
  // Helpers orphaned by a killed guest (UML's, QEMU's socat children) are reparented to us and
  // reaped by the group sweep.
  become_subreaper();
  if (options_.warm_guests > 0) {
    // Spares of an azemu that was killed: their guests died with it, their files are garbage. Only
    // here: a runtime without warm guests may be `azemu vm disks` beside a running azemu.
    std::error_code ec;
    fs::remove_all(options_.data_dir + "/spares", ec);
    spares_ = std::make_unique<SparePool>(options_.warm_guests, [this] { return boot_spare(); }, options_.timeouts.shutdown_grace);
  }
}

GuestRuntime::~GuestRuntime() {
  spares_.reset();  // first: its thread may be booting one
  std::lock_guard lock(mu_);
  for (auto& entry : vms_) {
    Vm& v = *entry.second;
    std::lock_guard op(v.op);
    if (v.guest) v.guest->shutdown(options_.timeouts.shutdown_grace);
    v.guest.reset();
  }
}

std::string GuestRuntime::disk_path(const std::string& disk_id) const {
  auto slash = disk_id.find_last_of('/');
  std::string name = slash == std::string::npos ? disk_id : disk_id.substr(slash + 1);
  return options_.data_dir + "/disks/" + disk_file_name(disk_id, name);
}

std::string GuestRuntime::console_log_path(const std::string& vm_id) const {
  return options_.data_dir + "/vms/" + vm_id + "/console.log";
}

GuestRuntime::Vm& GuestRuntime::vm(const std::string& vm_id) {
  std::lock_guard lock(mu_);
  if (auto it = vms_.find(vm_id); it != vms_.end()) return *it->second;
  std::string dir = options_.data_dir + "/vms/" + vm_id;
  auto spec = load_spec(dir + "/spec.json");
  if (!spec) throw std::runtime_error("VM " + vm_id + " is unknown to the " + kind() + " runtime");
  auto v = std::make_unique<Vm>();
  v->spec = std::move(*spec);
  v->dir = dir;
  v->status.power = ports::GuestPower::deallocated;
  return *vms_.emplace(vm_id, std::move(v)).first->second;
}

GuestRuntime::Vm& GuestRuntime::vm_for_spec(const ports::VmSpec& spec) {
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

std::string GuestRuntime::bek_path(const Vm& v) const { return v.dir + "/bek.img"; }

void GuestRuntime::persist(Vm& v) {
  if (v.spec.vm_id.empty()) return;  // a BEK volume set before create(): create() writes the record
  save_spec(v.dir + "/spec.json", v.spec, fs::exists(bek_path(v)));
}

MachineLaunch GuestRuntime::launch_for(Vm& v) {
  const auto& s = v.spec;
  MachineLaunch launch;
  launch.vm_id = s.vm_id;
  launch.vm_dir = v.dir;
  launch.memory_mb = s.memory_mb;
  launch.cpus = s.cpus;
  launch.os_disk = disk_path(os_disk_id(s));
  OsDiskPrep prep{s.vm_id, launch.os_disk, bytes_of(s.os_disk.size_gb), fs::exists(bek_path(v)) ? bek_path(v) : "",
                  [&v](const std::string& message) {
                    std::lock_guard l(v.seen);
                    v.status.agent_message = message;
                  }};
  launch.encrypted_os = hypervisor_->prepare_os_disk(prep);
  launch.resource_disk = v.dir + "/resource.img";
  create_sparse_disk(launch.resource_disk, options_.resource_disk_gb * kGiB);
  auto data = s.data_disks;
  std::sort(data.begin(), data.end(), [](auto& a, auto& b) { return a.lun < b.lun; });
  for (const auto& d : data) {
    DataDiskFile file{d.lun, disk_path(d.disk_id)};
    create_sparse_disk(file.path, bytes_of(d.size_gb));
    launch.data_disks.push_back(file);
  }
  // Read-only in the guest: the host replaces the file when the keys change (set_bek_volume).
  if (fs::exists(bek_path(v))) launch.bek_volume = bek_path(v);
  launch.network = options_.network;
  if (options_.network) {
    int previous = 0;
    std::ifstream(v.dir + "/ssh_port") >> previous;
    launch.ssh_port = free_loopback_port(previous);  // the same port across restarts when free
    std::ofstream(v.dir + "/ssh_port") << launch.ssh_port << '\n';
    launch.to_host = options_.to_host;
  }
  launch.boot_timeout = options_.boot_timeout;
  launch.timeouts = options_.timeouts;
  return launch;
}

void GuestRuntime::provision(Vm& v) {
  v.guest->channel().request(provision_request(v.spec, options_.ca_file, guest_proxy_port()),
                             Clock::now() + options_.timeouts.agent_request);
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

void GuestRuntime::boot(Vm& v) {
  if (v.guest && v.guest->alive()) return;
  v.guest.reset();
  const auto& s = v.spec;
  const int max_disks = hypervisor_->max_data_disks();
  if (static_cast<int>(s.data_disks.size()) > max_disks)
    throw std::runtime_error("the " + kind() + " runtime attaches at most " + std::to_string(max_disks) + " data disks");
  {
    std::lock_guard l(v.seen);
    v.status.power = ports::GuestPower::starting;
    v.status.agent_ready = false;
    v.status.agent_message = "VM is starting";
  }
  try {
    fs::create_directories(v.dir);
    MachineLaunch launch = launch_for(v);
    auto started = Clock::now();
    v.guest = hypervisor_->boot(launch);
    provision(v);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    log::write(log::Level::info, "guest ready", {{"vm", s.name}, {"vm_id", s.vm_id}, {"runtime", kind()}, {"boot_ms", ms}});
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

void GuestRuntime::halt(Vm& v, bool deallocate) {
  {
    std::lock_guard l(v.seen);
    if (v.guest) v.status.power = ports::GuestPower::stopping;
  }
  if (v.guest) v.guest->shutdown(options_.timeouts.shutdown_grace);
  v.guest.reset();
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

void GuestRuntime::create(const ports::VmSpec& spec) { boot_spec(spec, true); }

void GuestRuntime::start(const ports::VmSpec& spec) { boot_spec(spec, false); }

void GuestRuntime::boot_spec(const ports::VmSpec& spec, bool refuse_running) {
  auto& v = vm_for_spec(spec);
  std::lock_guard op(v.op);
  if (refuse_running && v.guest && v.guest->alive()) throw std::runtime_error("VM " + spec.name + " already runs");
  v.spec = spec;  // start: the size or the disks may have changed while stopped
  if (refuse_running && adopt_spare(v)) return;
  fs::create_directories(v.dir);
  persist(v);
  boot(v);
}

void GuestRuntime::stop(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, false);
}

void GuestRuntime::deallocate(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  halt(v, true);
}

void GuestRuntime::restart(const std::string& vm_id) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) {
    boot(v);
    return;
  }
  if (!v.guest->reboots_in_place() ||
      hypervisor_->restart_needs_power_cycle(disk_path(os_disk_id(v.spec)), fs::exists(bek_path(v)))) {
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
    boot(v);
    return;
  }
  provision(v);
}

void GuestRuntime::remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) {
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

void GuestRuntime::attach_disk(const std::string& vm_id, const ports::VmDisk& disk) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  for (const auto& d : v.spec.data_disks)
    if (d.lun == disk.lun) throw std::runtime_error("LUN " + std::to_string(disk.lun) + " is already in use");
  if (disk.lun < 0 || disk.lun > kMaxLun) throw std::runtime_error("LUN " + std::to_string(disk.lun) + " is out of range");
  const int max_disks = hypervisor_->max_data_disks();
  if (static_cast<int>(v.spec.data_disks.size()) >= max_disks)
    throw std::runtime_error("the " + kind() + " runtime attaches at most " + std::to_string(max_disks) + " data disks");
  std::string path = disk_path(disk.disk_id);
  create_sparse_disk(path, bytes_of(disk.size_gb));
  if (v.guest && v.guest->alive()) v.guest->attach_data_disk(disk.lun, path);
  v.spec.data_disks.push_back(disk);
  persist(v);
}

void GuestRuntime::detach_disk(const std::string& vm_id, int lun) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  auto& disks = v.spec.data_disks;
  bool known = std::any_of(disks.begin(), disks.end(), [lun](auto& d) { return d.lun == lun; });
  if (known && v.guest && v.guest->alive()) v.guest->detach_data_disk(lun);
  disks.erase(std::remove_if(disks.begin(), disks.end(), [lun](auto& d) { return d.lun == lun; }), disks.end());
  persist(v);
}

void GuestRuntime::delete_disk(const std::string& disk_id) {
  std::error_code ec;
  fs::remove(disk_path(disk_id), ec);
}

void GuestRuntime::deliver_extension(const std::string& vm_id, const ports::ExtensionDelivery& ext) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running: extensions run in the guest");
  v.guest->channel().request(extension_settings_request(ext), Clock::now() + options_.timeouts.agent_request);
}

std::optional<ports::ExtensionReport> GuestRuntime::extension_status(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  // Answer at once: ask the agent only when nobody else is using the channel (~0.1 ms round trip).
  std::unique_lock op(v.op, std::try_to_lock);
  if (op.owns_lock() && v.guest && v.guest->alive()) {
    try {
      json reply = v.guest->channel().request({{"op", "ext_status"}, {"name", name}},
                                              Clock::now() + options_.timeouts.extension_status);
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

void GuestRuntime::remove_extension(const std::string& vm_id, const std::string& name) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (v.guest && v.guest->alive())
    v.guest->channel().request({{"op", "ext_remove"}, {"name", name}}, Clock::now() + options_.timeouts.extension_remove);
  std::lock_guard l(v.seen);
  v.reports.erase(name);
}

ports::RunCommandResult GuestRuntime::run_command(const std::string& vm_id, const std::string& script) {
  auto& v = vm(vm_id);
  std::lock_guard op(v.op);
  if (!v.guest || !v.guest->alive()) throw std::runtime_error("VM is not running");
  ports::RunCommandResult r = run_shell_script(v.guest->channel(), script);
  std::lock_guard l(v.seen);
  v.status.last_heartbeat = v.guest->channel().seen().last_heartbeat;
  return r;
}

ports::GuestStatus GuestRuntime::status(const std::string& vm_id) {
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

void GuestRuntime::set_bek_volume(const std::string& vm_id, const std::optional<ports::BekVolume>& bek) {
  ports::VmSpec known;  // a VM not created yet gets its folder now; create() finds the volume there
  known.vm_id = vm_id;
  auto& v = fs::exists(options_.data_dir + "/vms/" + vm_id + "/spec.json") ? vm(vm_id) : vm_for_spec(known);
  std::lock_guard op(v.op);
  fs::create_directories(v.dir);
  const std::string path = bek_path(v), staged = path + ".new";
  if (bek) write_bek_image(staged, *bek);  // before anything changes: a failure leaves the old volume
  const bool replace = bek.has_value();
  auto swap_file = [this, &v, replace, &path, &staged] {
    std::error_code ec;
    if (replace) fs::rename(staged, path);
    else fs::remove(path, ec);
    persist(v);
  };
  if (v.guest && v.guest->alive()) v.guest->replace_bek_volume(replace ? path : "", swap_file);
  else swap_file();
}

std::optional<std::string> GuestRuntime::disk_file(const std::string& disk_id) const {
  std::error_code ec;
  std::string path = disk_path(disk_id);
  if (!fs::exists(path, ec)) return std::nullopt;
  return path;
}

}  // namespace azemu::vm
