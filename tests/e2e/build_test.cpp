// `rbxpipe build` over fixtures/build: each project built to all four file kinds and compared with golden
// `inspect --json` dumps; determinism; the incremental cache; broken projects' diagnostics. Set
// RBXPIPE_UPDATE_GOLDEN=1 to rewrite the expected files.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_kinds = {"rbxm", "rbxmx", "rbxl", "rbxlx"};

fs::path build_fixtures() { return fs::path(RBXPIPE_SOURCE_DIR) / "fixtures/build"; }
fs::path broken_fixtures() { return fs::path(RBXPIPE_SOURCE_DIR) / "fixtures/build-broken"; }

bool updating_goldens() {
  const char* update = std::getenv("RBXPIPE_UPDATE_GOLDEN");
  return update != nullptr && *update == '1';
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> fixture_names(const fs::path& root) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Copies a fixture so builds never write a cache into the source tree.
fs::path copy_fixture(const fs::path& from, const TempDir& dir) {
  auto to = dir / "project";
  fs::copy(from, to, fs::copy_options::recursive);
  fs::remove_all(to / "expected");
  return to;
}

class BuildFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BuildFixture, EveryKindMatchesItsGoldenDump) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / GetParam(), dir);
  for (const auto& kind : k_kinds) {
    auto out = dir / ("out." + kind);
    auto built = run_rbxpipe({"build", project.string(), "-o", out.string()}, dir.path());
    ASSERT_EQ(built.exit_code, 0) << kind << ": " << built.err << built.out;
    auto inspected = run_rbxpipe({"inspect", out.string(), "--json"}, dir.path());
    ASSERT_EQ(inspected.exit_code, 0) << inspected.err;
    auto dump = nlohmann::ordered_json::parse(inspected.out);
    dump.erase("file");
    std::string text = dump.dump(2) + "\n";
    auto golden = build_fixtures() / GetParam() / "expected" / (kind + ".json");
    if (updating_goldens()) {
      fs::create_directories(golden.parent_path());
      std::ofstream(golden, std::ios::binary) << text;
    }
    EXPECT_EQ(text, slurp(golden)) << GetParam() << " as ." << kind;
  }
}

TEST_P(BuildFixture, SameInputsGiveTheSameBytes) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / GetParam(), dir);
  for (const auto& kind : {std::string("rbxl"), std::string("rbxmx")}) {
    auto first = dir / ("first." + kind), second = dir / ("second." + kind);
    ASSERT_EQ(run_rbxpipe({"build", project.string(), "-o", first.string(), "--no-cache"}, dir.path()).exit_code, 0);
    ASSERT_EQ(run_rbxpipe({"build", project.string(), "-o", second.string()}, dir.path()).exit_code, 0);
    EXPECT_EQ(slurp(first), slurp(second)) << kind;
  }
}

INSTANTIATE_TEST_SUITE_P(Projects, BuildFixture, ::testing::ValuesIn(fixture_names(build_fixtures())));

class BrokenBuildFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenBuildFixture, ReportsLocatedDiagnosticsAndWritesNothing) {
  TempDir dir;
  auto project = copy_fixture(broken_fixtures() / GetParam(), dir);
  fs::remove(project / "expected.txt");
  auto out = dir / "out.rbxl";
  auto built = run_rbxpipe({"build", ".", "-o", out.string()}, project);
  auto golden = broken_fixtures() / GetParam() / "expected.txt";
  if (updating_goldens()) std::ofstream(golden, std::ios::binary) << built.err;
  EXPECT_EQ(built.exit_code, 2) << built.err;
  EXPECT_EQ(built.err, slurp(golden));
  EXPECT_FALSE(fs::exists(out));
}

INSTANTIATE_TEST_SUITE_P(Projects, BrokenBuildFixture, ::testing::ValuesIn(fixture_names(broken_fixtures())));

