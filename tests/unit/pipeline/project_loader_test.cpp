#include "pipeline/project_loader.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace rbxpipe::pipeline {
namespace {

using rbxpipe::testing::TempDir;

const char* const k_rojo = R"({ "name": "lesson", "tree": { "$className": "DataModel" } })";

// Writes a minimal valid project whose rbxpipe.json is `config`.
void write_project(const TempDir& dir, const std::string& config) {
  dir.write("rbxpipe.json", config);
  dir.write("default.project.json", k_rojo);
}

std::vector<std::string> codes(const ProjectLoadResult& result) {
  std::vector<std::string> list;
  for (const auto& diagnostic : result.diagnostics) list.push_back(diagnostic.code);
  return list;
}

TEST(ProjectLoader, FillsDefaultsForAMinimalProject) {
  TempDir dir;
  write_project(dir, R"({ "name": "volcano", "version": "1.2.0" })");
  auto result = load_project(dir.path());
  ASSERT_TRUE(result.ok()) << base::render_text(std::span<const base::Diagnostic>(result.diagnostics));
  const auto& config = result.project->config;
  EXPECT_EQ(config.name, "volcano");
  EXPECT_EQ(config.tenant, "local");
  EXPECT_EQ(config.project_file, "default.project.json");
  EXPECT_FALSE(config.lesson.has_value());
  EXPECT_EQ(config.codegen.module, "ReplicatedStorage.Assets");
  EXPECT_EQ(config.luau.timeout_s, 60);
}

TEST(ProjectLoader, ReadsEnvironmentsInFileOrderAndSelectsTheDefault) {
  TempDir dir;
  write_project(dir, R"({
    "name": "volcano", "version": "1.0.0", "default_env": "staging",
    "environments": {
      "staging": { "universe": 1, "place": 2, "creator": { "group": 7 }, "api_key": { "env": "KEY" },
                   "moderation": { "wait_s": 5, "on_timeout": "proceed" }, "protected": true },
      "production": { "universe": 1, "place": 3, "creator": { "user": 42 }, "api_key": { "secret": "prod-key" } }
    }
  })");
  auto result = load_project(dir.path());
  ASSERT_TRUE(result.ok());
  const auto& config = result.project->config;
  ASSERT_EQ(config.environments.size(), 2u);
  EXPECT_EQ(config.environments[0].name, "staging");
  EXPECT_EQ(config.environments[0].creator.kind, Creator::Kind::group);
  EXPECT_EQ(config.environments[0].api_key.kind, ApiKeyRef::Kind::env);
  EXPECT_EQ(config.environments[0].moderation_wait_s, 5);
  EXPECT_TRUE(config.environments[0].moderation_proceed_on_timeout);
  EXPECT_TRUE(config.environments[0].is_protected);
  EXPECT_EQ(config.environments[1].creator.kind, Creator::Kind::user);
  EXPECT_EQ(config.environments[1].creator.id, 42);
  EXPECT_EQ(config.environments[1].api_key.name, "prod-key");
  EXPECT_EQ(config.select_environment(std::nullopt)->name, "staging");
  EXPECT_EQ(config.select_environment(std::string("production"))->place, 3);
  EXPECT_EQ(config.select_environment(std::string("nope")), nullptr);
}

TEST(ProjectLoader, ReportsEveryProblemInOnePass) {
  TempDir dir;
  write_project(dir, R"({
  "name": "Bad Name",
  "verison": "1.0.0",
  "luau": { "timeout_s": "x" }
})");
  auto result = load_project(dir.path());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(codes(result), (std::vector<std::string>{"PROJ0003", "PROJ0004", "PROJ0001", "PROJ0002"}));
  EXPECT_EQ(result.diagnostics[1].location, (base::SourceLocation{2, 11}));
  EXPECT_EQ(result.diagnostics[2].location, (base::SourceLocation{3, 3}));
}

TEST(ProjectLoader, DisplaysPathsRelativeToTheFolderAsGiven) {
  TempDir dir;
  write_project(dir, R"({ "name": "volcano" })");
  auto shown = load_project(dir.path());
  ASSERT_FALSE(shown.diagnostics.empty());
  EXPECT_EQ(shown.diagnostics[0].file, (dir.path() / "rbxpipe.json").string());
}

