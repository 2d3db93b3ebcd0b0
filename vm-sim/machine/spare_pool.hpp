// Pre-booted spare guests (`azemu start --warm-guests N`): N guests of one machine shape, booted
// in the background, agent ready but not provisioned, so that a VM create that fits the shape
// takes one instead of booting (GuestRuntime::adopt_spare). This file keeps the pool full and
// moves a spare's files to the VM that adopts it; it does not decide which VM fits, nor boot a
// guest itself (GuestRuntime gives it the boot function). A spare is never a VM: it has no
// spec.json and lives in <data-dir>/spares/<id>/ (os.img, resource.img, ssh_port, console.log, sockets).
#pragma once

#include "emulator/exec/jobs.hpp"
#include "vm-sim/machine/hypervisor.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace azemu::vm {

/// The machine every spare is booted as. The defaults are what `az vm create` makes without
/// options: Standard_DS1_v2 (1 core, 3.5 GiB) and a 30 GiB OS disk from the image.
struct SpareShape {
  std::string image;            // VmSpec::image a spare fits; "": any (UML boots one guest image for every reference)
  int memory_mb = 3584;         // compared as Hypervisor::guest_memory_mb: UML caps both to the same RAM
  int cpus = 1;
  std::int64_t os_disk_gb = 30;
};

/// One booted, unprovisioned guest and the folder holding its files.
struct Spare {
  std::unique_ptr<Guest> guest;
  std::string dir;  // <data-dir>/spares/<id>
};

/// Makes `spare`'s files the VM's: its os.img becomes `os_disk`, its folder becomes `vm_dir`
/// (whatever `vm_dir` held already, such as a BEK volume, moves in first). The guest still names
/// its sockets (console, network relays, mconsole) and its OS disk by the old paths, so symlinks
/// there (the old folder -> `vm_dir`, os.img -> `os_disk`) keep them working while the guest
/// runs; the returned Guest removes them when it ends, and restarts by a power cycle. Renames
/// only: the running guest keeps its open files. Throws std::filesystem::filesystem_error.
std::unique_ptr<Guest> adopt_spare_files(Spare spare, const std::string& vm_dir, const std::string& os_disk);

class SparePool {
public:
  using Clock = std::chrono::steady_clock;
  /// Boots one spare (seconds; runs on the pool's own thread). Throws when it cannot.
  using BootSpare = std::function<Spare()>;

  /// Keeps `target` spares; starts booting them at once, one at a time.
  SparePool(int target, BootSpare boot, std::chrono::milliseconds shutdown_grace);
  /// Waits for a boot in progress, then shuts every spare down and deletes its folder.
  ~SparePool();
  SparePool(const SparePool&) = delete;
  SparePool& operator=(const SparePool&) = delete;

  /// A ready spare, or nullopt when none is (the caller boots cold: it never waits for one).
  /// Either way the pool starts refilling.
  std::optional<Spare> take();
  /// Blocks until `target` spares are ready; false at `deadline`, or when a boot failed and none
  /// is under way (tests, bench: a measured create must find a spare).
  bool wait_full(Clock::time_point deadline);

private:
  void fill();      // posts boots until ready + booting reaches the target
  void boot_one();  // on the pool's thread

  const std::size_t target_;
  BootSpare boot_;
  std::chrono::milliseconds grace_;
  std::mutex mu_;  // guards ready_, booting_, stopping_
  std::condition_variable changed_;
  std::vector<Spare> ready_;
  std::size_t booting_ = 0;
  bool stopping_ = false;
  std::unique_ptr<exec::PoolJobs> jobs_;  // one thread: spares boot one after another, beside VM boots
};

}  // namespace azemu::vm
