// `rbxpipe inspect` and `rbxpipe convert` over fixtures/models: golden JSON dumps, and conversion through the other
// format leaves the dump unchanged. Set RBXPIPE_UPDATE_GOLDEN=1 to rewrite expected-inspect.json files.
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

fs::path models_dir() { return fs::path(RBXPIPE_SOURCE_DIR) / "fixtures/models"; }

std::vector<std::string> model_fixtures() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(models_dir())) {
    if (fs::exists(entry.path() / "model.rbxmx") || fs::exists(entry.path() / "model.rbxm")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path model_file(const std::string& name) {
  auto xml = models_dir() / name / "model.rbxmx";
  return fs::exists(xml) ? xml : models_dir() / name / "model.rbxm";
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ModelFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ModelFixture, InspectJsonMatchesGolden) {
  auto result = run_rbxpipe({"inspect", model_file(GetParam()).filename().string(), "--json"}, models_dir() / GetParam());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto golden = models_dir() / GetParam() / "expected-inspect.json";
  if (const char* update = std::getenv("RBXPIPE_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(golden, std::ios::binary) << result.out;
  }
  EXPECT_EQ(result.out, slurp(golden));
}

// Drops properties, keeping classes, names and nesting.
nlohmann::json shape(const nlohmann::json& node) {
  nlohmann::json out{{"class", node["class"]}, {"name", node["name"]}, {"children", nlohmann::json::array()}};
  for (const auto& child : node["children"]) out["children"].push_back(shape(child));
  return out;
}

// Binary files store every property of a class for every instance (absent ones as defaults) and writers apply
// migrations, so the first conversion may add properties; after it, conversions are exact.
TEST_P(ModelFixture, ConvertingThroughTheOtherFormatKeepsTheTree) {
  TempDir dir;
  auto source = model_file(GetParam());
  auto other = dir / (source.extension() == ".rbxmx" ? "converted.rbxm" : "converted.rbxmx");
  auto back = dir / ("back" + source.extension().string());
  auto first = run_rbxpipe({"convert", source.string(), other.string()}, dir.path());
  if (first.exit_code != 0) {
    // Some XML types (Vector2int16, ...) have no binary encoding; that must be said clearly, not written wrongly.
    EXPECT_NE(first.err.find("cannot be stored in a binary file"), std::string::npos) << first.err;
    EXPECT_FALSE(fs::exists(other));
    return;
  }
  ASSERT_EQ(run_rbxpipe({"convert", other.string(), back.string()}, dir.path()).exit_code, 0);
  auto original = nlohmann::json::parse(run_rbxpipe({"inspect", source.string(), "--json"}, dir.path()).out);
  auto converted = nlohmann::json::parse(run_rbxpipe({"inspect", other.string(), "--json"}, dir.path()).out);
  auto returned = nlohmann::json::parse(run_rbxpipe({"inspect", back.string(), "--json"}, dir.path()).out);
  ASSERT_EQ(original["roots"].size(), converted["roots"].size());
  for (std::size_t i = 0; i < original["roots"].size(); ++i) {
    EXPECT_EQ(shape(original["roots"][i]), shape(converted["roots"][i]));
  }
  EXPECT_EQ(converted["roots"], returned["roots"]);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ModelFixture, ::testing::ValuesIn(model_fixtures()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ConvertCommand, UnknownOutputExtensionIsAUsageError) {
  TempDir dir;
  auto result = run_rbxpipe({"convert", model_file("volcano-parts").string(), (dir / "out.txt").string()}, dir.path());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("OUT must end in"), std::string::npos) << result.err;
}

TEST(ConvertCommand, CorruptInputFailsWithoutWritingOutput) {
  TempDir dir;
  dir.write("broken.rbxm", std::string("<roblox!\x89\xff\r\n\x1a\n\0\0", 16));
  auto result = run_rbxpipe({"convert", "broken.rbxm", "out.rbxmx"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("broken.rbxm"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir / "out.rbxmx"));
}

TEST(InspectCommand, MissingFileIsInvalidInput) {
  TempDir dir;
  auto result = run_rbxpipe({"inspect", "nope.rbxm"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
}

TEST(InspectCommand, TextDumpListsInstancesAndProperties) {
  auto result = run_rbxpipe({"inspect", "model.rbxmx"}, models_dir() / "volcano-parts");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Model \"Volcano\"\n"), std::string::npos);
  EXPECT_NE(result.out.find("    Part0: Ref = @Cone\n"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace rbxpipe::testing