TEST(ProjectLoader, BareRojoProjectLoadsWithoutRbxpipeJson) {
  TempDir dir;
  dir.write("game.project.json", k_rojo);
  auto result = load_project(dir / "game.project.json");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.project->config.name, "game");
  EXPECT_EQ(result.project->config.project_file, "game.project.json");
  EXPECT_TRUE(result.project->config_file.empty());
}

TEST(ProjectLoader, EmptyFolderIsOneWholeFolderDiagnostic) {
  TempDir dir;
  auto result = load_project(dir.path());
  EXPECT_FALSE(result.project.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "PROJ0010");
  EXPECT_EQ(result.diagnostics[0].location.line, 0);
}

TEST(ProjectLoader, PathsLeavingTheProjectAreRefused) {
  TempDir dir;
  write_project(dir, R"({ "name": "v", "version": "1.0.0", "project": "../../etc/passwd",
    "codegen": { "luau_file": "/tmp/x.luau" } })");
  auto result = load_project(dir.path());
  EXPECT_EQ(codes(result), (std::vector<std::string>{"PROJ0015", "PROJ0015"}));
}

TEST(ProjectLoader, AnswerKeyOutsideServerStorageIsAnError) {
  TempDir dir;
  write_project(dir, R"({ "name": "v", "version": "1.0.0",
    "lesson": { "file": "lesson.json", "server": "ReplicatedStorage.Answers" } })");
  dir.write("lesson.json", R"({ "id": "v", "title": "T" })");
  auto result = load_project(dir.path());
  ASSERT_EQ(codes(result), (std::vector<std::string>{"PROJ0013"}));
  EXPECT_EQ(result.diagnostics[0].help, "put it under ServerStorage or ServerScriptService");
  ASSERT_TRUE(result.project->lesson.has_value());
  EXPECT_EQ(result.project->lesson->title, "T");
}

TEST(ProjectLoader, GlobErrorPointsInsideTheString) {
  TempDir dir;
  write_project(dir, "{ \"name\": \"v\", \"version\": \"1.0.0\",\n  \"assets\": { \"a\": { \"glob\": \"x/[ab\" } } }");
  auto result = load_project(dir.path());
  ASSERT_EQ(codes(result), (std::vector<std::string>{"PROJ0006"}));
  // The opening quote is at column 30; the unclosed '[' is the third character of the pattern.
  EXPECT_EQ(result.diagnostics[0].location, (base::SourceLocation{2, 33}));
}

TEST(ProjectLoader, GlobMatchingNothingIsAWarning) {
  TempDir dir;
  write_project(dir, R"({ "name": "v", "version": "1.0.0", "assets": { "a": { "glob": "img/*.png" } } })");
  auto result = load_project(dir.path());
  ASSERT_EQ(codes(result), (std::vector<std::string>{"PROJ0007"}));
  EXPECT_EQ(result.diagnostics[0].severity, base::Severity::warning);
  EXPECT_TRUE(result.ok());
  dir.write("img/a.png", "x");
  EXPECT_TRUE(load_project(dir.path()).diagnostics.empty());
}

TEST(ProjectLoader, MissingRojoProjectIsReportedAtTheDefault) {
  TempDir dir;
  dir.write("rbxpipe.json", R"({ "name": "v", "version": "1.0.0" })");
  auto result = load_project(dir.path());
  ASSERT_EQ(codes(result), (std::vector<std::string>{"PROJ0005"}));
  EXPECT_EQ(result.diagnostics[0].message, "Rojo project file 'default.project.json' does not exist");
}

TEST(ProjectLoader, HostileJsonNestingIsADiagnosticNotACrash) {
  TempDir dir;
  dir.write("rbxpipe.json", std::string(200000, '['));
  auto result = load_project(dir.path());
  EXPECT_FALSE(result.project.has_value());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].code, "JSON0001");
}

}  // namespace
}  // namespace rbxpipe::pipeline
