// `rbxpipe reflection import`: an API dump extends the data stored under the state folder.
#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

TEST(ReflectionCommand, ImportsAnApiDumpIntoTheHomeFolder) {
  TempDir dir;
  dir.write("dump.json", R"({
    "Classes": [
      { "Name": "LessonBoard", "Superclass": "Part", "Tags": [],
        "Members": [ { "MemberType": "Property", "Name": "Headline",
                       "ValueType": { "Category": "Primitive", "Name": "string" },
                       "Serialization": { "CanLoad": true, "CanSave": true } } ] }
    ],
    "Enums": []
  })");
  auto result = run_rbxpipe({"--home", (dir / "home").string(), "reflection", "import", "dump.json"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Imported 1 classes"), std::string::npos) << result.out;
  EXPECT_NE(dir.read("home/reflection.json").find("LessonBoard"), std::string::npos);
}

TEST(ReflectionCommand, MalformedDumpIsInvalidInputAndWritesNothing) {
  TempDir dir;
  dir.write("dump.json", "{ not json");
  auto result = run_rbxpipe({"--home", (dir / "home").string(), "reflection", "import", "dump.json"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "home/reflection.json"));
}

}  // namespace
}  // namespace rbxpipe::testing
