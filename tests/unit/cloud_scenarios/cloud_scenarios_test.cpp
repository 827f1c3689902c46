// The client against the emulator on 127.0.0.1, one test per failure scenario of open-cloud.md §8.5: outcomes, call
// counts, and that no asset is created twice where it must not be.
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "cloud/assets_api.h"
#include "cloud/luau_api.h"
#include "cloud/operations_api.h"
#include "cloud/places_api.h"
#include "cloud/universes_api.h"
#include "tests/unit/cloud_scenarios/scenario_fixture.h"

namespace rbxpipe::testing {
namespace {

using namespace std::chrono_literals;
namespace emu = cloud::emulator;

cloud::AssetUpload image_upload(const std::string& name) {
  cloud::AssetUpload upload;
  upload.asset_type = "Image";
  upload.display_name = name;
  upload.description = "test upload";
  upload.creator = cloud::CreatorRef{cloud::CreatorRef::Kind::group, 1};
  upload.file_name = name + ".png";
  upload.content_type = "image/png";
  upload.content = tiny_png();
  return upload;
}

emu::FaultSpec fault(std::string route, emu::FaultKind kind, int times = 1) {
  emu::FaultSpec spec;
  spec.route = std::move(route);
  spec.kind = kind;
  spec.times = times;
  return spec;
}

// 1. A burst larger than the budget: the shared limiter paces it, every upload lands, the server rarely says 429.
TEST(CloudScenarios, BurstOfUploadsConvergesWithinTheBudget) {
  for (auto mode : {emu::RetryAfterMode::seconds, emu::RetryAfterMode::none}) {
    CloudScenario scenario([&](emu::Scenario& s) {
      s.rate_limits.retry_after = mode;
      s.assets.operation.polls_before_done = 0;
    });
    cloud::AssetsApi assets(scenario.client());
    for (int i = 0; i < 150; ++i) ASSERT_TRUE(assets.create(image_upload("burst" + std::to_string(i))).ok()) << i;
    EXPECT_EQ(scenario.emulator().assets().size(), 150u);
    EXPECT_EQ(scenario.count_status("assets.create", 200), 150);
    // 150 creates at 120 per minute need more than half a minute of (fake) time, and no more than a few 429s.
    EXPECT_GE(scenario.clock().total_slept(), 15s);
    EXPECT_LE(scenario.count_status("assets.create", 429), 3);
  }
}

// 2. The create reaches the server but its answer is lost: never re-sent, reported as possibly created.
TEST(CloudScenarios, LostCreateAnswerIsNotResent) {
  CloudScenario scenario;
  auto reset = fault("assets.create", emu::FaultKind::reset);
  reset.after_commit = true;
  scenario.emulator().add_faults({reset});
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("lost"));
  ASSERT_FALSE(created.ok());
  EXPECT_TRUE(cloud::request_may_have_arrived(created.error())) << created.error().to_string();
  EXPECT_EQ(scenario.count("assets.create"), 1);
  EXPECT_EQ(scenario.emulator().assets().size(), 1u);
}

// 3. Polling is throttled: the poll waits and retries; the asset is never created again.
TEST(CloudScenarios, ThrottledPollingDoesNotRecreate) {
  CloudScenario scenario([](emu::Scenario& s) { s.assets.operation.polls_before_done = 2; });
  scenario.emulator().add_faults({fault("operations.get", emu::FaultKind::status_429, 3)});
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("polled"));
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  cloud::OperationsApi operations(scenario.client());
  auto done = operations.wait(created->operation_id);
  ASSERT_TRUE(done.ok()) << done.error().to_string();
  EXPECT_TRUE(done->done);
  ASSERT_TRUE(done->response.has_value());
  EXPECT_EQ(scenario.count("assets.create"), 1);
  EXPECT_GE(scenario.count_status("operations.get", 429), 3);
  EXPECT_EQ(scenario.emulator().assets().size(), 1u);
}

// 4. Fresh operations leave `done` out: that means "still running".
TEST(CloudScenarios, MissingDoneMeansStillRunning) {
  CloudScenario scenario([](emu::Scenario& s) {
    s.assets.operation.polls_before_done = 3;
    s.assets.operation.omit_done = true;
  });
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("quiet"));
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->done);
  cloud::OperationsApi operations(scenario.client());
  auto first = operations.get(created->operation_id);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->done);
  auto done = operations.wait(created->operation_id);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->done);
  EXPECT_GT(done->response->asset_id, 0);
}

// 5. The operation ends in an error: returned as the operation's error, nothing retried.
TEST(CloudScenarios, FailedOperationIsPermanent) {
  CloudScenario scenario([](emu::Scenario& s) {
    s.assets.operation.error_code = 3;
    s.assets.operation.error_message = "InvalidImage";
  });
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("broken"));
  ASSERT_TRUE(created.ok());
  auto done = cloud::OperationsApi(scenario.client()).wait(created->operation_id);
  ASSERT_TRUE(done.ok());
  ASSERT_TRUE(done->error.has_value());
  EXPECT_EQ(done->error->code, "3");
  EXPECT_EQ(done->error->message, "InvalidImage");
  EXPECT_EQ(scenario.count("assets.create"), 1);
}

