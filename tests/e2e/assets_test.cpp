// `rbxpipe assets` over a copy of the sample lesson: every input with its kind, hash and upload type; a second run
// comes from the cache; a corrupt input is a located error and exit 2.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::testing {
namespace {

namespace fs = std::filesystem;

class AssetsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(projects_dir() / "volcano", m_temp.path() / "volcano", fs::copy_options::recursive);
    m_project = m_temp.path() / "volcano";
  }
  TempDir m_temp;
  fs::path m_project;
};

TEST_F(AssetsCommand, JsonListsEveryInputWithKindHashAndUploadType) {
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["ok"], true);
  const auto& assets = report["assets"];
  ASSERT_EQ(assets.size(), 2u);
  EXPECT_EQ(assets[0]["input"], "assets/audio/rumble.wav");
  EXPECT_EQ(assets[0]["kind"], "Audio");
  EXPECT_EQ(assets[0]["upload"]["mime"], "audio/wav");
  EXPECT_GT(assets[0]["duration_s"].get<double>(), 0.0);
  EXPECT_EQ(assets[1]["input"], "assets/images/lava.png");
  EXPECT_EQ(assets[1]["kind"], "Image");
  EXPECT_EQ(assets[1]["upload"]["asset_type"], "Image");
  EXPECT_EQ(assets[1]["upload"]["mime"], "image/png");
  EXPECT_EQ(assets[1]["hash"].get<std::string>().size(), 64u);
  EXPECT_TRUE(fs::exists(m_project / ".rbxpipe/assets"));
}

TEST_F(AssetsCommand, SecondRunIsServedFromTheCache) {
  ASSERT_EQ(run_rbxpipe({"assets", "."}, m_project).exit_code, 0);
  auto result = run_rbxpipe({"assets", ".", "--json"}, m_project);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["summary"]["cached"], 2);
}

TEST_F(AssetsCommand, CorruptInputIsALocatedErrorAndExits2) {
  std::ofstream(m_project / "assets/audio/junk.mp3") << std::string(3000, 'j');
  auto result = run_rbxpipe({"assets", "."}, m_project);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("assets/audio/junk.mp3: error[ASSET0101]: cannot read audio: MP3: no MPEG audio frame "
                            "found"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("assets/images/lava.png  Image"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace rbxpipe::testing
