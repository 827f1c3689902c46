#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "platform/store/state_store.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::store {
namespace {

using base::ErrorCode;

class StateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_sqlite_store(path());
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store = std::move(opened).value();
    ASSERT_TRUE(store->migrate({{"test", 1,
                                 "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                                 "CREATE TABLE children (id INTEGER PRIMARY KEY,"
                                 " parent INTEGER NOT NULL REFERENCES parents(id))"}})
                    .ok());
  }

  std::filesystem::path path() const { return state_database_path(home.path()); }

  base::Result<void> insert_parent(const std::string& name) {
    return store->transact([&](Transaction& tx) -> base::Result<void> {
      RBXPIPE_TRY(tx.execute("INSERT INTO parents (name) VALUES (?)", {name}));
      return base::ok();
    });
  }

  std::int64_t count(const std::string& table) {
    auto rows = store->query("SELECT count(*) FROM " + table);
    EXPECT_TRUE(rows.ok()) << rows.error().to_string();
    return rows.ok() ? (*rows)[0].integer(0) : -1;
  }

  testing::TempDir home;
  std::unique_ptr<StateStore> store;
};

TEST_F(StateStoreTest, DatabaseLivesInStateDbUnderTheHome) {
  EXPECT_EQ(state_database_path("/srv/rbxpipe"), std::filesystem::path("/srv/rbxpipe/state.db"));
  EXPECT_TRUE(std::filesystem::exists(home / "state.db"));
}

TEST_F(StateStoreTest, CreatesMissingFoldersAndAPrivateFile) {
  const auto nested = home / "a/b/state.db";
  auto opened = open_sqlite_store(nested);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  struct stat info {};
  ASSERT_EQ(::stat(nested.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(StateStoreTest, UsesWriteAheadLogAndForeignKeys) {
  std::string mode;
  std::int64_t foreign_keys = -1;
  // SQLite counts PRAGMA statements as writes, so they are read inside a transaction.
  ASSERT_TRUE(store->transact([&](Transaction& tx) -> base::Result<void> {
    auto journal = tx.query("PRAGMA journal_mode");
    if (!journal) return std::move(journal).error();
    mode = (*journal)[0].text(0);
    auto keys = tx.query("PRAGMA foreign_keys");
    if (!keys) return std::move(keys).error();
    foreign_keys = (*keys)[0].integer(0);
    return base::ok();
  }).ok());
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(foreign_keys, 1);
}

TEST_F(StateStoreTest, CommitsWhenWorkSucceeds) {
  std::int64_t id = 0;
  auto result = store->transact([&](Transaction& tx) -> base::Result<void> {
    auto changed = tx.execute("INSERT INTO parents (name) VALUES (?)", {std::string("a")});
    if (!changed) return std::move(changed).error();
    EXPECT_EQ(*changed, 1);
    id = tx.last_insert_id();
    return base::ok();
  });
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  auto rows = store->query("SELECT id, name FROM parents WHERE id = ?", {id});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text(1), "a");
}

TEST_F(StateStoreTest, RollsBackAndReturnsTheWorksError) {
  auto result = store->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO parents (name) VALUES ('a')"));
    return base::Error(ErrorCode::precondition_failed, "changed my mind");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::precondition_failed);
  EXPECT_EQ(result.error().message(), "changed my mind");
  EXPECT_EQ(count("parents"), 0);
}

TEST_F(StateStoreTest, RollsBackWhenWorkThrowsAndStaysUsable) {
  EXPECT_THROW((void)store->transact([](Transaction& tx) -> base::Result<void> {
    (void)tx.execute("INSERT INTO parents (name) VALUES ('a')");
    throw std::logic_error("bug");
  }),
               std::logic_error);
  EXPECT_EQ(count("parents"), 0);
  EXPECT_TRUE(insert_parent("b").ok());
  EXPECT_EQ(count("parents"), 1);
}

TEST_F(StateStoreTest, NestedTransactFailureUndoesOnlyItsOwnChanges) {
  auto result = store->transact([&](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO parents (name) VALUES ('outer')"));
    auto inner = store->transact([](Transaction& nested) -> base::Result<void> {
      RBXPIPE_TRY(nested.execute("INSERT INTO parents (name) VALUES ('inner')"));
      return base::Error(ErrorCode::conflict, "inner fails");
    });
    EXPECT_FALSE(inner.ok());
    return base::ok();
  });
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  auto rows = store->query("SELECT name FROM parents");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text(0), "outer");
}

