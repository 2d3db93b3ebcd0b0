#include "emulator/exec/completion.hpp"
#include "emulator/exec/completion_wait.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/post.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <thread>

using azemu::exec::Completion;

namespace {
// Coroutines as plain functions with reference parameters (no capturing coroutine lambdas: GCC 12).
boost::asio::awaitable<void> wait_then_flag(Completion& c, bool& flag) {
  co_await azemu::exec::wait_for(c);
  flag = true;
}
boost::asio::awaitable<void> wait_catching(Completion& c, std::string& caught) {
  try {
    co_await azemu::exec::wait_for(c);
  } catch (const std::runtime_error& e) {
    caught = e.what();
  }
}
}  // namespace

TEST_SUITE("completion") {
  TEST_CASE("a coroutine waits without a thread and resumes when another thread completes") {
    boost::asio::io_context io;
    auto c = std::make_shared<Completion>();
    bool resumed = false;
    boost::asio::co_spawn(io, wait_then_flag(*c, resumed), boost::asio::detached);
    io.run_for(std::chrono::milliseconds(20));
    CHECK_FALSE(resumed);  // suspended: run_for returned with nothing left to do but wait
    io.restart();
    std::thread t([c] { c->complete(); });
    t.join();
    io.run_for(std::chrono::milliseconds(200));
    CHECK(resumed);
  }

  TEST_CASE("the completion's error reaches the waiter") {
    boost::asio::io_context io;
    auto c = std::make_shared<Completion>();
    c->complete(std::make_exception_ptr(std::runtime_error("commit failed")));
    std::string caught;
    boost::asio::co_spawn(io, wait_catching(*c, caught), boost::asio::detached);
    io.run();
    CHECK(caught == "commit failed");
    CHECK_THROWS_AS(c->wait(), std::runtime_error);
  }

  TEST_CASE("a blocked waiter runs the helper first, so work queued behind it cannot starve it") {
    std::shared_ptr<Completion> c;
    c = std::make_shared<Completion>([&c] { c->complete(); });  // the helper does the work itself
    c->wait();
    CHECK(c->done());
  }
}
