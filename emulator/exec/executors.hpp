// The process's threads: `io` runs sockets and TLS, `blocking` runs SQLite, OpenSSL key work and
// file I/O. Nothing else in azemu creates threads. offload() hops a synchronous function onto
// the blocking pool and resumes the caller's coroutine with its result (or exception).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <exception>
#include <optional>
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

/// Runs `fn` on the blocking pool; the awaiting coroutine resumes on its own executor afterwards.
/// Implemented as two hops (post to the pool, post back home) rather than co_spawn of a capturing
/// lambda: GCC 12 miscompiles init-captures of coroutine lambdas (seen here as a double free).
template <class Fn>
auto offload(boost::asio::thread_pool& pool, Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&>> {
  using R = std::invoke_result_t<Fn&>;
  static_assert(!std::is_void_v<R>, "offload() returns the function's result");
  auto home = co_await boost::asio::this_coro::executor;
  co_await boost::asio::post(pool.get_executor(), boost::asio::use_awaitable);
  std::exception_ptr error;
  std::optional<R> result;
  try {
    result.emplace(fn());
  } catch (...) {
    error = std::current_exception();
  }
  co_await boost::asio::post(home, boost::asio::use_awaitable);
  if (error) std::rethrow_exception(error);
  co_return std::move(*result);
}

/// True on a thread currently running the io_context (debug guard for blocking calls).
bool on_io_thread();
void mark_io_thread();

}  // namespace azemu::exec
