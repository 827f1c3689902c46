// DeployLock: one holder per environment, expiry, dead holders and --force-unlock.
#include "deploy/deploy_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "deploy/deploy_state.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::deploy {
namespace {

class DeployLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = platform::store::open_sqlite_store(m_dir.path() / "state.db");
    ASSERT_TRUE(store.ok());
    m_store = std::move(*store);
    ASSERT_TRUE(m_store->migrate(deploy_migrations()).ok());
  }
  testing::TempDir m_dir;
  std::unique_ptr<platform::store::StateStore> m_store;
};

TEST_F(DeployLockTest, ASecondHolderIsRefusedWithTheFirstOnesName) {
  auto first = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_TRUE(first.ok());
  auto second = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), base::ErrorCode::conflict);
  EXPECT_NE(second.error().message().find("process " + std::to_string(::getpid())), std::string::npos);
  EXPECT_TRUE(DeployLock::acquire(*m_store, "north", "production").ok());  // another environment
  EXPECT_TRUE(DeployLock::acquire(*m_store, "south", "staging").ok());     // another tenant
}

TEST_F(DeployLockTest, ReleasingLetsTheNextOneIn) {
  auto first = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_TRUE(first.ok());
  (*first)->release();
  EXPECT_TRUE(DeployLock::acquire(*m_store, "north", "staging").ok());
}

TEST_F(DeployLockTest, AWaiterGetsTheLeaseWhenTheHolderLetsGo) {
  auto first = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_TRUE(first.ok());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    (*first)->release();
  });
  LockOptions options;
  options.wait = std::chrono::seconds(10);
  options.poll = std::chrono::milliseconds(20);
  auto second = DeployLock::acquire(*m_store, "north", "staging", options);
  releaser.join();
  EXPECT_TRUE(second.ok());
}

TEST_F(DeployLockTest, AnExpiredLeaseOfAnotherHostIsTakenOver) {
  ASSERT_TRUE(m_store
                  ->transact([](platform::store::Transaction& transaction) -> base::Result<void> {
                    auto changed = transaction.execute(
                        "INSERT INTO deploy_locks (tenant, environment, holder, host, pid, acquired_at, expires_ms) "
                        "VALUES ('north', 'staging', 'elsewhere:1:1', 'elsewhere', 1, 't', 1)");
                    if (!changed) return std::move(changed).error();
                    return {};
                  })
                  .ok());
  EXPECT_TRUE(DeployLock::acquire(*m_store, "north", "staging").ok());
}

TEST_F(DeployLockTest, ALiveLeaseOfAnotherHostIsRespected) {
  ASSERT_TRUE(m_store
                  ->transact([](platform::store::Transaction& transaction) -> base::Result<void> {
                    auto changed = transaction.execute(
                        "INSERT INTO deploy_locks (tenant, environment, holder, host, pid, acquired_at, expires_ms) "
                        "VALUES ('north', 'staging', 'elsewhere:1:1', 'elsewhere', 1, 't', 99999999999999)");
                    if (!changed) return std::move(changed).error();
                    return {};
                  })
                  .ok());
  auto refused = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("on elsewhere"), std::string::npos) << refused.error().message();
}

TEST_F(DeployLockTest, AHolderWhoseLeaseWasTakenKnowsIt) {
  LockOptions options;
  options.lease = std::chrono::milliseconds(150);
  auto first = DeployLock::acquire(*m_store, "north", "staging", options);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE((*first)->held());
  ASSERT_TRUE(DeployLock::force_unlock(*m_store, "north", "staging").ok());
  auto second = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_TRUE(second.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a renewal or two of the first holder
  EXPECT_FALSE((*first)->held());
  EXPECT_TRUE((*second)->held());
}

TEST_F(DeployLockTest, ALeaseOfAProcessThatDiedIsTakenOverAtOnce) {
  const auto path = m_dir.path() / "state.db";
  pid_t child = ::fork();
  if (child == 0) {
    auto store = platform::store::open_sqlite_store(path);
    if (!store.ok()) ::_exit(2);
    auto lock = DeployLock::acquire(**store, "north", "staging");
    ::_exit(lock.ok() ? 0 : 1);  // exits without releasing: the row stays
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  // _exit skips destructors: the lease row stays behind with the dead process as its holder.
  auto holder = DeployLock::holder(*m_store, "north", "staging");
  ASSERT_TRUE(holder.ok() && holder->has_value());
  EXPECT_EQ((*holder)->pid, child);
  EXPECT_TRUE(DeployLock::acquire(*m_store, "north", "staging").ok());
}

TEST_F(DeployLockTest, ForceUnlockRemovesTheHolder) {
  auto first = DeployLock::acquire(*m_store, "north", "staging");
  ASSERT_TRUE(first.ok());
  auto removed = DeployLock::force_unlock(*m_store, "north", "staging");
  ASSERT_TRUE(removed.ok() && removed->has_value());
  EXPECT_EQ((*removed)->pid, ::getpid());
  EXPECT_TRUE(DeployLock::acquire(*m_store, "north", "staging").ok());
}

}  // namespace
}  // namespace rbxpipe::deploy
