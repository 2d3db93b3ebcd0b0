// See live_feed.hpp.
#include "emulator/ui/live_feed.hpp"

#include "emulator/log/log.hpp"

#include <boost/asio/post.hpp>

#include <chrono>
#include <functional>

namespace azemu::ui {

namespace {
std::string event_text(std::uint64_t version, const nlohmann::json& sections) {
  nlohmann::json data = {{"version", version}, {"sections", sections}};
  return "id: " + std::to_string(version) + "\nevent: change\ndata: " + data.dump() + "\n\n";
}
}  // namespace

LiveFeed::~LiveFeed() {
  if (timer_) timer_->cancel();
}

void LiveFeed::start(exec::Executors& exec) {
  exec_ = &exec;
  timer_ = std::make_unique<boost::asio::steady_timer>(exec.io());
  arm();
}

void LiveFeed::stop() { timer_.reset(); }

void LiveFeed::arm() {
  timer_->expires_after(std::chrono::milliseconds(150));
  timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    if (subscribers_.load() > 0 && !busy_.exchange(true)) {
      boost::asio::post(exec_->blocking(), [this] {
        try {
          refresh();
        } catch (const std::exception& e) {
          log::write(log::Level::warn, "ui live feed refresh failed", {{"error", e.what()}});
        }
        busy_ = false;
      });
    }
    arm();
  });
}

std::vector<std::string> LiveFeed::refresh() {
  nlohmann::json state = model_.state();
  std::map<std::string, std::size_t> now;
  std::hash<std::string> h;
  for (const char* section : {"cloud", "vms", "keyvault", "identity"}) now[section] = h(without_read_times(state[section]).dump());
  now["lab"] = h(model_.lab(state).dump());
  nlohmann::json last = model_.audit("", 1);
  now["audit"] = h(last.dump());
  now["console"] = h(nlohmann::json(model_.console_sizes(state["vms"])).dump());
  std::vector<std::string> changed;
  std::lock_guard lock(mu_);
  for (const auto& [k, v] : now) {
    auto it = hashes_.find(k);
    if (it == hashes_.end() || it->second != v) changed.push_back(k);
  }
  if (!changed.empty() && !hashes_.empty()) {
    ++version_;
    last_event_ = event_text(version_, changed);
  }
  hashes_ = std::move(now);
  return changed;
}

std::string LiveFeed::next(std::uint64_t& cursor) const {
  std::lock_guard lock(mu_);
  if (cursor == version_) return "";
  // One step behind: the last event says what changed. Further behind (or new): everything.
  std::string text = cursor + 1 == version_ && !last_event_.empty() ? last_event_ : event_text(version_, "all");
  cursor = version_;
  return text;
}

std::uint64_t LiveFeed::version() const {
  std::lock_guard lock(mu_);
  return version_;
}

}  // namespace azemu::ui
