// Jobs: where long-running work that outlives its request goes (a template deployment, a VM
// booting, an extension running). Request handlers stay short: they record an operation, post
// the work here and answer 201/202 with polling headers; the job finishes the operation.
//
// PoolJobs owns a few threads of its own so a slow job (a guest boot, a deployment waiting on a VM)
// never occupies the blocking pool that serves requests. InlineJobs runs the job at once on the
// caller's thread (unit tests: the operation is done when the handler returns).
#pragma once

#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <functional>

namespace azemu::exec {

class Jobs {
public:
  virtual ~Jobs() = default;
  /// Runs `job` later (or now). A job reports its own failures (into its operation); an exception
  /// escaping it is logged and dropped.
  virtual void post(std::function<void()> job) = 0;
};

class PoolJobs final : public Jobs {
public:
  explicit PoolJobs(std::size_t threads);
  ~PoolJobs() override;  // waits for running jobs
  void post(std::function<void()> job) override;

private:
  boost::asio::thread_pool pool_;
};

class InlineJobs final : public Jobs {
public:
  void post(std::function<void()> job) override;
};

}  // namespace azemu::exec
