#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "base/source_text.h"
#include "cloud/emulator/scenario.h"
#include "tests/unit/emulator/emulator_fixture.h"

namespace rbxpipe::cloud::emulator {
namespace {

std::string diagnostics_of(std::string_view text) {
  base::SourceText source("scenario.json", std::string(text));
  auto parsed = parse_scenario(source);
  EXPECT_FALSE(parsed.scenario.has_value());
  return base::render_text(parsed.diagnostics);
}

TEST(EmulatorScenario, DefaultHasOneAllScopesKeyOwnedByGroupOne) {
  auto scenario = default_scenario();
  ASSERT_TRUE(scenario) << scenario.error().to_string();
  ASSERT_EQ(scenario->keys.size(), 1u);
  EXPECT_EQ(scenario->keys[0].secret, "emulator-key");
  EXPECT_EQ(scenario->keys[0].owner.key(), "group:1");
  EXPECT_EQ(scenario->keys[0].scopes, std::vector<std::string>{"*"});
  ASSERT_EQ(scenario->universes.size(), 1u);
  EXPECT_EQ(scenario->universes[0].id, 1);
  ASSERT_EQ(scenario->universes[0].places.size(), 1u);
  EXPECT_EQ(scenario->universes[0].places[0].id, 1);
}

TEST(EmulatorScenario, DefaultHasTheDocumentedPerMinuteLimits) {
  auto scenario = default_scenario();
  ASSERT_TRUE(scenario);
  const auto& limits = scenario->rate_limits.per_minute;
  EXPECT_EQ(limits.at("assets"), 120);
  EXPECT_EQ(limits.at("asset_versions"), 100);
  EXPECT_EQ(limits.at("operations"), 300);
  EXPECT_EQ(limits.at("place_publishing"), 30);
  EXPECT_EQ(limits.at("luau_task_create"), 5);
  EXPECT_EQ(limits.at("luau_task_read"), 45);
  EXPECT_EQ(limits.at("restart_servers"), 30);
  EXPECT_EQ(limits.at("asset_quotas"), 60);
  EXPECT_EQ(scenario->rate_limits.window_seconds, 60);
}

TEST(EmulatorScenario, FileOverridesOnlyWhatItStates) {
  auto scenario = testing::scenario_from(R"({
    // comments and trailing commas are fine
    "rate_limits": { "per_minute": { "assets": 3 }, "retry_after": "http_date", },
    "assets": { "moderated_words": ["lava"] },
  })");
  EXPECT_EQ(scenario.rate_limits.per_minute.at("assets"), 3);
  EXPECT_EQ(scenario.rate_limits.per_minute.at("operations"), 300);
  EXPECT_EQ(scenario.rate_limits.retry_after, RetryAfterMode::http_date);
  EXPECT_EQ(scenario.assets.moderated_words, std::vector<std::string>{"lava"});
  ASSERT_EQ(scenario.keys.size(), 1u);
  EXPECT_EQ(scenario.keys[0].secret, "emulator-key");
}

TEST(EmulatorScenario, RuleOperationInheritsTheDefaultOperation) {
  auto scenario = testing::scenario_from(R"({
    "assets": { "operation": { "polls_before_done": 3 },
                "rules": [ { "name_contains": "bad",
                             "operation": { "error": { "code": 3, "message": "InvalidImage" } } } ] }
  })");
  ASSERT_EQ(scenario.assets.rules.size(), 1u);
  ASSERT_TRUE(scenario.assets.rules[0].operation);
  EXPECT_EQ(scenario.assets.rules[0].operation->polls_before_done, 3);
  EXPECT_EQ(scenario.assets.rules[0].operation->error_code, 3);
}

TEST(EmulatorScenario, UnknownKeyIsReportedAtItsLineAndColumn) {
  EXPECT_EQ(diagnostics_of("{\n  \"rate_limits\": {\n    \"header\": true\n  }\n}\n"),
            "scenario.json:3:5: error[EMU0001]: unknown key 'header' (did you mean 'headers'?)\n"
            " 3 |     \"header\": true\n"
            "   |     ^~~~~~~~\n"
            "1 error\n");
}

TEST(EmulatorScenario, WrongTypeIsReportedAtTheValue) {
  EXPECT_EQ(diagnostics_of("{\n  \"seed\": \"one\"\n}\n"),
            "scenario.json:2:11: error[EMU0002]: 'seed' must be an integer, got a string\n"
            " 2 |   \"seed\": \"one\"\n"
            "   |           ^~~~~\n"
            "1 error\n");
}

TEST(EmulatorScenario, DuplicateUniverseIsReported) {
  std::string text = diagnostics_of("{\"universes\": [{\"id\": 4}, {\"id\": 4}]}");
  EXPECT_NE(text.find("scenario.json:1:34: error[EMU0005]: universe 4 is defined twice"), std::string::npos) << text;
}

TEST(EmulatorScenario, KeyRestrictedToAnUnknownUniverseIsReported) {
  std::string text = diagnostics_of(
      "{\"keys\": [{\"key\": \"k\", \"owner\": {\"user\": 5},\n \"universes\": [9]}]}");
  EXPECT_NE(text.find("scenario.json:2:16: error[EMU0006]: key 'k' is restricted to universe 9, which the scenario "
                      "does not define"),
            std::string::npos)
      << text;
}

TEST(EmulatorScenario, ImpossibleDateIsReported) {
  std::string text = diagnostics_of(R"({"clock": {"mode": "manual", "start": "2026-02-30T00:00:00Z"}})");
  EXPECT_NE(text.find("error[EMU0004]: '2026-02-30T00:00:00Z' is not a real date and time"), std::string::npos) << text;
}

TEST(EmulatorScenario, SyntaxErrorIsReported) {
  std::string text = diagnostics_of("{\"seed\": 1,,}");
  EXPECT_NE(text.find("scenario.json:1:"), std::string::npos);
  EXPECT_NE(text.find("error[JSON0001]"), std::string::npos) << text;
}

TEST(EmulatorScenario, UnknownFaultRouteIsReported) {
  std::string text = diagnostics_of(R"({"faults": [{"route": "assets.upload", "kind": "reset"}]})");
  EXPECT_NE(text.find("error[EMU0004]"), std::string::npos) << text;
  EXPECT_NE(text.find("\"assets.create\""), std::string::npos) << text;
}

TEST(EmulatorScenario, FaultsJsonTakesAnObjectAnArrayOrAWrapper) {
  auto one = parse_faults_json(R"({"route": "assets.create", "kind": "reset", "after_commit": true})");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].kind, FaultKind::reset);
  EXPECT_TRUE((*one)[0].commits_first());
  auto many =
      parse_faults_json(R"({"faults": [{"kind": "status_503", "times": 2}, {"kind": "delay", "delay_ms": 5}]})");
  ASSERT_TRUE(many);
  ASSERT_EQ(many->size(), 2u);
  EXPECT_EQ((*many)[0].route, "*");
  EXPECT_EQ((*many)[0].times, 2);
  EXPECT_TRUE((*many)[1].commits_first());
  auto bad = parse_faults_json(R"([{"kind": "explode"}])");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), base::ErrorCode::invalid_input);
}

}  // namespace
}  // namespace rbxpipe::cloud::emulator
