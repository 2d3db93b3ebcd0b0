// A one-shot event between threads: something finishes (complete(), with or without an error) and whoever
// waits learns it — a coroutine without holding a thread (wait_for, completion_wait.hpp), a plain thread
// with wait(). Used for durability: a reply whose audit row is still being committed by the group writer
// (audit/audit_log.hpp) is sent only once that commit is done (http::Reply::durable_after).
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>

namespace azemu::exec {

class Completion {
public:
  /// `help`: what a blocked waiter runs first so that it never waits for work queued behind it on its own
  /// pool (the audit log: "commit the queue here unless a writer is running"). May be empty.
  explicit Completion(std::function<void()> help = {}) : help_(std::move(help)) {}

  /// Marks it done (once); runs the waiter registered by on_done(), if any, on this thread.
  void complete(std::exception_ptr error = nullptr) {
    std::function<void()> waiter;
    {
      std::lock_guard lock(mu_);
      if (done_) return;
      done_ = true;
      error_ = error;
      waiter.swap(waiter_);
    }
    done_cv_.notify_all();
    if (waiter) waiter();
  }
  bool done() const {
    std::lock_guard lock(mu_);
    return done_;
  }
  std::exception_ptr error() const {
    std::lock_guard lock(mu_);
    return error_;
  }
  /// Runs `fn` when done: at once on this thread if it already is, else on the completing thread. One waiter.
  void on_done(std::function<void()> fn) {
    {
      std::lock_guard lock(mu_);
      if (!done_) {
        waiter_ = std::move(fn);
        return;
      }
    }
    fn();
  }
  /// Blocks this thread until done; rethrows the error. Never on an io thread.
  void wait() {
    if (!done() && help_) help_();
    std::unique_lock lock(mu_);
    done_cv_.wait(lock, [this] { return done_; });
    if (error_) std::rethrow_exception(error_);
  }

private:
  std::function<void()> help_;
  mutable std::mutex mu_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::exception_ptr error_;
  std::function<void()> waiter_;
};

}  // namespace azemu::exec