TEST_F(StateStoreTest, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(insert_parent("a").ok());
  auto again = insert_parent("a");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::already_exists);
  EXPECT_NE(again.error().message().find("UNIQUE"), std::string::npos);
}

TEST_F(StateStoreTest, ForeignKeysAreEnforced) {
  auto orphan = store->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO children (parent) VALUES (?)", {std::int64_t{42}}));
    return base::ok();
  });
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code(), ErrorCode::conflict);
  EXPECT_NE(orphan.error().message().find("FOREIGN KEY"), std::string::npos);
}

TEST_F(StateStoreTest, NotNullViolationIsInvalidInput) {
  auto result = store->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO parents (name) VALUES (?)", {std::monostate{}}));
    return base::ok();
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::invalid_input);
}

TEST_F(StateStoreTest, QueryOutsideTransactionRefusesWrites) {
  auto result = store->query("INSERT INTO parents (name) VALUES ('a')");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::internal);
  EXPECT_EQ(count("parents"), 0);
}

TEST_F(StateStoreTest, WrongParameterCountAndSeveralStatementsAreBugs) {
  auto params = store->query("SELECT * FROM parents WHERE id = ?", {});
  ASSERT_FALSE(params.ok());
  EXPECT_EQ(params.error().code(), ErrorCode::internal);
  auto several = store->query("SELECT 1; SELECT 2");
  ASSERT_FALSE(several.ok());
  EXPECT_NE(several.error().message().find("one statement at a time"), std::string::npos);
}

TEST_F(StateStoreTest, ValuesRoundTripThroughEveryType) {
  ASSERT_TRUE(store->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("CREATE TABLE v (i INTEGER, r REAL, t TEXT, n TEXT)"));
    RBXPIPE_TRY(tx.execute("INSERT INTO v VALUES (?, ?, ?, ?)",
                           {std::int64_t{-7}, 2.5, std::string("bytes\0with nul", 14), std::monostate{}}));
    return base::ok();
  }).ok());
  auto rows = store->query("SELECT i, r, t, n FROM v");
  ASSERT_TRUE(rows.ok());
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.integer(0), -7);
  EXPECT_EQ(std::get<double>(row.values[1]), 2.5);
  EXPECT_EQ(row.text(2), std::string("bytes\0with nul", 14));
  EXPECT_TRUE(row.is_null(3));
  EXPECT_EQ(row.integer(3), 0);
  EXPECT_EQ(row.text(3), "");
  EXPECT_EQ(row.text(0), "-7");
  EXPECT_TRUE(row.is_null(9));
}

TEST(StateStoreFile, NonDatabaseFileGivesAClearError) {
  testing::TempDir home;
  const auto path = home.write("state.db", std::string(8192, 'x'));
  auto opened = open_sqlite_store(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), ErrorCode::io_error);
  const std::string message = opened.error().to_string();
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("damaged or is not a SQLite database"), std::string::npos) << message;
}

TEST(StateStoreFile, DamagedPagesGiveAClearError) {
  testing::TempDir home;
  const auto path = state_database_path(home.path());
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->migrate({{"test", 1, "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)"}}).ok());
    ASSERT_TRUE((*store)->transact([](Transaction& tx) -> base::Result<void> {
      for (int i = 0; i < 200; ++i)
        RBXPIPE_TRY(tx.execute("INSERT INTO t (body) VALUES (?)", {std::string(100, 'a')}));
      return base::ok();
    }).ok());
  }  // closing the last connection checkpoints the WAL into the main file
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 4096u * 3);
  {
    // Garbage over every page after the first (the schema stays readable, the tables do not).
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string garbage(size - 4096, '\xA5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto store = open_sqlite_store(path);
  base::Result<std::vector<Row>> rows = base::Error(ErrorCode::internal, "not run");
  if (store.ok()) rows = (*store)->query("SELECT count(*), max(body) FROM t");
  const base::Error& error = store.ok() ? rows.error() : store.error();
  ASSERT_FALSE(store.ok() && rows.ok());
  EXPECT_EQ(error.code(), ErrorCode::io_error);
  EXPECT_NE(error.to_string().find("damaged"), std::string::npos) << error.to_string();
}

}  // namespace
}  // namespace rbxpipe::platform::store