// 6. Created, then Reviewing, then Rejected: visible through get.
TEST(CloudScenarios, ModerationMovesFromReviewingToRejected) {
  CloudScenario scenario([](emu::Scenario& s) {
    s.assets.operation.polls_before_done = 0;
    s.assets.moderation = emu::ModerationSpec{"Rejected", 60};
  });
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("edgy"));
  ASSERT_TRUE(created.ok());
  auto done = cloud::OperationsApi(scenario.client()).wait(created->operation_id);
  ASSERT_TRUE(done.ok() && done->response);
  std::int64_t id = done->response->asset_id;
  EXPECT_EQ(assets.get(id)->moderation, cloud::ModerationState::reviewing);
  scenario.clock().advance(61s);
  EXPECT_EQ(assets.get(id)->moderation, cloud::ModerationState::rejected);
}

// 7. A moderated account: every write is refused once, never looped on.
TEST(CloudScenarios, ModeratedAccountStopsAtTheFirstWrite) {
  CloudScenario scenario([](emu::Scenario& s) { s.keys[0].account_moderated = true; });
  cloud::AssetsApi assets(scenario.client());
  auto created = assets.create(image_upload("any"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code(), base::ErrorCode::forbidden);
  EXPECT_EQ(scenario.count("assets.create"), 1);
}

// 8. Audio quota used up: the quota call shows it before any upload is tried.
TEST(CloudScenarios, QuotaShowsExhaustedAudioUploads) {
  CloudScenario scenario([](emu::Scenario& s) {
    emu::QuotaSpec quota;
    quota.capacity = 10;
    quota.usage = 10;
    s.assets.quotas = {quota};
  });
  auto quotas = cloud::asset_quotas(scenario.client(), 1, "quotaType == RateLimitUpload && assetType == Audio");
  ASSERT_TRUE(quotas.ok()) << quotas.error().to_string();
  ASSERT_EQ(quotas->size(), 1u);
  EXPECT_EQ((*quotas)[0].usage, (*quotas)[0].capacity);
  EXPECT_EQ((*quotas)[0].asset_type, "AUDIO");
}

std::string place_bytes(char marker) { return std::string("<roblox!") + std::string(64, marker); }

// 9. Team Create holds the place: 409 once, a conflict naming Team Create, no retry.
TEST(CloudScenarios, TeamCreateConflictIsNotRetried) {
  CloudScenario scenario([](emu::Scenario& s) { s.universes[0].places[0].team_create_locked = true; });
  cloud::PlacesApi places(scenario.client());
  auto published = places.publish(1, 1, place_bytes('a'), true, cloud::PlaceVersionType::published);
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code(), base::ErrorCode::conflict);
  EXPECT_NE(published.error().to_string().find("Team Create"), std::string::npos);
  EXPECT_EQ(scenario.count("places.publish"), 1);
}

// 10. An oversized place answers 500: a clear size diagnosis after a bounded number of tries.
TEST(CloudScenarios, OversizedPlaceIsDiagnosedNotRetriedForever) {
  CloudScenario scenario([](emu::Scenario& s) { s.places.max_bytes = 1000; });
  cloud::PlacesApi places(scenario.client());
  std::string big = std::string("<roblox!") + std::string(11 << 20, 'x');
  auto published = places.publish(1, 1, big, true, cloud::PlaceVersionType::saved);
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code(), base::ErrorCode::too_large);
  EXPECT_LE(scenario.count("places.publish"), 2);
}

// 11. Saved, smoke test, Published, restart: a failing test stops before going live.
TEST(CloudScenarios, SmokeTestGatesThePublishedVersion) {
  CloudScenario scenario([](emu::Scenario& s) {
    emu::LuauOutcomeSpec failing;
    failing.marker = "--fail";
    failing.state = "FAILED";
    failing.error_code = "SCRIPT_ERROR";
    failing.error_message = "assertion failed";
    failing.logs = {{"checking lesson", "OUTPUT"}};
    s.luau.outcomes = {failing};
  });
  cloud::PlacesApi places(scenario.client());
  cloud::LuauApi luau(scenario.client());
  auto saved = places.publish(1, 1, place_bytes('a'), true, cloud::PlaceVersionType::saved);
  ASSERT_TRUE(saved.ok()) << saved.error().to_string();
  auto task = luau.create_task(1, 1, *saved, "print('checking lesson') --fail");
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  auto finished = luau.wait_task(task->path);
  ASSERT_TRUE(finished.ok()) << finished.error().to_string();
  EXPECT_EQ(finished->state, "FAILED");
  EXPECT_EQ(finished->error->code, "SCRIPT_ERROR");
  EXPECT_EQ(luau.logs(task->path).value(), std::vector<std::string>{"checking lesson"});
  EXPECT_FALSE(scenario.emulator().live_place_version(1).has_value());

  auto passing = luau.create_task(1, 1, *saved, "return true");
  ASSERT_TRUE(passing.ok());
  ASSERT_EQ(luau.wait_task(passing->path)->state, "COMPLETE");
  auto live = places.publish(1, 1, place_bytes('a'), true, cloud::PlaceVersionType::published);
  ASSERT_TRUE(live.ok());
  ASSERT_TRUE(cloud::restart_servers(scenario.client(), 1, {}).ok());
  EXPECT_EQ(scenario.emulator().live_place_version(1), static_cast<int>(*live));
  EXPECT_EQ(scenario.emulator().restart_calls().size(), 1u);
}

