// co_await of an exec::Completion: the coroutine is suspended (no thread held) until the completion is
// done, then resumes on its own executor; the completion's error, if any, is rethrown there.
// Not a coroutine itself, and it takes the completion by reference: GCC 12 destroys by-value coroutine
// arguments of a co_await expression twice (seen here as heap corruption under load), so no frame and
// no copied shared_ptr. The caller keeps the completion alive until it resumes.
#pragma once

#include "emulator/exec/completion.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>

namespace azemu::exec {

inline auto wait_for(Completion& c) {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(std::exception_ptr)>(
      [&c](auto handler) {
        auto ex = boost::asio::get_associated_executor(handler);
        // std::function needs a copyable callable: the move-only handler lives behind a shared_ptr.
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        c.on_done([ex, h, &c] {
          std::exception_ptr error = c.error();
          boost::asio::post(ex, [h, error] { std::move(*h)(error); });
        });
      },
      boost::asio::use_awaitable);
}

}  // namespace azemu::exec
