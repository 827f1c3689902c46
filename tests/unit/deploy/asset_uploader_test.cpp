// The upload phase against an in-process emulator on 127.0.0.1: the journal rules of CONTRACTS.md §6, each state
// set up by hand, and deduplication through the asset lock.
#include "deploy/asset_uploader.h"

#include <gtest/gtest.h>

#include "assets/image.h"
#include "assets/png_writer.h"
#include "base/sha256.h"
#include "cloud/assets_api.h"
#include "cloud/emulator/emulator.h"
#include "cloud/emulator/scenario.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::deploy {
namespace {

class AssetUploaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scenario = cloud::emulator::default_scenario();
    ASSERT_TRUE(scenario.ok());
    for (auto& [name, limit] : scenario->rate_limits.per_minute) limit = 100'000;
    m_emulator = std::make_unique<cloud::emulator::Emulator>(*scenario);
    ASSERT_TRUE(m_emulator->start(0).ok());
    auto store = platform::store::open_sqlite_store(m_dir.path() / "state.db");
    ASSERT_TRUE(store.ok());
    m_store = std::move(*store);
    ASSERT_TRUE(m_store->migrate(deploy_migrations()).ok());
    m_state = std::make_unique<DeployState>(*m_store, "local", base::system_clock());
    ::setenv("RBXPIPE_UPLOADER_TEST_KEY", "emulator-key", 1);
    pipeline::EnvironmentConfig environment;
    environment.name = "test";
    environment.universe = 1;
    environment.place = 1;
    environment.creator = {pipeline::Creator::Kind::group, 1};
    environment.api_key = {pipeline::ApiKeyRef::Kind::env, "RBXPIPE_UPLOADER_TEST_KEY"};
    SessionOptions options;
    options.open_cloud_url = m_emulator->base_url();
    auto session = open_session(environment, options);
    ASSERT_TRUE(session.ok());
    m_session = std::move(*session);
    m_release.record.lesson = "volcano";
    std::uint8_t shade = 10;
    for (const char* name : {"a.png", "b.png", "c.png"}) {
      ReleaseAsset asset;
      asset.input = std::string("assets/images/") + name;
      asset.asset_type = "Image";
      asset.mime = "image/png";
      assets::Image image = assets::Image::blank(16, 16);
      for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = shade;
      shade = static_cast<std::uint8_t>(shade + 40);
      asset.bytes = *assets::encode_png(image);
      asset.content_hash = base::sha256_hex(asset.bytes);
      m_release.assets.push_back(asset);
    }
  }

  std::size_t creates() const {
    std::size_t count = 0;
    for (const auto& record : m_emulator->request_log()) count += record.route == "assets.create" ? 1 : 0;
    return count;
  }

  std::string key_of(const ReleaseAsset& asset) const { return "asset:group:1:" + asset.content_hash; }

  JournalEntry intent_for(const ReleaseAsset& asset) const {
    JournalEntry entry;
    entry.key = key_of(asset);
    entry.kind = "asset.create";
    entry.label = asset.input;
    entry.content_hash = asset.content_hash;
    entry.target = "group:1";
    return entry;
  }

  testing::TempDir m_dir;
  std::unique_ptr<cloud::emulator::Emulator> m_emulator;
  std::unique_ptr<platform::store::StateStore> m_store;
  std::unique_ptr<DeployState> m_state;
  CloudSession m_session;
  Release m_release;
};

TEST_F(AssetUploaderTest, UploadsEachAssetOnceAndThenReusesTheLock) {
  auto first = upload_assets(m_session, *m_state, m_release, {});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->uploaded.size(), 3u);
  EXPECT_EQ(creates(), 3u);
  auto again = upload_assets(m_session, *m_state, m_release, {});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->uploaded.empty());
  EXPECT_EQ(again->reused.size(), 3u);
  EXPECT_EQ(again->asset_ids, first->asset_ids);
  EXPECT_EQ(creates(), 3u);
}

