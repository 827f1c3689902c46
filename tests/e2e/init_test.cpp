// `rbxpipe init`: the scaffold is deterministic (it equals fixtures/projects/volcano byte for byte), passes check,
// and never overwrites anything.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[fs::relative(entry.path(), root).generic_string()] = bytes.str();
  }
  return files;
}

TEST(InitCommand, ScaffoldEqualsTheSampleFixture) {
  TempDir dir;
  auto result = run_rbxpipe({"init", "volcano"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto made = tree(dir / "volcano");
  auto fixture = tree(projects_dir() / "volcano");
  ASSERT_EQ(made.size(), fixture.size());
  for (const auto& [path, bytes] : fixture) {
    ASSERT_TRUE(made.contains(path)) << path;
    EXPECT_EQ(made[path], bytes) << path << " differs; regenerate the fixture with 'rbxpipe init fixtures/projects/volcano'";
  }
}

TEST(InitCommand, ScaffoldPassesCheck) {
  TempDir dir;
  ASSERT_EQ(run_rbxpipe({"init", "my lesson"}, dir.path()).exit_code, 0);
  auto check = run_rbxpipe({"check", "my lesson"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_EQ(check.out, "my-lesson 1.0.0: no problems found (project, build, assets-check, luau)\n");
}

TEST(InitCommand, RefusesToOverwriteAndLeavesFilesAlone) {
  TempDir dir;
  dir.write("lesson/rbxpipe.json", "{ \"mine\": true }");
  auto result = run_rbxpipe({"init", "lesson"}, dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("would overwrite existing files: rbxpipe.json"), std::string::npos) << result.err;
  EXPECT_EQ(dir.read("lesson/rbxpipe.json"), "{ \"mine\": true }");
  EXPECT_FALSE(fs::exists(dir / "lesson/default.project.json"));
}

TEST(InitCommand, RejectsAnInvalidName) {
  TempDir dir;
  auto result = run_rbxpipe({"init", "x", "--name", "Bad Name"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "x/rbxpipe.json"));
}

}  // namespace
}  // namespace rbxpipe::testing
