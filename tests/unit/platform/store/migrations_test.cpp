#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/store/state_store.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::store {
namespace {

using base::ErrorCode;

class MigrationsTest : public ::testing::Test {
 protected:
  std::unique_ptr<StateStore> open() {
    auto store = open_sqlite_store(state_database_path(home.path()));
    EXPECT_TRUE(store.ok()) << store.error().to_string();
    return std::move(store).value();
  }

  static Migration lessons_v1() { return {"lessons", 1, "CREATE TABLE lessons (id INTEGER PRIMARY KEY, name TEXT)"}; }
  static Migration lessons_v2() { return {"lessons", 2, "ALTER TABLE lessons ADD COLUMN grade INTEGER"}; }

  testing::TempDir home;
};

TEST_F(MigrationsTest, AppliesEachMigrationOnceAcrossRuns) {
  auto store = open();
  ASSERT_TRUE(store->migrate({lessons_v1(), lessons_v2()}).ok());
  // A second run would fail on CREATE TABLE (no IF NOT EXISTS) if it ran the scripts again.
  auto again = store->migrate({lessons_v1(), lessons_v2()});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  auto reopened = open();
  ASSERT_TRUE(reopened->migrate({lessons_v1(), lessons_v2()}).ok());
  auto applied = reopened->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, (std::vector<std::string>{"lessons:1", "lessons:2"}));
}

TEST_F(MigrationsTest, AppliesMigrationsInVersionOrderWhateverTheListOrder) {
  auto store = open();
  auto result = store->migrate({lessons_v2(), {"audit", 1, "CREATE TABLE audit (line TEXT)"}, lessons_v1()});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  auto grade = store->query("SELECT grade FROM lessons");
  EXPECT_TRUE(grade.ok());
  auto applied = store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, (std::vector<std::string>{"audit:1", "lessons:1", "lessons:2"}));
}

TEST_F(MigrationsTest, NewVersionsApplyOnTopOfEarlierOnes) {
  auto store = open();
  ASSERT_TRUE(store->migrate({lessons_v1()}).ok());
  ASSERT_TRUE(store->transact([](Transaction& tx) -> base::Result<void> {
    RBXPIPE_TRY(tx.execute("INSERT INTO lessons (name) VALUES (?)", {std::string("volcano")}));
    return base::ok();
  }).ok());
  ASSERT_TRUE(store->migrate({lessons_v1(), lessons_v2()}).ok());
  auto rows = store->query("SELECT name, grade FROM lessons");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text(0), "volcano");
  EXPECT_TRUE((*rows)[0].is_null(1));
}

TEST_F(MigrationsTest, FailingMigrationIsRolledBackAndNotRecorded) {
  auto store = open();
  Migration broken{"lessons", 2, "CREATE TABLE steps (id INTEGER); INSERT INTO no_such_table VALUES (1)"};
  auto result = store->migrate({lessons_v1(), broken});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().to_string().find("apply migration lessons:2"), std::string::npos);
  EXPECT_NE(result.error().to_string().find("no_such_table"), std::string::npos);
  // The first statement of the failed script is undone with the rest.
  EXPECT_FALSE(store->query("SELECT * FROM steps").ok());
  auto applied = store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, std::vector<std::string>{"lessons:1"});
}

TEST_F(MigrationsTest, RefusesDatabaseFromNewerSchemaWithoutChangingIt) {
  {
    auto store = open();
    ASSERT_TRUE(store->migrate({lessons_v1(), lessons_v2()}).ok());
  }
  auto store = open();
  auto result = store->migrate({lessons_v1(), {"audit", 1, "CREATE TABLE audit (line TEXT)"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::conflict);
  const std::string message = result.error().to_string();
  EXPECT_NE(message.find("newer rbxpipe"), std::string::npos) << message;
  EXPECT_NE(message.find("module 'lessons' is at schema version 2"), std::string::npos) << message;
  EXPECT_NE(message.find("up to 1"), std::string::npos) << message;
  // Nothing else was applied before the refusal.
  EXPECT_FALSE(store->query("SELECT * FROM audit").ok());
}

TEST_F(MigrationsTest, OtherModulesNewerVersionsDoNotBlockAModule) {
  auto store = open();
  ASSERT_TRUE(store->migrate({lessons_v1(), lessons_v2()}).ok());
  auto result = store->migrate({{"audit", 1, "CREATE TABLE audit (line TEXT)"}});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  auto applied = store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->size(), 3u);
}

TEST_F(MigrationsTest, RejectsGapsAndDuplicatesInVersionNumbers) {
  auto store = open();
  auto gap = store->migrate({lessons_v1(), {"lessons", 3, "SELECT 1"}});
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code(), ErrorCode::internal);
  EXPECT_NE(gap.error().message().find("expected version 2, found 3"), std::string::npos);
  auto duplicate = store->migrate({lessons_v1(), lessons_v1()});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code(), ErrorCode::internal);
  auto applied = store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_TRUE(applied->empty());
}

TEST_F(MigrationsTest, AppliedMigrationsIsEmptyOnAFreshDatabase) {
  auto store = open();
  auto applied = store->applied_migrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_TRUE(applied->empty());
}

}  // namespace
}  // namespace rbxpipe::platform::store