// 12. Rollback = republish the stored artifact: live content equals the old one; servers restart.
TEST(CloudScenarios, RollbackRepublishesTheOldArtifact) {
  CloudScenario scenario;
  cloud::PlacesApi places(scenario.client());
  std::string first = place_bytes('1'), second = place_bytes('2');
  ASSERT_TRUE(places.publish(1, 1, first, true, cloud::PlaceVersionType::published).ok());
  ASSERT_TRUE(places.publish(1, 1, second, true, cloud::PlaceVersionType::published).ok());
  EXPECT_EQ(scenario.emulator().live_place_sha256(1), base::sha256_hex(second));
  auto back = places.publish(1, 1, first, true, cloud::PlaceVersionType::published);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(cloud::restart_servers(scenario.client(), 1, {}).ok());
  EXPECT_EQ(*back, 3);
  EXPECT_EQ(scenario.emulator().live_place_sha256(1), base::sha256_hex(first));
  EXPECT_EQ(scenario.emulator().restart_calls().size(), 1u);
}

// 13. Expired keys and missing scopes: 401/403 once, with a clear message.
TEST(CloudScenarios, ExpiredKeyAndMissingScopeAreNotRetried) {
  {
    CloudScenario scenario([](emu::Scenario& s) { s.keys[0].status = emu::KeyStatus::auto_expired; });
    auto created = cloud::AssetsApi(scenario.client()).create(image_upload("x"));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code(), base::ErrorCode::unauthenticated);
    EXPECT_NE(created.error().to_string().find("expire"), std::string::npos) << created.error().to_string();
    EXPECT_EQ(scenario.count("assets.create"), 1);
  }
  {
    CloudScenario scenario([](emu::Scenario& s) { s.keys[0].scopes = {"asset:read"}; });
    auto created = cloud::AssetsApi(scenario.client()).create(image_upload("x"));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code(), base::ErrorCode::forbidden);
    EXPECT_EQ(scenario.count("assets.create"), 1);
  }
}

// Introspection is what deploys check first.
TEST(CloudScenarios, IntrospectionListsScopesOfTheKey) {
  CloudScenario scenario;
  auto info = cloud::introspect_api_key(scenario.client());
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_TRUE(info->enabled);
  EXPECT_FALSE(info->expired);
  EXPECT_TRUE(info->allows("asset", "write"));
  EXPECT_TRUE(info->allows_universe("universe-places", 1));
}

// Model assets take new versions and roll back to old ones.
TEST(CloudScenarios, ModelVersionsUpdateAndRollBack) {
  CloudScenario scenario([](emu::Scenario& s) { s.assets.operation.polls_before_done = 0; });
  cloud::AssetsApi assets(scenario.client());
  cloud::OperationsApi operations(scenario.client());
  cloud::AssetUpload model;
  model.asset_type = "Model";
  model.display_name = "Crate";
  model.description = "a crate";
  model.creator = cloud::CreatorRef{cloud::CreatorRef::Kind::group, 1};
  model.file_name = "Crate.rbxm";
  model.content_type = "model/x-rbxm";
  model.content = place_bytes('m');
  auto created = operations.wait(assets.create(model)->operation_id);
  ASSERT_TRUE(created.ok() && created->response) << (created ? "" : created.error().to_string());
  std::int64_t id = created->response->asset_id;
  model.content = place_bytes('n');
  auto updated = assets.update_content(id, model);
  ASSERT_TRUE(updated.ok()) << updated.error().to_string();
  ASSERT_TRUE(operations.wait(updated->operation_id).ok());
  auto versions = assets.list_versions(id);
  ASSERT_TRUE(versions.ok()) << versions.error().to_string();
  ASSERT_EQ(versions->versions.size(), 2u);
  EXPECT_EQ(versions->versions[0].version, 2);
  auto rolled = assets.rollback(id, 1);
  ASSERT_TRUE(rolled.ok()) << rolled.error().to_string();
  EXPECT_EQ(rolled->version, 3);
  EXPECT_EQ(scenario.emulator().asset_content(id), place_bytes('m'));
}

}  // namespace
}  // namespace rbxpipe::testing
