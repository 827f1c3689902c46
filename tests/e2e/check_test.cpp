// `rbxpipe check` over every project in fixtures/projects: broken ones must print exactly their expected.txt and
// exit 2; the sample lesson must pass. Set RBXPIPE_UPDATE_GOLDEN=1 to rewrite expected.txt after a deliberate change.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

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
  EXPECT_EQ(result.out, "volcano 1.0.0: no problems found (project, build, assets-check, luau)\n");
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
  EXPECT_EQ(started, 4);  // project, build, assets-check, luau
  EXPECT_EQ(finished, 4);
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

// `rbxpipe check FILE.luau...`: the Luau check alone on the files given.
TEST(CheckLuauFiles, GoodFilesPassWithASummaryLine) {
  TempDir dir;
  dir.write("a.luau", "local x = 1\nreturn x\n");
  dir.write("src/b.lua", "print('hi')\n");
  auto one = run_rbxpipe({"check", "a.luau"}, dir.path());
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, "1 Luau file: no problems found\n");
  auto two = run_rbxpipe({"check", "a.luau", "src/b.lua"}, dir.path());
  EXPECT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.out, "2 Luau files: no problems found\n");
}

TEST(CheckLuauFiles, ASyntaxErrorIsLocatedAndExits2) {
  TempDir dir;
  dir.write("good.luau", "return 1\n");
  dir.write("bad.luau", "local t = {}\nprint(t]\n");
  auto result = run_rbxpipe({"check", "good.luau", "bad.luau"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out,
            "bad.luau:2:8: error[LUAU0001]: Expected ')' (to close '(' at column 6), got ']'\n"
            " 2 | print(t]\n"
            "   |        ^\n"
            "1 error\n");
}

TEST(CheckLuauFiles, AFileThatCannotBeReadIsAnError) {
  TempDir dir;
  auto result = run_rbxpipe({"check", "missing.luau"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.starts_with("missing.luau: error[PROJ0011]: cannot read this file")) << result.out;
}

TEST(CheckLuauFiles, SarifOutputLocatesEachResult) {
  TempDir dir;
  dir.write("src/bad.luau", "local t = {}\nprint(t]\n");
  auto result = run_rbxpipe({"check", "src/bad.luau", "--format", "sarif"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  auto log = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << result.out;
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_TRUE(log["$schema"].get<std::string>().ends_with("sarif-2.1.0.json"));
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "rbxpipe");
  EXPECT_FALSE(run["tool"]["driver"]["version"].get<std::string>().empty());
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "LUAU0001");
  ASSERT_EQ(run["results"].size(), 1u);
  const auto& first = run["results"][0];
  EXPECT_EQ(first["ruleId"], "LUAU0001");
  EXPECT_EQ(first["level"], "error");
  EXPECT_FALSE(first["message"]["text"].get<std::string>().empty());
  const auto& location = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "src/bad.luau");
  EXPECT_EQ(location["region"]["startLine"], 2);
  EXPECT_EQ(location["region"]["startColumn"], 8);
}

TEST(CheckLuauFiles, JsonIsAnAliasOfFormatJson) {
  TempDir dir;
  dir.write("bad.luau", "print(\n");
  for (const auto& flags : {std::vector<std::string>{"--json"}, std::vector<std::string>{"--format", "json"}}) {
    std::vector<std::string> args{"check", "bad.luau"};
    args.insert(args.end(), flags.begin(), flags.end());
    auto result = run_rbxpipe(args, dir.path());
    EXPECT_EQ(result.exit_code, 2);
    auto report = nlohmann::json::parse(result.out);
    EXPECT_FALSE(report["ok"].get<bool>());
    EXPECT_EQ(report["diagnostics"][0]["file"], "bad.luau");
    EXPECT_EQ(report["stages"][0]["name"], "luau");
  }
}

TEST(CheckLuauFiles, MixingAProjectAndFilesIsAUsageError) {
  TempDir dir;
  dir.write("a.luau", "return 1\n");
  EXPECT_EQ(run_rbxpipe({"check", "a.luau", "."}, dir.path()).exit_code, 3);
  EXPECT_EQ(run_rbxpipe({"check", "a.luau", "--format", "xml"}, dir.path()).exit_code, 3);
}

// A project whose Rojo tree holds a script with a syntax error.
void write_project_with_broken_script(const TempDir& dir) {
  dir.write("lesson/rbxpipe.json",
            R"({ "name": "broken-script", "version": "1.0.0", "project": "default.project.json" })");
  dir.write("lesson/default.project.json", R"({ "name": "broken-script", "tree": { "$className": "DataModel",
    "ReplicatedStorage": { "$className": "ReplicatedStorage", "Shared": { "$path": "src/shared" } } } })");
  dir.write("lesson/src/shared/Ok.luau", "return {}\n");
  dir.write("lesson/src/shared/Broken.luau", "local M = {}\nfunction M.f()\n  return 1 +\nend\nreturn M\n");
}

