// The process's threads: `io` runs sockets and TLS, `blocking` runs SQLite, OpenSSL key work and
// file I/O. Nothing else in azemu creates threads. offload() hops a synchronous function onto
// the blocking pool and resumes the caller's coroutine with its result (or exception).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <thread>
#include <type_traits>
#include <vector>

namespace azemu::exec {

class Executors {
public:
  explicit Executors(std::size_t io_threads, std::size_t blocking_threads);
  ~Executors();

  boost::asio::io_context& io() { return io_; }
  boost::asio::thread_pool& blocking() { return blocking_; }

  /// Runs the io_context on `io_threads` threads (the caller's included) until it stops.
  void run();
  void stop();

private:
  std::size_t io_threads_;
  boost::asio::io_context io_;
  boost::asio::thread_pool blocking_;
};

/// Runs `fn` on the blocking pool; the awaiting coroutine resumes on its own executor.
template <class Fn>
auto offload(boost::asio::thread_pool& pool, Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn>> {
  using R = std::invoke_result_t<Fn>;
  return boost::asio::co_spawn(
      pool.get_executor(),
      [fn = std::move(fn)]() mutable -> boost::asio::awaitable<R> { co_return fn(); },
      boost::asio::use_awaitable);
}

/// True on a thread currently running the io_context (debug guard for blocking calls).
bool on_io_thread();
void mark_io_thread();

}  // namespace azemu::exec
