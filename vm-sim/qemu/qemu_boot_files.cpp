#include "vm-sim/qemu/qemu_boot_files.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/machine/guest_process.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm {

namespace fs = std::filesystem;

namespace {
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool has_kernel(const std::string& root) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root + "/boot", ec))
    if (e.path().filename().string().rfind("vmlinuz-", 0) == 0) return true;
  return false;
}

/// Boots `kernel` under KVM without disks and waits for its banner on the serial line.
bool kvm_boots(const std::string& qemu, const std::string& kernel) {
  int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  close(fd);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return false;
  SpawnOptions o;
  o.argv = {qemu, "-nodefaults", "-no-user-config", "-display", "none", "-machine", "pc,accel=kvm", "-cpu", "host",
            "-m", "128", "-kernel", kernel, "-append", "console=ttyS0 earlyprintk=serial,ttyS0 panic=-1", "-serial",
            "stdio", "-no-reboot"};
  o.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"};
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  o.fds = {{1, out[1]}, {2, devnull}};
  std::optional<GuestProcess> p;
  try {
    p = GuestProcess::spawn(o);
  } catch (const std::exception&) {
    close(out[0]);
    close(out[1]);
    close(devnull);
    return false;
  }
  close(out[1]);
  close(devnull);
  std::string seen;
  bool banner = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!banner) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    pollfd pf{out[0], POLLIN, 0};
    int n = poll(&pf, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    char buf[4096];
    ssize_t got = read(out[0], buf, sizeof buf);
    if (got <= 0) break;
    seen.append(buf, static_cast<std::size_t>(got));
    banner = seen.find("Linux version") != std::string::npos;
  }
  close(out[0]);
  sweep_process_group(p->pid());
  p->poll_exited();
  return banner;
}
}  // namespace

QemuSources QemuSources::defaults() {
  QemuSources s;
  s.qemu = env_or("AZEMU_QEMU", "/usr/bin/qemu-system-x86_64");
  std::string root = "/var/cache/azemu/qemu-kernel";
  if (!has_kernel(root) && has_kernel("")) root = "/";
  s.kernel_root = env_or("AZEMU_QEMU_KERNEL_DIR", root);
  s.initramfs_script = env_or("AZEMU_QEMU_INITRAMFS_SCRIPT", AZEMU_QEMU_INITRAMFS_SCRIPT);
  return s;
}

std::string QemuSources::missing() const {
  if (access(qemu.c_str(), X_OK) != 0) return qemu + " (package qemu-system-x86)";
  if (!has_kernel(kernel_root == "/" ? "" : kernel_root))
    return "a kernel in " + kernel_root + "/boot (docker/dev.sh unpacks linux-image-amd64 there; or set AZEMU_QEMU_KERNEL_DIR)";
  if (access(initramfs_script.c_str(), R_OK) != 0) return initramfs_script;
  return {};
}

QemuBootFiles ensure_qemu_boot_files(const std::string& out_dir, const QemuSources& sources) {
  if (auto what = sources.missing(); !what.empty()) throw std::runtime_error("the qemu runtime cannot boot: missing " + what);
  fs::create_directories(out_dir);
  std::string command = "bash " + shell_quote(sources.initramfs_script) + " --kernel-root " +
                        shell_quote(sources.kernel_root) + " --out " + shell_quote(out_dir);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + sources.initramfs_script);
  std::string output;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) output += buf.data();
  int status = pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("initramfs build failed (" + sources.initramfs_script + "); see its messages above");
  while (!output.empty() && output.back() == '\n') output.pop_back();
  std::string dir = output.substr(output.rfind('\n') == std::string::npos ? 0 : output.rfind('\n') + 1);
  QemuBootFiles files;
  std::ifstream env(dir + "/qemu.env");
  for (std::string line; std::getline(env, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "KERNEL") files.kernel = value;
    if (key == "INITRD") files.initrd = value;
    if (key == "KERNEL_VERSION") files.kernel_version = value;
  }
  if (files.kernel.empty() || files.initrd.empty()) throw std::runtime_error("initramfs build left no qemu.env in " + dir);
  return files;
}

std::string choose_accelerator(const std::string& preference, const std::string& qemu, const std::string& kernel) {
  std::string want = env_or("AZEMU_QEMU_ACCEL", preference);
  if (want == "kvm" || want == "tcg") return want;
  static std::mutex mu;
  static std::optional<bool> kvm;
  std::lock_guard lock(mu);
  if (!kvm) {
    kvm = kvm_boots(qemu, kernel);
    log::write(log::Level::info, *kvm ? "qemu guests use KVM" : "qemu guests use TCG (no usable KVM: /dev/kvm missing or a guest cannot run under it)",
               {{"accelerator", *kvm ? "kvm" : "tcg"}});
  }
  return *kvm ? "kvm" : "tcg";
}

}  // namespace azemu::vm
