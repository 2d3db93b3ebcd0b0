// See idle_memory_trim.hpp.
#include "emulator/app/idle_memory_trim.hpp"

#include <boost/asio/post.hpp>

#include <malloc.h>

namespace azemu::app {

IdleMemoryTrim::IdleMemoryTrim(exec::Executors& exec, std::function<std::uint64_t()> activity,
                               std::chrono::milliseconds quiet)
    : exec_(exec), activity_(std::move(activity)), quiet_(quiet), timer_(exec.io()) {}

void IdleMemoryTrim::start() {
  last_ = activity_();
  arm();
}

void IdleMemoryTrim::arm() {
  timer_.expires_after(quiet_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) tick();
  });
}

void IdleMemoryTrim::tick() {
  std::uint64_t now = activity_();
  if (now != last_) {
    dirty_ = true;  // busy during the last period: wait for a quiet one
  } else if (dirty_) {
    dirty_ = false;
    boost::asio::post(exec_.blocking(), [] { ::malloc_trim(0); });
  }
  last_ = now;
  arm();
}

}  // namespace azemu::app
