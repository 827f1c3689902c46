#include <gtest/gtest.h>

#include "base/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

using namespace std::chrono_literals;

class EmulatorControl : public EmulatorTest {};

TEST_F(EmulatorControl, StateListsAssetsPlacesAndRequests) {
  start();
  create_asset("Image", "Lava", png(8, 8), "image/png");
  publish("<roblox!", "Published");
  Json state = body_json(get("/_emulator/state", ""));
  ASSERT_EQ(state["assets"].size(), 1u);
  EXPECT_EQ(state["assets"][0]["display_name"], "Lava");
  EXPECT_EQ(state["assets"][0]["versions"][0]["moderation_state"], "Approved");
  EXPECT_EQ(state["places"][0]["live_version"], 1);
  EXPECT_EQ(state["places"][0]["live_sha256"], state["places"][0]["versions"][0]["sha256"]);
  ASSERT_EQ(state["requests"].size(), 4u);
  EXPECT_EQ(state["requests"][0]["route"], "assets.create");
  EXPECT_EQ(state["requests"][3]["status"], 200);
  EXPECT_EQ(state["operations"].size(), 1u);
  EXPECT_EQ(state["now"], "2026-01-01T00:00:00.000Z");
}

TEST_F(EmulatorControl, ContentRoutesServeUploadedBytes) {
  start();
  auto id = create_asset("Model", "Volcano", "<roblox!bytes", "model/x-rbxm");
  EXPECT_EQ(get("/_emulator/assets/" + std::to_string(id) + "/content", "")->body, "<roblox!bytes");
  publish("<roblox!place", "Saved");
  EXPECT_EQ(get("/_emulator/places/1/content?version=1", "")->body, "<roblox!place");
  EXPECT_EQ(get("/_emulator/places/1/content?version=2", "")->status, 404);
}

TEST_F(EmulatorControl, ResetRestoresTheScenario) {
  start(R"({"faults": [{"route": "assets.get", "kind": "status_503"}]})");
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 503);
  create_asset("Image", "Lava", png(8, 8), "image/png");
  ASSERT_EQ(post("/_emulator/reset", "", "application/json", "")->status, 200);
  EXPECT_TRUE(emulator->assets().empty());
  EXPECT_TRUE(emulator->request_log().empty());
  EXPECT_EQ(get("/assets/v1/assets/1")->status, 503);  // the scenario's faults are queued again
  EXPECT_EQ(create_asset("Image", "Lava", png(8, 8), "image/png"), 1000001);
}

TEST_F(EmulatorControl, ClockRouteAdvancesAFakeClockOnly) {
  start();
  auto advanced = post("/_emulator/clock", R"({"advance_seconds": 90})", "application/json", "");
  ASSERT_TRUE(advanced);
  EXPECT_EQ(body_json(advanced)["now"], "2026-01-01T00:01:30.000Z");
  EXPECT_EQ(clock.now(), rbxpipe::testing::FakeClock::default_start() + 90s);

  Emulator real(default_scenario().value());
  ASSERT_TRUE(real.start(0));
  httplib::Client client("127.0.0.1", real.port());
  EXPECT_EQ(client.Post("/_emulator/clock", R"({"advance_seconds": 1})", "application/json")->status, 409);
}

TEST_F(EmulatorControl, ManualClockScenarioStartsAtItsStartTime) {
  Emulator manual(scenario_from(R"({"clock": {"mode": "manual", "start": "2030-05-01T12:00:00Z"}})"));
  ASSERT_TRUE(manual.start(0));
  httplib::Client client("127.0.0.1", manual.port());
  auto advanced = client.Post("/_emulator/clock", R"({"advance_ms": 1500})", "application/json");
  ASSERT_TRUE(advanced);
  EXPECT_EQ(body_json(advanced)["now"], "2030-05-01T12:00:01.500Z");
}

TEST_F(EmulatorControl, SameScenarioAndClockGiveTheSameIds) {
  auto run = [](std::uint64_t seed) {
    rbxpipe::testing::FakeClock fake;
    Emulator instance(scenario_from("{\"seed\": " + std::to_string(seed) + "}"), EmulatorOptions{&fake, std::nullopt});
    EXPECT_TRUE(instance.start(0));
    httplib::Client client("127.0.0.1", instance.port());
    Form form = multipart({{"request", create_meta("Image", "Lava").dump(), "", ""},
                           {"fileContent", png(8, 8), "image/png", "lava.png"}});
    auto created = client.Post("/assets/v1/assets", httplib::Headers{{"x-api-key", "emulator-key"}}, form.body,
                               form.content_type);
    return created ? body_json(created)["operationId"].get<std::string>() : std::string();
  };
  std::string first = run(7);
  EXPECT_EQ(first, run(7));
  EXPECT_NE(first, run(8));
  EXPECT_EQ(first[14], '4');  // a version-4 UUID
}

TEST_F(EmulatorControl, StateFilePersistsAcrossRestarts) {
  rbxpipe::testing::TempDir dir;
  auto state_file = dir / "emulator-state.json";
  {
    Emulator first(default_scenario().value(), EmulatorOptions{&clock, state_file});
    ASSERT_TRUE(first.start(0));
    httplib::Client client("127.0.0.1", first.port());
    auto published = client.Post("/universes/v1/1/places/1/versions?versionType=Published",
                                 httplib::Headers{{"x-api-key", "emulator-key"}}, "<roblox!kept",
                                 "application/octet-stream");
    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, 200);
  }
  ASSERT_TRUE(std::filesystem::exists(state_file));
  Emulator second(default_scenario().value(), EmulatorOptions{&clock, state_file});
  ASSERT_TRUE(second.start(0));
  EXPECT_EQ(second.live_place_version(1), 1);
  EXPECT_EQ(second.place_content(1, 1), "<roblox!kept");
  httplib::Client client("127.0.0.1", second.port());
  auto next = client.Post("/universes/v1/1/places/1/versions?versionType=Saved",
                          httplib::Headers{{"x-api-key", "emulator-key"}}, "<roblox!more", "application/octet-stream");
  EXPECT_EQ(next->body, "{\"versionNumber\":2}");
}

TEST_F(EmulatorControl, CorruptStateFileFailsTheStart) {
  rbxpipe::testing::TempDir dir;
  auto state_file = dir.write("state.json", "{not json");
  Emulator broken(default_scenario().value(), EmulatorOptions{&clock, state_file});
  auto started = broken.start(0);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code(), base::ErrorCode::invalid_input);
}

TEST_F(EmulatorControl, UnknownRoutesAre404AndWrongMethods405) {
  start();
  EXPECT_EQ(get("/assets/v2/nothing")->status, 404);
  EXPECT_EQ(client().Delete("/assets/v1/assets/1", httplib::Headers{{"x-api-key", "emulator-key"}})->status, 405);
}

TEST_F(EmulatorControl, KeepAliveConnectionServesManyRequests) {
  start();
  httplib::Client reused("127.0.0.1", emulator->port());
  reused.set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    auto answer = reused.Get("/assets/v1/assets/1", httplib::Headers{{"x-api-key", "emulator-key"}});
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 404);
  }
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
