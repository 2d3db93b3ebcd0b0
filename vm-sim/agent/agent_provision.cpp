#include "vm-sim/agent/agent_provision.hpp"

#include "emulator/fs/replace_file.hpp"
#include <arpa/inet.h>
#include <chrono>
#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm::agent {

namespace {
namespace fs = std::filesystem;

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines, mode_t mode) {
  std::string text;
  for (auto& l : lines) text += l + '\n';
  azemu::files::replace_file_durably(path, text, mode);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, sep);) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.emplace_back();
  return parts;
}

bool valid_user_name(const std::string& u) {
  if (u.empty() || u.size() > 32 || u == "root") return false;
  for (char c : u)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

/// Returns the user's uid, adding passwd/shadow/group lines when the user is new.
int ensure_user(const std::string& user) {
  auto passwd = read_lines("/etc/passwd");
  int next_uid = 1000;
  for (auto& line : passwd) {
    auto f = split(line, ':');
    if (f.size() < 3) continue;
    if (f[0] == user) return std::stoi(f[2]);
    int uid = std::stoi(f[2]);
    if (uid >= next_uid && uid < 60000) next_uid = uid + 1;
  }
  std::string id = std::to_string(next_uid);
  passwd.push_back(user + ":x:" + id + ":" + id + "::/home/" + user + ":/bin/sh");
  write_lines("/etc/passwd", passwd, 0644);
  auto shadow = read_lines("/etc/shadow");
  // "*": no password login, but not locked ("!"), which dropbear would refuse even with a key.
  shadow.push_back(user + ":*:19000:0:99999:7:::");
  write_lines("/etc/shadow", shadow, 0600);
  auto group = read_lines("/etc/group");
  for (auto& line : group)
    if (line.rfind("sudo:", 0) == 0) line += (line.back() == ':' ? "" : ",") + user;
  group.push_back(user + ":x:" + id + ":");
  write_lines("/etc/group", group, 0644);
  return next_uid;
}
/// SHA-512 crypt of `password` by busybox mkpasswd, the password on its stdin (never in argv, where
/// other processes could read it from /proc).
std::string sha512_crypt(const std::string& password) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    execl("/bin/busybox", "mkpasswd", "-m", "sha512", "-s", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  (void)!write(in[1], password.data(), password.size());
  close(in[1]);
  std::string hash;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) hash.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !hash.starts_with("$6$"))
    throw std::runtime_error("cannot hash the admin password (busybox mkpasswd)");
  return hash;
}

/// Puts `hash` in the user's /etc/shadow line (field 2).
void set_shadow_hash(const std::string& user, const std::string& hash) {
  auto shadow = read_lines("/etc/shadow");
  for (auto& line : shadow) {
    auto f = split(line, ':');
    if (f.size() < 2 || f[0] != user) continue;
    f[1] = hash;
    line.clear();
    for (std::size_t i = 0; i < f.size(); ++i) line += (i ? ":" : "") + f[i];
  }
  write_lines("/etc/shadow", shadow, 0600);
}

/// init starts sshd next to the agent; "provisioned" should mean "SSH works", so wait until
/// something accepts on port 22 (a readiness probe inside the guest, bounded at 5 s).
void wait_for_sshd() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(22);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  while (std::chrono::steady_clock::now() < deadline) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool up = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    if (up) return;
    usleep(20000);
  }
}
}  // namespace

void provision(const Provisioning& p) {
  if (!p.hostname.empty()) {
    write_lines("/etc/hostname", {p.hostname}, 0644);
    sethostname(p.hostname.data(), p.hostname.size());
  }
  if (p.user.empty()) return;
  if (!valid_user_name(p.user)) throw std::runtime_error("invalid admin user name: " + p.user);
  int uid = ensure_user(p.user);
  if (!p.password.empty()) set_shadow_hash(p.user, sha512_crypt(p.password));
  fs::path home = "/home/" + p.user;
  fs::create_directories(home / ".ssh");
  write_lines((home / ".ssh/authorized_keys").string(), p.ssh_keys, 0600);
  for (const auto& path : {home, home / ".ssh", home / ".ssh/authorized_keys"})
    if (chown(path.c_str(), uid, uid) != 0) throw std::runtime_error("cannot chown " + path.string());
  chmod(home.c_str(), 0755);
  chmod((home / ".ssh").c_str(), 0700);
  wait_for_sshd();
}

}  // namespace azemu::vm::agent
