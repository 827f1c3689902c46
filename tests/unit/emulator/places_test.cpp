#include <gtest/gtest.h>

#include "base/sha256.h"
#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

class EmulatorPlaces : public EmulatorTest {};

TEST_F(EmulatorPlaces, SavedThenPublishedCountsVersionsAndSetsTheLiveOne) {
  start();
  auto saved = publish("<roblox!first", "Saved");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(saved->get_header_value("Content-Type"), "text/plain");
  EXPECT_EQ(saved->body, "{\"versionNumber\":1}");
  EXPECT_FALSE(emulator->live_place_version(1));

  auto published = publish("<roblox xmlns:xmime=\"...\">", "Published", 1, 1, "application/xml");
  ASSERT_TRUE(published);
  EXPECT_EQ(published->body, "{\"versionNumber\":2}");
  EXPECT_EQ(emulator->live_place_version(1), 2);
  EXPECT_EQ(emulator->live_place_sha256(1), base::sha256_hex("<roblox xmlns:xmime=\"...\">"));
  auto versions = emulator->place_versions(1);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_FALSE(versions[0].published);
  EXPECT_TRUE(versions[1].published);
  EXPECT_EQ(emulator->place_content(1, 1), "<roblox!first");
}

TEST_F(EmulatorPlaces, VersionNumbersContinueFromExistingVersions) {
  start(R"({"universes": [{"id": 1, "places": [{"id": 1, "versions": 41}]}]})");
  EXPECT_EQ(publish("<roblox!", "Published")->body, "{\"versionNumber\":42}");
}

TEST_F(EmulatorPlaces, BadRequestsAreRejected) {
  start();
  EXPECT_EQ(publish("<roblox!", "")->status, 400);
  EXPECT_EQ(publish("<roblox!", "Live")->status, 400);
  EXPECT_EQ(publish("<roblox!", "Saved", 1, 1, "text/plain")->status, 400);
  auto corrupt = publish("PK\x03\x04zip", "Saved");
  ASSERT_TRUE(corrupt);
  EXPECT_EQ(corrupt->status, 400);
  EXPECT_EQ(body_json(corrupt)["message"], "Invalid file content.");
  EXPECT_EQ(publish("<roblox xml", "Saved")->status, 400);  // XML content sent as binary
  EXPECT_EQ(publish("", "Saved")->status, 400);
  EXPECT_TRUE(emulator->place_versions(1).empty());
}

TEST_F(EmulatorPlaces, UnknownPlacesAre404AndForeignPlaces409) {
  start(R"({"universes": [{"id": 1, "places": [{"id": 1}]}, {"id": 2, "places": [{"id": 20}]}]})");
  EXPECT_EQ(publish("<roblox!", "Saved", 3, 1)->status, 404);
  EXPECT_EQ(publish("<roblox!", "Saved", 1, 5)->status, 404);
  auto foreign = publish("<roblox!", "Saved", 1, 20);
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 409);
  EXPECT_EQ(body_json(foreign)["code"], "ABORTED");
}

TEST_F(EmulatorPlaces, TeamCreateLockAnswers409) {
  start(R"({"universes": [{"id": 1, "places": [{"id": 1, "team_create_locked": true}]}]})");
  auto locked = publish("<roblox!", "Published");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 409);
  EXPECT_FALSE(emulator->live_place_version(1));
}

TEST_F(EmulatorPlaces, OversizePlaceGetsA500ProblemOrA413) {
  start(R"({"places": {"max_bytes": 16}})");
  auto oversize = publish("<roblox!" + std::string(16, 'x'), "Published");
  ASSERT_TRUE(oversize);
  EXPECT_EQ(oversize->status, 500);
  EXPECT_EQ(oversize->get_header_value("Content-Type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(body_json(oversize)["title"], "An error occurred while processing your request.");
  emulator->stop();
  start(R"({"places": {"max_bytes": 16, "oversize_status": 413}})");
  EXPECT_EQ(publish("<roblox!" + std::string(16, 'x'), "Published")->status, 413);
}

TEST_F(EmulatorPlaces, RestartServersIsRecordedAndValidated) {
  start();
  auto restarted = post_json("/cloud/v2/universes/1:restartServers",
                             Json{{"placeIds", {"1"}}, {"closeAllVersions", true}, {"bleedOffDurationMinutes", 5}});
  ASSERT_TRUE(restarted);
  ASSERT_EQ(restarted->status, 200) << restarted->body;
  EXPECT_EQ(restarted->body, "{}");
  auto calls = emulator->restart_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].universe_id, 1);
  EXPECT_EQ(calls[0].place_ids, std::vector<std::int64_t>{1});
  EXPECT_TRUE(calls[0].close_all_versions);
  EXPECT_EQ(calls[0].bleed_off_minutes, 5);
  EXPECT_EQ(post_json("/cloud/v2/universes/1:restartServers", Json{{"bleedOffDurationMinutes", 61}})->status, 400);
  EXPECT_EQ(post_json("/cloud/v2/universes/8:restartServers", Json::object())->status, 404);
  EXPECT_EQ(emulator->restart_calls().size(), 1u);
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
