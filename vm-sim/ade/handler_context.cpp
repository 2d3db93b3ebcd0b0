// HandlerEnvironment.json, settings and status files of one extension handler run.
#include "vm-sim/ade/handler_context.hpp"

#include "emulator/fs/replace_file.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <regex>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(path.string() + " is not JSON");
  return j;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}
}  // namespace

HandlerContext HandlerContext::load(const fs::path& handler_dir) {
  HandlerContext c;
  c.dir_ = handler_dir;
  json env = read_json(handler_dir / "HandlerEnvironment.json");
  if (env.is_array() && !env.empty()) env = env[0];
  json he = env.value("handlerEnvironment", json::object());
  c.config_dir_ = he.value("configFolder", (handler_dir / "config").string());
  c.status_dir_ = he.value("statusFolder", (handler_dir / "status").string());
  c.log_dir_ = he.value("logFolder", (handler_dir / "log").string());
  std::smatch m;
  std::string name = fs::absolute(handler_dir).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(handler_dir).lexically_normal().parent_path().filename().string();
  static const std::regex version(R"(-(\d+(\.\d+)*)$)");
  if (std::regex_search(name, m, version)) c.handler_version_ = m[1].str();
  if (const char* seq = std::getenv("ConfigSequenceNumber"); seq && *seq) {
    c.seq_ = std::atoi(seq);
  } else {
    c.seq_ = -1;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(c.config_dir_, ec)) {
      std::string f = e.path().filename().string();
      if (f.size() > 9 && f.ends_with(".settings") && f.find_first_not_of("0123456789") == f.size() - 9)
        c.seq_ = std::max(c.seq_, std::atoi(f.c_str()));
    }
    if (c.seq_ < 0) c.seq_ = 0;
  }
  return c;
}

json HandlerContext::handler_settings() const {
  json settings = read_json(config_dir_ / (std::to_string(seq_) + ".settings"));
  auto rs = settings.value("runtimeSettings", json::array());
  if (!rs.is_array() || rs.empty() || !rs[0].contains("handlerSettings"))
    throw std::runtime_error("settings for sequence " + std::to_string(seq_) + " have no handlerSettings");
  return rs[0]["handlerSettings"];
}

void HandlerContext::write_status(const json& status_file) const {
  fs::create_directories(status_dir_);
  // Durable, like every state file of the handler: a guest killed mid-encryption must come back
  // with the last status it reported, not an empty file (emulator/fs/replace_file.hpp).
  files::replace_file_durably((status_dir_ / (std::to_string(seq_) + ".status")).string(), status_file.dump(), 0644);
}

std::optional<json> HandlerContext::read_status() const {
  std::ifstream in(status_dir_ / (std::to_string(seq_) + ".status"));
  if (!in) return std::nullopt;
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::optional<int> HandlerContext::last_handled_seq() const {
  std::ifstream in(dir_ / "mrseq");
  int seq = 0;
  if (!(in >> seq)) return std::nullopt;
  return seq;
}

void HandlerContext::save_seq() const { files::replace_file_durably((dir_ / "mrseq").string(), std::to_string(seq_), 0644); }

void HandlerContext::log(const std::string& line) const {
  std::string stamped = utc_now() + " [seq " + std::to_string(seq_) + "] " + line;
  std::cerr << stamped << std::endl;
  std::error_code ec;
  fs::create_directories(log_dir_, ec);
  std::ofstream out(log_dir_ / "extension.log", std::ios::app);
  out << stamped << '\n';
}

}  // namespace azemu::vm::ade
