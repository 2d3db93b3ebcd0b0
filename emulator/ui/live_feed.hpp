// The teaching UI's live updates: while at least one page listens (GET /ui/events), the feed
// rebuilds the UI's state every 150 ms on the blocking pool, hashes each section (cloud, vms,
// keyvault, identity, lab, audit, console) and, when some changed, publishes one server-sent event
//   id: N / event: change / data: {"version": N, "sections": ["vms", "lab"]}
// which the page answers by fetching what it shows. Polling (not hooks in every service) because
// part of the state lives outside SQLite (the guest's reports, console logs); with nobody listening
// nothing runs. next() and subscribers_changed() are called on io threads and only touch memory.
#pragma once

#include "emulator/exec/executors.hpp"
#include "emulator/http/event_source.hpp"
#include "emulator/ui/ui_model.hpp"

#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azemu::ui {

class LiveFeed : public http::EventSource {
public:
  explicit LiveFeed(const UiModel& model) : model_(model) {}
  ~LiveFeed() override;

  /// Starts the refresh timer on `exec`'s io context (once; before the server runs).
  void start(exec::Executors& exec);
  /// Drops the timer; call once the io context has stopped running and before it is destroyed.
  void stop();
  /// One refresh now (blocking): recomputes the fingerprints and publishes an event if any changed.
  /// Returns the names of the sections that changed. Public for tests.
  std::vector<std::string> refresh();

  std::string next(std::uint64_t& cursor) const override;
  void subscribers_changed(int delta) const override { subscribers_ += delta; }
  std::uint64_t version() const;

private:
  void arm();
  const UiModel& model_;
  exec::Executors* exec_ = nullptr;
  std::unique_ptr<boost::asio::steady_timer> timer_;
  mutable std::atomic<int> subscribers_{0};
  std::atomic<bool> busy_{false};
  mutable std::mutex mu_;
  std::map<std::string, std::size_t> hashes_;
  std::uint64_t version_ = 1;
  std::string last_event_;  // the event that made version_
};

}  // namespace azemu::ui
