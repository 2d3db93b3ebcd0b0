#include "emulator/audit/audit_log.hpp"

#include "tests/support/test_stack.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

using namespace azemu;

namespace {
audit::AuditEvent row(int i) {
  audit::AuditEvent e;
  e.id = "row-" + std::to_string(i);
  e.time = "2026-12-08T00:00:00Z";
  e.resource_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v";
  e.vault_name = "v";
  e.operation_name = "KeyUnwrap";
  e.result_type = "Success";
  e.http_status_code = 200;
  return e;
}
}  // namespace

TEST_SUITE("audit log") {
  TEST_CASE("without a scheduler a row is committed before record_async returns") {
    auto dir = azemu::testing::make_temp_dir("audit");
    store::Database db(dir + "/a.db", audit::migrations());
    audit::AuditLog log(db);
    auto done = log.record_async(row(1));
    CHECK(done->done());
    CHECK(log.list("v").size() == 1);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("with a pool, rows queued while a commit runs share the next one, and each waiter sees its row") {
    auto dir = azemu::testing::make_temp_dir("audit");
    store::Database db(dir + "/a.db", audit::migrations());
    audit::AuditLog log(db);
    boost::asio::thread_pool pool(2);
    log.set_scheduler([&pool](std::function<void()> job) { boost::asio::post(pool, std::move(job)); });
    std::vector<std::shared_ptr<exec::Completion>> waits;
    for (int i = 0; i < 200; ++i) waits.push_back(log.record_async(row(i)));
    for (auto& w : waits) w->wait();
    CHECK(log.list("v").size() == 200);
    // Each row is in the table as soon as its own completion is done.
    auto last = log.record_async(row(1000));
    last->wait();
    CHECK(log.list("v").back().id == "row-1000");
    log.set_scheduler({});
    pool.join();
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("blocked callers on a full pool never wait for a writer job queued behind them") {
    auto dir = azemu::testing::make_temp_dir("audit");
    store::Database db(dir + "/a.db", audit::migrations());
    audit::AuditLog log(db);
    boost::asio::thread_pool pool(1);
    log.set_scheduler([&pool](std::function<void()> job) { boost::asio::post(pool, std::move(job)); });
    std::atomic<bool> recorded{false};
    // The only pool thread records synchronously: the writer job it posts sits behind it in the queue.
    boost::asio::post(pool, [&] {
      log.record(row(7));
      recorded = true;
    });
    pool.join();
    CHECK(recorded);
    CHECK(log.list("v").size() == 1);
    log.set_scheduler({});
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a failed commit reaches every waiter of its batch") {
    auto dir = azemu::testing::make_temp_dir("audit");
    store::Database db(dir + "/a.db", audit::migrations());
    audit::AuditLog log(db);
    log.record(row(1));
    CHECK_THROWS(log.record(row(1)));  // the id is unique: this transaction fails
    CHECK(log.list("v").size() == 1);
    std::filesystem::remove_all(dir);
  }
}