TEST(CheckCommand, ProjectReportsASyntaxErrorInAScriptByFileLineAndColumn) {
  TempDir dir;
  write_project_with_broken_script(dir);
  auto result = run_rbxpipe({"check", "lesson"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(result.out.starts_with("lesson/src/shared/Broken.luau:4:1: error[LUAU0001]: ")) << result.out;
  auto inside = run_rbxpipe({"check", "--json"}, dir / "lesson");
  auto report = nlohmann::json::parse(inside.out);
  ASSERT_FALSE(report["diagnostics"].empty()) << inside.out;
  EXPECT_EQ(report["diagnostics"][0]["file"], "src/shared/Broken.luau");
  EXPECT_EQ(report["diagnostics"][0]["line"], 4);
  EXPECT_EQ(report["diagnostics"][0]["column"], 1);
  EXPECT_EQ(report["stages"][3]["name"], "luau");
}

TEST(CheckCommand, RequiresOfMissingModulesFoldersAndCyclesAreErrors) {
  auto result = run_rbxpipe({"check", "."}, projects_dir() / "require-errors");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out,
            "src/server/Main.server.luau:3:14: error[LUAU0101]: game.ReplicatedStorage.Shared.Util: "
            "ReplicatedStorage.Shared has no child named Util\n"
            " 3 | local Util = require(ReplicatedStorage.Shared.Util)\n"
            "   |              ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "src/server/Main.server.luau:4:14: error[LUAU0102]: game.ReplicatedStorage.Shared.Data: "
            "ReplicatedStorage.Shared.Data is a Folder, not a ModuleScript\n"
            " 4 | local Data = require(ReplicatedStorage.Shared:WaitForChild(\"Data\"))\n"
            "   |              ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "src/shared/B.luau:2:11: error[LUAU0103]: require cycle: ReplicatedStorage.Shared.A -> "
            "ReplicatedStorage.Shared.B -> ReplicatedStorage.Shared.A\n"
            " 2 | local A = require(script.Parent.A)\n"
            "   |           ^~~~~~~~~~~~~~~~~~~~~~~~\n"
            "  help: a module cannot be required while it is still loading; move one of these requires into the "
            "function that needs it\n"
            "3 errors\n");
}

TEST(CheckCommand, RequiresOfGeneratedModulesAndTheRuntimeResolve) {
  // Lesson scripts require the lesson's Data and the runtime; the runtime requires its generated Config.
  TempDir dir;
  fs::copy(projects_dir() / "volcano", dir / "volcano", fs::copy_options::recursive);
  dir.write("volcano/src/shared/UsesRuntime.luau",
            "local ReplicatedStorage = game:GetService(\"ReplicatedStorage\")\n"
            "local Runtime = require(ReplicatedStorage:WaitForChild(\"RbxPipe\"):WaitForChild(\"Runtime\"))\n"
            "local Config = require(ReplicatedStorage.RbxPipe.Config)\n"
            "local Missing = require(ReplicatedStorage.RbxPipe.Missing)\n"
            "return { Runtime, Config, Missing }\n");
  auto result = run_rbxpipe({"check", "volcano"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_TRUE(result.out.starts_with("volcano/src/shared/UsesRuntime.luau:4:17: error[LUAU0101]: "
                                     "game.ReplicatedStorage.RbxPipe.Missing: ReplicatedStorage.RbxPipe has no child "
                                     "named Missing\n"))
      << result.out;
  EXPECT_NE(result.out.find("\n1 error\n"), std::string::npos) << result.out;
}

TEST(CheckCommand, ProjectSarifOfTheSampleLessonHasNoResults) {
  auto result = run_rbxpipe({"check", "volcano", "--format", "sarif"}, projects_dir());
  EXPECT_EQ(result.exit_code, 0) << result.out;
  auto log = nlohmann::json::parse(result.out);
  EXPECT_TRUE(log["runs"][0]["results"].empty());
}

TEST(CheckCommand, AMissingAnalyzerIsANoteNotAFailure) {
  TempDir dir;
  dir.write("rbxpipe.json", R"({ "name": "tools", "version": "1.0.0", "luau": { "analyzers": ["selene"] } })");
  dir.write("default.project.json", R"({ "name": "tools", "tree": { "$className": "DataModel",
    "ReplicatedStorage": { "$className": "ReplicatedStorage", "Shared": { "$path": "src" } } } })");
  dir.write("src/Ok.luau", "return {}\n");
  // PATH without selene: the tool is skipped with a note and the check passes.
  auto result = run_process({RBXPIPE_BINARY, "--progress", "none", "check", "."}, dir.path(),
                            {{"NO_COLOR", "1"}, {"PATH", "/usr/bin:/bin"}, {"RBXPIPE_HOME", (dir / "home").string()}});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out,
            "rbxpipe.json: note[TOOL0001]: 'selene' is listed in luau.analyzers but is not on PATH; it was not run\n"
            "  help: install selene, or remove it from luau.analyzers\n"
            "1 note\n"
            "tools 1.0.0: no errors (project, build, assets-check, luau)\n");
}

}  // namespace
}  // namespace rbxpipe::testing
