// SparePool and adopt_spare_files: see spare_pool.hpp.
#include "vm-sim/machine/spare_pool.hpp"

#include "emulator/log/log.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace azemu::vm {

namespace fs = std::filesystem;

namespace {
/// An adopted spare's guest: everything goes to the guest, except that a restart is a power
/// cycle (the spare's command line has none of the VM's data disks). When it ends (released by
/// then) the symlinks that kept its old paths working go too.
class AdoptedGuest final : public Guest {
public:
  AdoptedGuest(std::unique_ptr<Guest> guest, std::vector<std::string> links)
      : guest_(std::move(guest)), links_(std::move(links)) {}
  ~AdoptedGuest() override {
    guest_.reset();
    std::error_code ec;
    for (const auto& link : links_)
      if (fs::is_symlink(fs::symlink_status(link, ec))) fs::remove(link, ec);  // the link only, never its target
  }

  ControlChannel& channel() override { return guest_->channel(); }
  bool alive() override { return guest_->alive(); }
  int ssh_port() const override { return guest_->ssh_port(); }
  void reboot() override { guest_->reboot(); }
  bool reboots_in_place() const override { return false; }
  void shutdown(std::chrono::milliseconds grace) override { guest_->shutdown(grace); }
  void attach_data_disk(int lun, const std::string& path) override { guest_->attach_data_disk(lun, path); }
  void detach_data_disk(int lun) override { guest_->detach_data_disk(lun); }
  void replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) override {
    guest_->replace_bek_volume(path, swap_file);
  }

private:
  std::unique_ptr<Guest> guest_;
  std::vector<std::string> links_;
};
}  // namespace

std::unique_ptr<Guest> adopt_spare_files(Spare spare, const std::string& vm_dir, const std::string& os_disk) {
  fs::rename(spare.dir + "/os.img", os_disk);
  // A reboot from inside the guest re-executes UML's command line, which names os.img.
  fs::create_symlink(os_disk, spare.dir + "/os.img");
  if (fs::exists(vm_dir)) {
    // set_bek_volume before create made the folder: its files join the spare's.
    for (const auto& entry : fs::directory_iterator(vm_dir)) fs::rename(entry.path(), fs::path(spare.dir) / entry.path().filename());
    fs::remove(vm_dir);
  }
  fs::rename(spare.dir, vm_dir);
  // Unix sockets are reached by path: socat's relays, UML's mconsole and its own reply socket
  // name the old folder, so the old folder's name must keep leading to the sockets.
  fs::create_directory_symlink(vm_dir, spare.dir);
  return std::make_unique<AdoptedGuest>(std::move(spare.guest), std::vector<std::string>{vm_dir + "/os.img", spare.dir});
}

SparePool::SparePool(int target, BootSpare boot, std::chrono::milliseconds shutdown_grace)
    : target_(static_cast<std::size_t>(std::max(target, 0))),
      boot_(std::move(boot)),
      grace_(shutdown_grace),
      jobs_(std::make_unique<exec::PoolJobs>(1)) {
  fill();
}

SparePool::~SparePool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  jobs_.reset();  // joins: a boot in progress ends (and shuts its guest down), queued ones return at once
  for (auto& spare : ready_) {
    spare.guest->shutdown(grace_);
    spare.guest.reset();
    std::error_code ec;
    fs::remove_all(spare.dir, ec);
  }
}

std::optional<Spare> SparePool::take() {
  std::optional<Spare> taken;
  {
    std::lock_guard lock(mu_);
    // A spare whose guest died (OOM, crash) is no use: drop it and look at the next.
    while (!ready_.empty() && !taken) {
      Spare s = std::move(ready_.front());
      ready_.erase(ready_.begin());
      if (s.guest->alive()) {
        taken = std::move(s);
      } else {
        s.guest->shutdown(std::chrono::milliseconds(0));
        std::error_code ec;
        fs::remove_all(s.dir, ec);
      }
    }
  }
  fill();
  return taken;
}

bool SparePool::wait_full(Clock::time_point deadline) {
  std::unique_lock lock(mu_);
  changed_.wait_until(lock, deadline, [this] { return ready_.size() >= target_ || booting_ == 0; });
  return ready_.size() >= target_;
}

void SparePool::fill() {
  std::lock_guard lock(mu_);
  while (!stopping_ && ready_.size() + booting_ < target_) {
    ++booting_;
    jobs_->post([this] { boot_one(); });
  }
}

void SparePool::boot_one() {
  std::optional<Spare> spare;
  bool stopping = false;
  {
    std::lock_guard lock(mu_);
    stopping = stopping_;
  }
  if (!stopping) {
    auto started = Clock::now();
    try {
      spare = boot_();
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
      log::write(log::Level::info, "spare guest ready", {{"dir", spare->dir}, {"boot_ms", ms}});
    } catch (const std::exception& e) {
      // No retry here: the next take() tries again, so a broken image does not boot in a loop.
      log::write(log::Level::warn, "spare guest did not boot", {{"error", e.what()}});
    }
  }
  std::lock_guard lock(mu_);
  --booting_;
  if (spare && stopping_) {
    spare->guest->shutdown(grace_);
    spare->guest.reset();
    std::error_code ec;
    fs::remove_all(spare->dir, ec);
  } else if (spare) {
    ready_.push_back(std::move(*spare));
  }
  changed_.notify_all();
}

}  // namespace azemu::vm
