// Two connections (threads, or a forked process) writing the same database: both finish, nothing is lost.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "platform/store/state_store.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::store {
namespace {

using base::ErrorCode;

constexpr int k_writes_per_writer = 60;

std::vector<Migration> counter_schema() {
  return {{"test", 1, "CREATE TABLE ticks (n INTEGER PRIMARY KEY, writer TEXT NOT NULL)"}};
}

// Reads the highest number and inserts the next one: without serialized writers two of them would read the same
// number and one insert would fail on the primary key (or the upgrade from reader to writer would deadlock).
base::Result<void> write_ticks(StateStore& store, const std::string& writer) {
  for (int i = 0; i < k_writes_per_writer; ++i) {
    auto written = store.transact([&](Transaction& tx) -> base::Result<void> {
      auto rows = tx.query("SELECT coalesce(max(n), 0) FROM ticks");
      if (!rows) return std::move(rows).error();
      RBXPIPE_TRY(tx.execute("INSERT INTO ticks (n, writer) VALUES (?, ?)", {(*rows)[0].integer(0) + 1, writer}));
      return base::ok();
    });
    if (!written) return written;
  }
  return base::ok();
}

void expect_all_ticks(StateStore& store, int writers) {
  auto rows = store.query("SELECT count(*), min(n), max(n), count(DISTINCT writer) FROM ticks");
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.integer(0), writers * k_writes_per_writer);
  EXPECT_EQ(row.integer(1), 1);
  EXPECT_EQ(row.integer(2), writers * k_writes_per_writer);
  EXPECT_EQ(row.integer(3), writers);
}

std::unique_ptr<StateStore> open_store(const std::filesystem::path& path, int busy_timeout_ms = 10'000) {
  auto store = open_sqlite_store(path, SqliteOptions{busy_timeout_ms});
  EXPECT_TRUE(store.ok()) << store.error().to_string();
  return store.ok() ? std::move(store).value() : nullptr;
}

TEST(StateStoreConcurrency, TwoConnectionsInThreadsBothSucceed) {
  testing::TempDir home;
  const auto path = state_database_path(home.path());
  auto first = open_store(path);
  auto second = open_store(path);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(first->migrate(counter_schema()).ok());

  auto a = std::async(std::launch::async, [&] { return write_ticks(*first, "a"); });
  auto b = std::async(std::launch::async, [&] { return write_ticks(*second, "b"); });
  auto a_result = a.get();
  auto b_result = b.get();
  ASSERT_TRUE(a_result.ok()) << a_result.error().to_string();
  ASSERT_TRUE(b_result.ok()) << b_result.error().to_string();
  expect_all_ticks(*first, 2);
}

TEST(StateStoreConcurrency, OneStoreSharedByThreadsSerializesThem) {
  testing::TempDir home;
  auto store = open_store(state_database_path(home.path()));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->migrate(counter_schema()).ok());
  auto a = std::async(std::launch::async, [&] { return write_ticks(*store, "a"); });
  auto b = std::async(std::launch::async, [&] { return write_ticks(*store, "b"); });
  EXPECT_TRUE(a.get().ok());
  EXPECT_TRUE(b.get().ok());
  expect_all_ticks(*store, 2);
}

TEST(StateStoreConcurrency, ForkedProcessAndParentBothSucceed) {
  testing::TempDir home;
  const auto path = state_database_path(home.path());
  {
    auto setup = open_store(path);
    ASSERT_TRUE(setup);
    ASSERT_TRUE(setup->migrate(counter_schema()).ok());
  }
  // The child opens its own connection after fork (SQLite handles must never cross a fork).
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto result = open_sqlite_store(path);
    const bool ok = result.ok() && write_ticks(**result, "child").ok();
    ::_exit(ok ? 0 : 1);
  }
  auto parent = open_store(path);
  ASSERT_TRUE(parent);
  auto written = write_ticks(*parent, "parent");
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  expect_all_ticks(*parent, 2);
}

TEST(StateStoreConcurrency, WriterWaitingLongerThanBusyTimeoutGetsConflict) {
  testing::TempDir home;
  const auto path = state_database_path(home.path());
  auto holder = open_store(path);
  auto waiter = open_store(path, 50);
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->migrate(counter_schema()).ok());

  std::promise<void> locked;
  std::promise<void> release;
  auto held = std::async(std::launch::async, [&] {
    return holder->transact([&](Transaction& tx) -> base::Result<void> {
      RBXPIPE_TRY(tx.execute("INSERT INTO ticks (n, writer) VALUES (1, 'holder')"));
      locked.set_value();
      release.get_future().wait();
      return base::ok();
    });
  });
  locked.get_future().wait();
  const auto start = std::chrono::steady_clock::now();
  auto refused = waiter->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO ticks (n, writer) VALUES (2, 'waiter')"));
    return base::ok();
  });
  const auto waited = std::chrono::steady_clock::now() - start;
  release.set_value();
  ASSERT_TRUE(held.get().ok());

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::conflict);
  EXPECT_NE(refused.error().message().find("busy"), std::string::npos) << refused.error().message();
  EXPECT_GE(waited, std::chrono::milliseconds(40));
  // Readers are never blocked by the writer in WAL mode, and the holder's row is there.
  auto rows = waiter->query("SELECT writer FROM ticks");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text(0), "holder");
}

}  // namespace
}  // namespace rbxpipe::platform::store
