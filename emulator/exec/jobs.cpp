#include "emulator/exec/jobs.hpp"

#include "emulator/log/log.hpp"

#include <nlohmann/json.hpp>

#include <boost/asio/post.hpp>

#include <exception>

namespace azemu::exec {

namespace {
void run_logged(const std::function<void()>& job) {
  try {
    job();
  } catch (const std::exception& e) {
    log::write(log::Level::error, "background job failed", nlohmann::json{{"error", e.what()}});
  } catch (...) {
    log::write(log::Level::error, "background job failed", nlohmann::json{{"error", "unknown exception"}});
  }
}
}  // namespace

PoolJobs::PoolJobs(std::size_t threads) : pool_(threads) {}

PoolJobs::~PoolJobs() { pool_.join(); }

void PoolJobs::post(std::function<void()> job) {
  boost::asio::post(pool_, [job = std::move(job)] { run_logged(job); });
}

void InlineJobs::post(std::function<void()> job) { run_logged(job); }

}  // namespace azemu::exec
