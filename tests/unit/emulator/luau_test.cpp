#include <gtest/gtest.h>

#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator::testing {
namespace {

using namespace std::chrono_literals;

class EmulatorLuau : public EmulatorTest {
 protected:
  // A scenario with a second place that already has 3 versions, and scripted outcomes.
  void start_luau() {
    start(R"({
      "rate_limits": { "per_minute": { "luau_task_create": 100, "luau_task_read": 100 } },
      "universes": [{ "id": 1, "places": [{ "id": 1, "versions": 3 }] }],
      "luau": {
        "default": { "results": [true], "queued_polls": 1, "processing_polls": 1 },
        "outcomes": [{ "marker": "--@fail", "state": "FAILED",
                       "error": { "code": "SCRIPT_ERROR", "message": "Workspace.Lava is not a valid member" },
                       "logs": [{ "message": "checking lava" }, { "message": "boom", "type": "ERROR" }],
                       "queued_polls": 0, "processing_polls": 0 }]
      }
    })");
  }

  Json create_task(const std::string& script, const std::string& version = "3") {
    std::string path = "/cloud/v2/universes/1/places/1" + (version.empty() ? "" : "/versions/" + version) +
                       "/luau-execution-session-tasks";
    auto created = post_json(path, Json{{"script", script}});
    EXPECT_TRUE(created && created->status == 200) << (created ? created->body : "no response");
    return body_json(created);
  }
};

TEST_F(EmulatorLuau, TaskGoesQueuedProcessingComplete) {
  start_luau();
  Json task = create_task("return true");
  EXPECT_EQ(task["state"], "QUEUED");
  EXPECT_EQ(task["user"], "1");
  std::string path = task["path"];
  EXPECT_TRUE(path.starts_with("universes/1/places/1/versions/3/luau-execution-sessions/")) << path;
  EXPECT_NE(path.find("/tasks/"), std::string::npos);
  EXPECT_EQ(body_json(get("/cloud/v2/" + path))["state"], "QUEUED");
  EXPECT_EQ(body_json(get("/cloud/v2/" + path))["state"], "PROCESSING");
  Json done = body_json(get("/cloud/v2/" + path + "?view=FULL"));
  EXPECT_EQ(done["state"], "COMPLETE");
  EXPECT_EQ(done["output"]["results"], Json::array({true}));
  EXPECT_EQ(done["script"], "return true");
  EXPECT_FALSE(body_json(get("/cloud/v2/" + path)).contains("script"));
}

TEST_F(EmulatorLuau, MarkerSelectsAFailureWithLogs) {
  start_luau();
  std::string path = create_task("--@fail\nerror('x')")["path"];
  Json failed = body_json(get("/cloud/v2/" + path));
  EXPECT_EQ(failed["state"], "FAILED");
  EXPECT_EQ(failed["error"], (Json{{"code", "SCRIPT_ERROR"}, {"message", "Workspace.Lava is not a valid member"}}));
  Json flat = body_json(get("/cloud/v2/" + path + "/logs"));
  EXPECT_EQ(flat["luauExecutionSessionTaskLogs"][0]["messages"], Json::array({"checking lava", "boom"}));
  EXPECT_EQ(flat["luauExecutionSessionTaskLogs"][0]["path"], path + "/logs/1");
  EXPECT_EQ(flat["nextPageToken"], "");
  Json structured = body_json(get("/cloud/v2/" + path + "/logs?view=STRUCTURED&maxPageSize=1"));
  const Json& message = structured["luauExecutionSessionTaskLogs"][0]["structuredMessages"][0];
  EXPECT_EQ(message["message"], "checking lava");
  EXPECT_EQ(message["messageType"], "OUTPUT");
  std::string token = structured["nextPageToken"];
  ASSERT_FALSE(token.empty());
  Json rest = body_json(get("/cloud/v2/" + path + "/logs?view=STRUCTURED&maxPageSize=1&pageToken=" + token));
  EXPECT_EQ(rest["luauExecutionSessionTaskLogs"][0]["structuredMessages"][0]["messageType"], "ERROR");
}

TEST_F(EmulatorLuau, WithoutAVersionTheLatestIsUsedAndUnknownVersionsAre404) {
  start_luau();
  Json task = create_task("return 1", "");
  EXPECT_TRUE(task["path"].get<std::string>().starts_with("universes/1/places/1/versions/3/"));
  auto missing = post_json("/cloud/v2/universes/1/places/1/versions/4/luau-execution-session-tasks",
                           Json{{"script", "return 1"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(EmulatorLuau, BadScriptsAndTimeoutsAreRejected) {
  start_luau();
  const std::string path = "/cloud/v2/universes/1/places/1/luau-execution-session-tasks";
  EXPECT_EQ(post_json(path, Json{{"script", ""}})->status, 400);
  EXPECT_EQ(post_json(path, Json{{"script", "x"}, {"timeout", "5m"}})->status, 400);
  EXPECT_EQ(post_json(path, Json{{"script", "x"}, {"timeout", "301s"}})->status, 400);
  EXPECT_EQ(post_json(path, Json{{"script", "x"}, {"timeout", "2.5s"}})->status, 200);
}

TEST_F(EmulatorLuau, TheEleventhIncompleteTaskOfAPlaceGets429) {
  start_luau();
  for (int i = 0; i < 10; ++i) create_task("return " + std::to_string(i));
  auto refused = post_json("/cloud/v2/universes/1/places/1/luau-execution-session-tasks", Json{{"script", "x"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(body_json(refused)["code"], "RESOURCE_EXHAUSTED");
}

TEST_F(EmulatorLuau, FinishedTasksAreForgottenAfter24Hours) {
  start_luau();
  std::string path = create_task("--@fail")["path"];
  EXPECT_EQ(get("/cloud/v2/" + path)->status, 200);
  clock.advance(24h - 1s);
  EXPECT_EQ(get("/cloud/v2/" + path)->status, 200);
  clock.advance(1s);
  EXPECT_EQ(get("/cloud/v2/" + path)->status, 404);
}

TEST_F(EmulatorLuau, TasksNeedAnApiKeyNotAnOAuthToken) {
  start(R"({"keys": [{"key": "emulator-key", "owner": {"group": 1}, "scopes": ["*"]},
                     {"key": "token", "kind": "oauth", "owner": {"user": 1}, "scopes": ["*"]}]})");
  httplib::Headers bearer{{"Authorization", "Bearer token"}};
  auto refused = client().Post("/cloud/v2/universes/1/places/1/luau-execution-session-tasks", bearer,
                               R"({"script":"x"})", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto assets = client().Get("/assets/v1/assets/1", bearer);
  ASSERT_TRUE(assets);
  EXPECT_EQ(assets->status, 404);  // authenticated: the asset simply does not exist
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator::testing
