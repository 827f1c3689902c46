// `rbxpipe check` over every project in fixtures/projects: broken ones must print exactly their expected.txt and
// exit 2; the sample lesson must pass. Set RBXPIPE_UPDATE_GOLDEN=1 to rewrite expected.txt after a deliberate change.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/cli_fixture.h"

namespace rbxpipe::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> broken_projects() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(projects_dir())) {
    auto name = entry.path().filename().string();
    if (entry.is_directory() && name.starts_with("broken-")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class BrokenProject : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenProject, CheckPrintsExpectedDiagnosticsAndExits2) {
  auto dir = projects_dir() / GetParam();
  auto result = run_rbxpipe({"check", "."}, dir);
  auto expected_path = dir / "expected.txt";
  if (const char* update = std::getenv("RBXPIPE_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(expected_path, std::ios::binary) << result.out;
  }
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, read_text(expected_path)) << "stderr:\n" << result.err;
}

TEST_P(BrokenProject, JsonOutputIsValidAndLocatesEveryDiagnostic) {
  auto dir = projects_dir() / GetParam();
  auto result = run_rbxpipe({"check", ".", "--json"}, dir);
  EXPECT_EQ(result.exit_code, 2);
  auto report = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << result.out;
  EXPECT_FALSE(report["ok"].get<bool>());
  ASSERT_TRUE(report["diagnostics"].is_array());
  EXPECT_GT(report["summary"]["errors"].get<int>(), 0);
  for (const auto& diagnostic : report["diagnostics"]) {
    EXPECT_FALSE(diagnostic["code"].get<std::string>().empty());
    EXPECT_FALSE(diagnostic["file"].get<std::string>().empty());
    // Only whole-folder problems and binary asset files (which have no lines; the message gives the byte offset)
    // lack a position; everything inside a text file is located.
    const std::string code = diagnostic["code"].get<std::string>();
    if (code != "PROJ0010" && code != "PROJ0011" && !code.starts_with("ASSET")) {
      EXPECT_GT(diagnostic["line"].get<int>(), 0) << diagnostic.dump();
      EXPECT_GT(diagnostic["column"].get<int>(), 0) << diagnostic.dump();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BrokenProject, ::testing::ValuesIn(broken_projects()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(CheckCommand, AtLeastTenBrokenFixturesExist) { EXPECT_GE(broken_projects().size(), 10u); }

TEST(CheckCommand, SampleLessonHasNoProblems) {
  auto result = run_rbxpipe({"check", "volcano"}, projects_dir());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "volcano 1.0.0: no problems found (project, build, assets-check)\n");
}

TEST(CheckCommand, PathsInDiagnosticsFollowTheFolderAsGiven) {
  auto result = run_rbxpipe({"check", "broken-syntax/"}, projects_dir());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.starts_with("broken-syntax/rbxpipe.json:5:3: error[JSON0001]")) << result.out;
}

TEST(CheckCommand, JsonReportNamesTheProjectAndStages) {
  auto result = run_rbxpipe({"check", "--json"}, projects_dir() / "volcano");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_TRUE(report["ok"].get<bool>());
  EXPECT_EQ(report["project"]["name"], "volcano");
  EXPECT_EQ(report["stages"][0]["name"], "project");
  EXPECT_EQ(report["stages"][0]["status"], "ok");
}

TEST(CheckCommand, ProgressJsonWritesEventLinesToStderr) {
  auto result = run_process({RBXPIPE_BINARY, "--progress", "json", "check", "."}, projects_dir() / "volcano",
                            {{"NO_COLOR", "1"}});
  EXPECT_EQ(result.exit_code, 0);
  std::istringstream lines(result.err);
  std::string line;
  int started = 0;
  int finished = 0;
  while (std::getline(lines, line)) {
    auto event = nlohmann::json::parse(line);
    started += event["event"] == "stage_started";
    finished += event["event"] == "stage_finished";
  }
  EXPECT_EQ(started, 3);  // project, build, assets-check
  EXPECT_EQ(finished, 3);
}

TEST(CheckCommand, UnknownOptionIsAUsageError) {
  auto result = run_rbxpipe({"check", "--frobnicate"}, projects_dir());
  EXPECT_EQ(result.exit_code, 3);
}

TEST(CheckCommand, VersionAndHelpWork) {
  auto version = run_rbxpipe({"--version"}, projects_dir());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.starts_with("rbxpipe ")) << version.out;
  auto help = run_rbxpipe({"check", "--help"}, projects_dir());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--json"), std::string::npos);
}

}  // namespace
}  // namespace rbxpipe::testing
