#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "assets/asset_processor.h"
#include "assets/png_writer.h"
#include "assets/wav_writer.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::assets {
namespace {

std::string wav_of_seconds(double seconds, int sample_rate = 8000) {
  std::vector<std::int16_t> samples(static_cast<std::size_t>(seconds * sample_rate));
  return *encode_wav_pcm16(samples, sample_rate, 1);
}

std::vector<AssetGroup> audio_and_models() {
  return {AssetGroup{"audio", "assets/audio/*.{ogg,mp3,wav,flac}", {}},
          AssetGroup{"models", "assets/models/*.{rbxm,rbxmx,fbx,glb,gltf}", {.update_in_place = true}}};
}

class AssetProcessorTest : public ::testing::Test {
 protected:
  ProcessResult process(const std::vector<AssetGroup>& groups, bool write_cache = true) {
    auto inputs = collect_asset_inputs(m_temp.path(), groups);
    EXPECT_TRUE(inputs.ok());
    ProcessOptions options{m_temp.path(), m_temp / ".rbxpipe/assets", write_cache};
    return process_assets(inputs.ok() ? *inputs : std::vector<AssetInput>{}, options);
  }
  rbxpipe::testing::TempDir m_temp;
};

TEST_F(AssetProcessorTest, ReportsKindDurationAndUploadTypeOfAudio) {
  m_temp.write("assets/audio/boom.wav", wav_of_seconds(2));
  auto result = process(audio_and_models());
  ASSERT_EQ(result.assets.size(), 1u);
  const auto& asset = result.assets[0];
  EXPECT_EQ(asset.input, "assets/audio/boom.wav");
  EXPECT_EQ(asset.group, "audio");
  EXPECT_EQ(asset.kind, AssetKind::audio);
  EXPECT_DOUBLE_EQ(asset.duration_s, 2.0);
  EXPECT_EQ(asset.mime, "audio/wav");
  EXPECT_EQ(asset.hash.size(), 64u);
  EXPECT_TRUE(asset.ok());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST_F(AssetProcessorTest, CorruptInputsAreLocatedDiagnosticsNotCrashes) {
  m_temp.write("assets/audio/empty.ogg", "");
  m_temp.write("assets/audio/junk.mp3", std::string(4000, 'j'));
  m_temp.write("assets/audio/cut.wav", wav_of_seconds(1).substr(0, 100));
  m_temp.write("assets/models/broken.glb", "glTF");
  auto result = process(audio_and_models());
  ASSERT_EQ(result.diagnostics.size(), 4u);
  EXPECT_EQ(result.diagnostics[0].file, "assets/audio/cut.wav");
  EXPECT_EQ(result.diagnostics[0].code, "ASSET0101");
  EXPECT_EQ(result.diagnostics[1].file, "assets/audio/empty.ogg");
  EXPECT_EQ(result.diagnostics[1].message, "cannot read audio: OGG: file is empty");
  EXPECT_EQ(result.diagnostics[2].file, "assets/audio/junk.mp3");
  EXPECT_EQ(result.diagnostics[3].file, "assets/models/broken.glb");
  EXPECT_EQ(result.diagnostics[3].code, "ASSET0201");
  for (const auto& asset : result.assets) EXPECT_FALSE(asset.ok()) << asset.input;
}

TEST_F(AssetProcessorTest, RenamingAFileKeepsItsHash) {
  m_temp.write("assets/audio/a.wav", wav_of_seconds(1));
  auto before = process(audio_and_models());
  std::filesystem::rename(m_temp / "assets/audio/a.wav", m_temp / "assets/audio/b.wav");
  auto after = process(audio_and_models());
  ASSERT_EQ(before.assets.size(), 1u);
  ASSERT_EQ(after.assets.size(), 1u);
  EXPECT_EQ(after.assets[0].input, "assets/audio/b.wav");
  EXPECT_EQ(after.assets[0].hash, before.assets[0].hash);
  EXPECT_TRUE(after.assets[0].cache_hit);
}

TEST_F(AssetProcessorTest, ChangingAGroupSettingChangesTheHashAndMissesTheCache) {
  m_temp.write("assets/audio/a.wav", wav_of_seconds(1));
  auto before = process(audio_and_models());
  auto groups = audio_and_models();
  groups[0].settings.max_size = 256;
  auto after = process(groups);
  EXPECT_NE(after.assets[0].hash, before.assets[0].hash);
  EXPECT_FALSE(after.assets[0].cache_hit);
}

TEST_F(AssetProcessorTest, SecondRunIsServedFromTheCacheWithTheSameFindings) {
  m_temp.write("assets/audio/long.wav", wav_of_seconds(421, 100));
  m_temp.write("assets/audio/ok.wav", wav_of_seconds(1));
  auto first = process(audio_and_models());
  EXPECT_EQ(first.cache_hits, 0u);
  auto second = process(audio_and_models());
  EXPECT_EQ(second.cache_hits, 2u);
  EXPECT_EQ(second.diagnostics, first.diagnostics);
  ASSERT_EQ(second.diagnostics.size(), 1u);
  EXPECT_EQ(second.diagnostics[0].code, "ASSET0102");
  EXPECT_EQ(second.diagnostics[0].file, "assets/audio/long.wav");
  EXPECT_EQ(second.assets[1].output, first.assets[1].output);
  EXPECT_DOUBLE_EQ(second.assets[1].duration_s, 1.0);
}

TEST_F(AssetProcessorTest, ReadOnlyRunWritesNoCache) {
  m_temp.write("assets/audio/a.wav", wav_of_seconds(1));
  process(audio_and_models(), false);
  EXPECT_FALSE(std::filesystem::exists(m_temp / ".rbxpipe/assets"));
}

TEST_F(AssetProcessorTest, ImagesAreProcessedToPng) {
  Image image = Image::blank(16, 16);
  auto png = encode_png(image);
  ASSERT_TRUE(png.ok());
  m_temp.write("assets/images/ui/lava.png", *png);
  auto result = process({AssetGroup{"images", "assets/images/**/*.png", {}}});
  ASSERT_EQ(result.assets.size(), 1u);
  EXPECT_EQ(result.assets[0].kind, AssetKind::image);
  EXPECT_EQ(result.assets[0].width, 16);
  EXPECT_EQ(result.assets[0].mime, "image/png");
  EXPECT_TRUE(result.assets[0].ok());
}

TEST_F(AssetProcessorTest, AFileTwoGroupsTakeBelongsToTheFirst) {
  m_temp.write("assets/audio/a.wav", wav_of_seconds(1));
  auto inputs = collect_asset_inputs(m_temp.path(), {AssetGroup{"first", "assets/**/*.wav", {}},
                                                     AssetGroup{"second", "assets/audio/*.wav", {}}});
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_EQ((*inputs)[0].group, "first");
}

TEST_F(AssetProcessorTest, UnknownExtensionIsAnError) {
  auto asset = process_asset(AssetInput{"assets/models/a.obj", "models", {}}, "v 0 0 0");
  ASSERT_EQ(asset.diagnostics.size(), 1u);
  EXPECT_EQ(asset.diagnostics[0].code, "ASSET0302");
  EXPECT_FALSE(asset.kind.has_value());
}

TEST(AssetKindName, NamesAreTheOpenCloudAssetTypes) {
  EXPECT_EQ(asset_kind_name(AssetKind::image), "Image");
  EXPECT_EQ(asset_kind_name(AssetKind::animation), "Animation");
}

}  // namespace
}  // namespace rbxpipe::assets
