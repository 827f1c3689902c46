// DeployState: the asset lock, the journal's states and the release and deployment records.
#include "deploy/deploy_state.h"

#include <gtest/gtest.h>

#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::deploy {
namespace {

class DeployStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = platform::store::open_sqlite_store(m_dir.path() / "state.db");
    ASSERT_TRUE(store.ok());
    m_store = std::move(*store);
    ASSERT_TRUE(m_store->migrate(deploy_migrations()).ok());
  }
  DeployState state(const std::string& tenant = "north") { return DeployState(*m_store, tenant, m_clock); }

  testing::TempDir m_dir;
  testing::FakeClock m_clock;
  std::unique_ptr<platform::store::StateStore> m_store;
};

JournalEntry upload_intent(const std::string& key) {
  JournalEntry entry;
  entry.key = key;
  entry.kind = "asset.create";
  entry.label = "assets/images/lava.png";
  entry.content_hash = "abc";
  entry.target = "group:1";
  return entry;
}

TEST_F(DeployStateTest, IntentThenOperationThenDoneRecordsTheAssetInTheLock) {
  auto deploy = state();
  auto recorded = deploy.record_intent(upload_intent("asset:group:1:abc"));
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->state, JournalState::intent);
  EXPECT_EQ(recorded->attempts, 1);
  ASSERT_TRUE(deploy.record_operation("asset:group:1:abc", "op-1").ok());
  auto started = deploy.journal_entry("asset:group:1:abc");
  ASSERT_TRUE(started.ok() && started->has_value());
  EXPECT_EQ((*started)->state, JournalState::started);
  EXPECT_EQ((*started)->operation_id, "op-1");
  EXPECT_FALSE(deploy.find_asset("group:1", "abc")->has_value());

  LockedAsset asset{"group:1", "abc", 1000001, 1, "approved", "Image", "volcano", "assets/images/lava.png"};
  ASSERT_TRUE(deploy.record_upload_done("asset:group:1:abc", asset).ok());
  auto done = deploy.journal_entry("asset:group:1:abc");
  EXPECT_EQ((*done)->state, JournalState::done);
  EXPECT_EQ((*done)->result, "1000001");
  auto locked = deploy.find_asset("group:1", "abc");
  ASSERT_TRUE(locked.ok() && locked->has_value());
  EXPECT_EQ((*locked)->asset_id, 1000001);
}

TEST_F(DeployStateTest, RecordingAnIntentAgainCountsAttemptsAndForgetsTheOldAnswer) {
  auto deploy = state();
  ASSERT_TRUE(deploy.record_intent(upload_intent("k")).ok());
  ASSERT_TRUE(deploy.record_operation("k", "op-1").ok());
  auto again = deploy.record_intent(upload_intent("k"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(again->state, JournalState::intent);
  EXPECT_EQ(again->operation_id, "");
}

TEST_F(DeployStateTest, AnswersForUnknownIntentsAreBugs) {
  auto deploy = state();
  auto result = deploy.record_done("never-recorded", "1");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::internal);
}

TEST_F(DeployStateTest, TenantsDoNotSeeEachOthersLocksOrJournals) {
  auto north = state("north");
  auto south = state("south");
  ASSERT_TRUE(north.put_asset({"group:1", "abc", 7, 1, "approved", "Image", "volcano", "a.png"}).ok());
  ASSERT_TRUE(north.record_intent(upload_intent("k")).ok());
  EXPECT_FALSE(south.find_asset("group:1", "abc")->has_value());
  EXPECT_FALSE(south.journal_entry("k")->has_value());
}

TEST_F(DeployStateTest, OwnedModelsAndTheirVersionsAreFoundByInputAndByVersion) {
  auto deploy = state();
  ASSERT_TRUE(deploy.record_intent(upload_intent("model")).ok());
  OwnedModel model{"group:1", "volcano", "assets/models/rock.rbxm", 55, 3, "h3"};
  LockedAsset asset{"group:1", "h3", 55, 3, "approved", "Model", "volcano", "assets/models/rock.rbxm"};
  ASSERT_TRUE(deploy.record_model_done("model", model, asset).ok());
  auto found = deploy.find_model("group:1", "volcano", "assets/models/rock.rbxm");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->version, 3);
  auto version = deploy.find_asset_version("group:1", 55, 3);
  ASSERT_TRUE(version.ok() && version->has_value());
  EXPECT_EQ((*version)->content_hash, "h3");
  EXPECT_FALSE(deploy.find_asset_version("group:1", 55, 2)->has_value());
}

TEST_F(DeployStateTest, ReleasesAreFoundByIdOrUniquePrefix) {
  auto deploy = state();
  ReleaseRecord first{"volcano@1.0.0+aaa111", "volcano", "1.0.0", "aaa", "zip1", "in", "", false, "ci", "t1"};
  ReleaseRecord second{"volcano@1.0.0+aab222", "volcano", "1.0.0", "aab", "zip2", "in", "", false, "ci", "t2"};
  ASSERT_TRUE(deploy.put_release(first).ok());
  ASSERT_TRUE(deploy.put_release(second).ok());
  EXPECT_EQ(deploy.find_release("volcano@1.0.0+aab")->bundle_object, "zip2");
  EXPECT_EQ(deploy.find_release("volcano@1.0.0+aaa111")->bundle_object, "zip1");
  auto ambiguous = deploy.find_release("volcano@1.0.0+aa");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(deploy.find_release("other").error().code(), base::ErrorCode::not_found);
  EXPECT_EQ(deploy.list_releases("volcano")->size(), 2u);
}

TEST_F(DeployStateTest, TheLiveDeploymentIsTheNewestSucceededOne) {
  auto deploy = state();
  Deployment first;
  first.lesson = "volcano";
  first.environment = "staging";
  first.release_id = "r1";
  first.status = DeploymentStatus::succeeded;
  first.assets = {{"assets/images/lava.png", 1000001, 0}};
  first.possible_duplicates = {"assets/images/lava.png"};
  ASSERT_TRUE(deploy.insert_deployment(first).ok());
  Deployment running = first;
  running.release_id = "r2";
  running.status = DeploymentStatus::running;
  auto inserted = deploy.insert_deployment(running);
  ASSERT_TRUE(inserted.ok());
  auto live = deploy.live_deployment("staging", "volcano");
  ASSERT_TRUE(live.ok() && live->has_value());
  EXPECT_EQ((*live)->release_id, "r1");
  EXPECT_EQ((*live)->assets.front().asset_id, 1000001);
  EXPECT_EQ((*live)->possible_duplicates, std::vector<std::string>{"assets/images/lava.png"});
  auto still_running = deploy.running_deployment("staging", "volcano");
  ASSERT_TRUE(still_running.ok() && still_running->has_value());
  EXPECT_EQ((*still_running)->id, inserted->id);
  EXPECT_FALSE(deploy.live_deployment("production", "volcano")->has_value());
}

}  // namespace
}  // namespace rbxpipe::deploy
