// Not a test: the measurement behind bench/vm_boot.sh (skipped unless run with --no-skip).
// Prints one "create_to_ready_ms=" line per run (a fresh VM each: OS disk copy, network, boot,
// agent ready, provisioning), then the memory of one running guest: the UML main process's RSS and
// the PSS of all its processes (shared pages counted once, a shared address space once). Then one
// "create_to_ready_warm_ms=" line per run with a warm guest (`--warm-guests 1`): each create
// adopts a spare, whose refill is waited for before the next create (outside the measured time).
#include "vm-sim/uml/uml_runtime.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

using namespace azemu;
using namespace azemu::vm;
namespace fs = std::filesystem;

namespace {
long field_kb(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + key.size());
  return 0;
}
}  // namespace

TEST_CASE("bench: create to agent ready, and memory per running guest" * doctest::skip()) {
  auto sources = GuestImageSources::defaults();
  REQUIRE(sources.available());
  auto image = ensure_guest_image(AZEMU_TEST_GUEST_CACHE, sources);
  const char* runs_env = std::getenv("BENCH_RUNS");
  int runs = runs_env ? std::atoi(runs_env) : 5;
  char tmpl[] = "/tmp/azemu-vmbench-XXXXXX";
  std::string data_dir = mkdtemp(tmpl);
  UmlOptions o;
  o.data_dir = data_dir;
  o.image = image;
  UmlRuntime rt(o);
  std::mt19937_64 rng(std::random_device{}());
  for (int i = 0; i < runs; ++i) {
    ports::VmSpec s;
    std::ostringstream id;
    id << std::hex << rng() << "-0000-4000-8000-" << rng();
    s.vm_id = id.str().substr(0, 36);
    s.name = "bench" + std::to_string(i);
    s.admin_username = "azureuser";
    s.os_disk = {"/disks/bench" + std::to_string(i) + "_os", "os", -1, 30, true};
    s.data_disks.push_back({"/disks/bench" + std::to_string(i) + "_d0", "d0", 0, 8, false});
    auto t0 = std::chrono::steady_clock::now();
    rt.create(s);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    std::printf("create_to_ready_ms=%lld\n", static_cast<long long>(ms));
    if (i == runs - 1) {
      rt.run_command(s.vm_id, "mkfs.ext4 -q /dev/sdc && mount /dev/sdc /mnt && echo warm > /mnt/f && sync");
      std::string dir = data_dir + "/vms/" + s.vm_id;
      long rss_main = 0, pss_group = 0;
      int procs = 0;
      std::set<std::pair<long, long>> shared_mm;
      for (const auto& e : fs::directory_iterator("/proc")) {
        std::string pid = e.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream in(e.path() / "cmdline");
        std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (cmd.find(dir) == std::string::npos) continue;
        ++procs;
        long pss = field_kb(e.path() / "smaps_rollup", "Pss:");
        long rss = field_kb(e.path() / "status", "VmRSS:");
        // UML's I/O helpers are clone(CLONE_VM) children: one address space shown three times.
        if (shared_mm.insert({rss, pss}).second) pss_group += pss;
        std::printf("  pid=%s rss_kb=%ld pss_kb=%ld %s\n", pid.c_str(), field_kb(e.path() / "status", "VmRSS:"), pss,
                    cmd.substr(0, cmd.find('\0')).c_str());
        if (cmd.rfind(image.kernel, 0) == 0) rss_main = std::max(rss_main, field_kb(e.path() / "status", "VmRSS:"));
      }
      std::printf("guest_processes=%d rss_main_kb=%ld pss_group_kb=%ld\n", procs, rss_main, pss_group);
    }
    rt.remove(s.vm_id, false, {s.data_disks[0].disk_id});
  }
  fs::remove_all(data_dir);
}

TEST_CASE("bench: create to agent ready with a warm guest" * doctest::skip()) {
  auto sources = GuestImageSources::defaults();
  REQUIRE(sources.available());
  auto image = ensure_guest_image(AZEMU_TEST_GUEST_CACHE, sources);
  const char* runs_env = std::getenv("BENCH_RUNS");
  int runs = runs_env ? std::atoi(runs_env) : 5;
  char tmpl[] = "/tmp/azemu-vmbench-XXXXXX";
  std::string data_dir = mkdtemp(tmpl);
  {
    UmlOptions o;
    o.data_dir = data_dir;
    o.image = image;
    o.warm_guests = 1;  // the default shape: az vm create's 30 GiB OS disk; 512 MiB and 3.5 GiB are the same capped guest
    UmlRuntime rt(o);
    std::mt19937_64 rng(std::random_device{}());
    for (int i = 0; i < runs; ++i) {
      REQUIRE(rt.wait_for_spares(std::chrono::steady_clock::now() + std::chrono::seconds(120)));
      ports::VmSpec s;
      std::ostringstream id;
      id << std::hex << std::setfill('0') << std::setw(16) << rng() << "-0000-4000-8000-" << rng();
      s.vm_id = id.str().substr(0, 36);
      s.name = "warm" + std::to_string(i);
      s.admin_username = "azureuser";
      s.os_disk = {"/disks/warm" + std::to_string(i) + "_os", "os", -1, 30, true};
      s.data_disks.push_back({"/disks/warm" + std::to_string(i) + "_d0", "d0", 0, 8, false});
      auto t0 = std::chrono::steady_clock::now();
      rt.create(s);
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
      std::printf("create_to_ready_warm_ms=%lld\n", static_cast<long long>(ms));
      rt.remove(s.vm_id, false, {s.data_disks[0].disk_id});
    }
  }
  fs::remove_all(data_dir);
}