TEST_F(AssetUploaderTest, AnIntentWithAnOperationIsPolledNeverSentAgain) {
  // A run sent the create of a.png, recorded the operation, and died.
  const ReleaseAsset& asset = m_release.assets[0];
  cloud::AssetsApi api(*m_session.client);
  cloud::AssetUpload upload;
  upload.asset_type = "Image";
  upload.display_name = "volcano a.png";
  upload.creator = m_session.creator;
  upload.file_name = "a.png";
  upload.content_type = "image/png";
  upload.content = asset.bytes;
  auto operation = api.create(upload);
  ASSERT_TRUE(operation.ok());
  ASSERT_TRUE(m_state->record_intent(intent_for(asset)).ok());
  ASSERT_TRUE(m_state->record_operation(key_of(asset), operation->operation_id).ok());
  ASSERT_EQ(creates(), 1u);

  auto report = upload_assets(m_session, *m_state, m_release, {});
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(creates(), 3u);  // b.png and c.png only
  EXPECT_TRUE(report->possible_duplicates.empty());
  EXPECT_EQ(m_emulator->assets().size(), 3u);
  EXPECT_EQ(m_emulator->asset(report->asset_ids.at(asset.input))->sha256, base::sha256_hex(asset.bytes));
}

TEST_F(AssetUploaderTest, AnIntentWithoutAnAnswerIsSentAgainAndReportedByName) {
  const ReleaseAsset& asset = m_release.assets[1];
  ASSERT_TRUE(m_state->record_intent(intent_for(asset)).ok());  // died before any answer was recorded
  std::vector<std::string> reported;
  UploadOptions options;
  options.on_possible_duplicate = [&](const std::string& input) { reported.push_back(input); };
  auto report = upload_assets(m_session, *m_state, m_release, options);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(reported, std::vector<std::string>{asset.input});
  EXPECT_EQ(report->possible_duplicates, std::vector<std::string>{asset.input});
  EXPECT_EQ(creates(), 3u);
  auto entry = m_state->journal_entry(key_of(asset));
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->state, JournalState::done);
  EXPECT_EQ((*entry)->attempts, 2);
}

TEST_F(AssetUploaderTest, ARefusedCreateIsSafeToSendAgainWithoutAReport) {
  const ReleaseAsset& asset = m_release.assets[2];
  ASSERT_TRUE(m_state->record_intent(intent_for(asset)).ok());
  ASSERT_TRUE(m_state->record_failed(key_of(asset), "HTTP 400").ok());
  auto report = upload_assets(m_session, *m_state, m_release, {});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->possible_duplicates.empty());
  EXPECT_EQ(creates(), 3u);
}

TEST_F(AssetUploaderTest, TheSameContentInAnotherLessonIsNotUploadedAgain) {
  ASSERT_TRUE(upload_assets(m_session, *m_state, m_release, {}).ok());
  Release other = m_release;
  other.record.lesson = "earthquakes";
  other.assets.resize(1);
  other.assets[0].input = "assets/images/shared/a-copy.png";
  auto report = upload_assets(m_session, *m_state, other, {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->reused, std::vector<std::string>{"assets/images/shared/a-copy.png"});
  EXPECT_EQ(creates(), 3u);
}

TEST_F(AssetUploaderTest, ARejectedAssetFailsNamingIt) {
  cloud::emulator::Scenario scenario = m_emulator->scenario();
  scenario.assets.moderation.state = "Rejected";
  m_emulator->stop();
  m_emulator = std::make_unique<cloud::emulator::Emulator>(scenario);
  ASSERT_TRUE(m_emulator->start(0).ok());
  pipeline::EnvironmentConfig environment;
  environment.name = "test";
  environment.creator = {pipeline::Creator::Kind::group, 1};
  environment.api_key = {pipeline::ApiKeyRef::Kind::env, "RBXPIPE_UPLOADER_TEST_KEY"};
  SessionOptions options;
  options.open_cloud_url = m_emulator->base_url();
  auto session = open_session(environment, options);
  ASSERT_TRUE(session.ok());
  auto report = upload_assets(*session, *m_state, m_release, {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message().find("rejected assets/images/a.png"), std::string::npos)
      << report.error().message();
}

}  // namespace
}  // namespace rbxpipe::deploy