nlohmann::json build_json(const fs::path& project, const fs::path& out, const fs::path& cwd) {
  auto result = run_rbxpipe({"build", project.string(), "-o", out.string(), "--json"}, cwd);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

TEST(BuildCache, UnchangedRebuildOnlyStatsAndOneChangeRereadsOneFile) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / "scripts", dir);
  auto out = dir / "game.rbxl";
  auto cold = build_json(project, out, dir.path());
  EXPECT_FALSE(cold["up_to_date"].get<bool>());
  EXPECT_GT(cold["files"]["read"].get<int>(), 5);

  auto again = build_json(project, out, dir.path());
  EXPECT_TRUE(again["up_to_date"].get<bool>());
  EXPECT_EQ(again["files"]["read"].get<int>(), 0);

  // Make sure the new modification time differs even on coarse clocks.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(project / "src/shared/Config.luau", std::ios::binary) << "return { changed = true }\n";
  auto changed = build_json(project, out, dir.path());
  EXPECT_FALSE(changed["up_to_date"].get<bool>());
  EXPECT_TRUE(changed["written"].get<bool>());
  EXPECT_EQ(changed["files"]["read"].get<int>(), 1);
  EXPECT_EQ(changed["files"]["from_cache"].get<int>(), cold["files"]["read"].get<int>() - 1);
  auto inspected = run_rbxpipe({"inspect", out.string(), "--json"}, dir.path());
  EXPECT_NE(inspected.out.find("changed = true"), std::string::npos);
}

TEST(BuildCache, LessonProjectsRebuildAsNoOpsAndSeeNewAssets) {
  TempDir dir;
  auto project = dir / "volcano";
  fs::copy(projects_dir() / "volcano", project, fs::copy_options::recursive);
  auto out = dir / "volcano.rbxl";
  build_json(project, out, dir.path());
  EXPECT_TRUE(build_json(project, out, dir.path())["up_to_date"].get<bool>());
  // A new asset input changes the Assets module, so the folder listing is part of the build's inputs.
  std::ofstream(project / "assets/images/extra.png", std::ios::binary) << "x";
  auto rebuilt = build_json(project, out, dir.path());
  EXPECT_FALSE(rebuilt["up_to_date"].get<bool>());
  EXPECT_TRUE(rebuilt["written"].get<bool>());
}

TEST(BuildCache, DeletedOutputIsRebuilt) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / "scripts", dir);
  auto out = dir / "game.rbxm";
  build_json(project, out, dir.path());
  fs::remove(out);
  auto rebuilt = build_json(project, out, dir.path());
  EXPECT_TRUE(rebuilt["written"].get<bool>());
  EXPECT_TRUE(fs::exists(out));
}

TEST(BuildCommand, RefusesAnUnknownOutputExtension) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / "scripts", dir);
  auto built = run_rbxpipe({"build", project.string(), "-o", (dir / "out.zip").string()}, dir.path());
  EXPECT_EQ(built.exit_code, 3);
  EXPECT_NE(built.err.find("must end in .rbxl, .rbxlx, .rbxm or .rbxmx"), std::string::npos) << built.err;
}

TEST(BuildCommand, BuildsAProjectFileGivenDirectly) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / "models", dir);
  auto out = dir / "sub.rbxmx";
  auto built = run_rbxpipe({"build", (project / "sub.project.json").string(), "-o", out.string()}, dir.path());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto inspected = nlohmann::json::parse(run_rbxpipe({"inspect", out.string(), "--json"}, dir.path()).out);
  EXPECT_EQ(inspected["roots"][0]["name"], "sub");
  EXPECT_EQ(inspected["roots"][0]["class"], "Configuration");
}

TEST(SourcemapCommand, ListsScriptsWithTheirFiles) {
  TempDir dir;
  auto project = copy_fixture(build_fixtures() / "scripts", dir);
  auto result = run_rbxpipe({"sourcemap", project.string()}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto map = nlohmann::json::parse(result.out);
  EXPECT_EQ(map["name"], "Scripts");
  EXPECT_EQ(map["className"], "DataModel");
  EXPECT_EQ(map["filePaths"], nlohmann::json::array({"default.project.json"}));
  std::string text = result.out;
  EXPECT_NE(text.find(R"("name":"Main","className":"Script","filePaths":["src/server/Main.server.luau","src/server/Main.meta.json"])"),
            std::string::npos)
      << text;
  // Only scripts and their ancestors are listed unless asked.
  EXPECT_EQ(text.find("StarterCharacterScripts"), std::string::npos);
  auto all = run_rbxpipe({"sourcemap", project.string(), "--include-non-scripts"}, dir.path());
  EXPECT_NE(all.out.find("StarterCharacterScripts"), std::string::npos);
}

}  // namespace
}  // namespace rbxpipe::testing
