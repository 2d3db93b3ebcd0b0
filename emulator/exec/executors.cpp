// Thread ownership for the process; see executors.hpp.
#include "emulator/exec/executors.hpp"

namespace azemu::exec {

namespace {
thread_local bool t_io_thread = false;
}

bool on_io_thread() { return t_io_thread; }
void mark_io_thread() { t_io_thread = true; }

Executors::Executors(std::size_t io_threads, std::size_t blocking_threads)
    : io_threads_(io_threads ? io_threads : 1), io_(static_cast<int>(io_threads_)),
      blocking_(blocking_threads ? blocking_threads : 1) {}

Executors::~Executors() {
  blocking_.stop();
  blocking_.join();
}

void Executors::run() {
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < io_threads_; ++i)
    extra.emplace_back([this] { mark_io_thread(); io_.run(); });
  mark_io_thread();
  io_.run();
  for (auto& t : extra) t.join();
}

void Executors::stop() { io_.stop(); }

}  // namespace azemu::exec
