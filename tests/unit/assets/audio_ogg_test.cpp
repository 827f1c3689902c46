// OGG Vorbis probing over real files made by oggenc (fixtures/audio, see its README) and truncated copies of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "assets/asset_processor.h"
#include "assets/audio_probe.h"
#include "base/file_io.h"

namespace rbxpipe::assets {
namespace {

std::string fixture(const std::string& name) {
  auto bytes = base::read_file(std::filesystem::path(RBXPIPE_SOURCE_DIR) / "fixtures/audio" / name);
  EXPECT_TRUE(bytes.ok()) << name;
  return bytes.ok() ? *bytes : std::string();
}

// Offset of the `index`-th (from 0) OGG page in `bytes`, or npos.
std::size_t page_offset(const std::string& bytes, int index) {
  std::size_t at = 0;
  for (int i = 0; at != std::string::npos; ++i, at = bytes.find("OggS", at + 4)) {
    if (i == index) return at;
  }
  return std::string::npos;
}

TEST(AudioOggFixture, MonoFileHasOneSecondAt22050HzOnOneChannel) {
  auto info = probe_ogg(fixture("tone-mono-22050.ogg"));
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->format, AudioFormat::ogg);
  EXPECT_DOUBLE_EQ(info->duration_s, 1.0);
  EXPECT_EQ(info->sample_rate, 22050);
  EXPECT_EQ(info->channels, 1);
  EXPECT_EQ(info->size, fixture("tone-mono-22050.ogg").size());
}

TEST(AudioOggFixture, StereoFileHasOneAndAHalfSecondsAt44100HzOnTwoChannels) {
  auto info = probe_ogg(fixture("tone-stereo-44100.ogg"));
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_DOUBLE_EQ(info->duration_s, 1.5);
  EXPECT_EQ(info->sample_rate, 44100);
  EXPECT_EQ(info->channels, 2);
}

TEST(AudioOggFixture, FixturesAreSmall) {
  EXPECT_LT(fixture("tone-mono-22050.ogg").size(), 8000u);
  EXPECT_LT(fixture("tone-stereo-44100.ogg").size(), 8000u);
}

TEST(AudioOggFixture, CutInsideTheHeadersIsAnError) {
  const std::string whole = fixture("tone-mono-22050.ogg");
  // Page 0 holds the identification header; pages 1.. the comment and setup headers, then audio.
  const std::size_t second_page = page_offset(whole, 1);
  ASSERT_NE(second_page, std::string::npos);
  for (std::size_t cut : {std::size_t{4}, std::size_t{30}, second_page, second_page + 100}) {
    auto info = probe_ogg(whole.substr(0, cut));
    ASSERT_FALSE(info.ok()) << "cut at " << cut;
    EXPECT_EQ(info.error().message().rfind("OGG: ", 0), 0u) << info.error().message();
  }
}

TEST(AudioOggFixture, EveryTruncationIsAnError) {
  // stb_vorbis alone reads a file cut inside its audio as a stream of 0 s, and one cut between pages as a shorter
  // stream; the page framing catches both.
  for (const char* name : {"tone-mono-22050.ogg", "tone-stereo-44100.ogg"}) {
    const std::string whole = fixture(name);
    ASSERT_TRUE(probe_ogg(whole).ok());
    for (std::size_t cut = 1; cut < whole.size(); ++cut) {
      auto info = probe_ogg(whole.substr(0, cut));
      ASSERT_FALSE(info.ok()) << name << " cut at " << cut << ": " << info->duration_s << " s";
    }
  }
}

TEST(AudioOggFixture, TruncationMessagesSayWhereTheFileEnds) {
  const std::string whole = fixture("tone-mono-22050.ogg");
  std::size_t last_page = 0;
  for (int i = 0; page_offset(whole, i) != std::string::npos; ++i) last_page = page_offset(whole, i);
  ASSERT_GT(last_page, 0u);
  EXPECT_EQ(probe_ogg(whole.substr(0, last_page)).error().message(),
            "OGG: the last page has no end-of-stream flag: the file is truncated");
  EXPECT_EQ(probe_ogg(whole.substr(0, whole.size() - 10)).error().message(),
            "OGG: the file ends inside the page at byte " + std::to_string(last_page) +
                " (10 bytes missing): it is truncated");
  EXPECT_EQ(probe_ogg(whole.substr(0, last_page + 20)).error().message(),
            "OGG: the file ends inside the page header at byte " + std::to_string(last_page));
  std::string damaged = whole;
  damaged[last_page] = 'X';
  EXPECT_EQ(probe_ogg(damaged).error().message(),
            "OGG: no page starts at byte " + std::to_string(last_page) + " (damaged or not an OGG file)");
}

TEST(AudioOggFixture, ProcessingReportsItAsUploadableAudio) {
  auto asset = process_asset(AssetInput{"assets/audio/tone.ogg", "audio", {}}, fixture("tone-stereo-44100.ogg"));
  EXPECT_EQ(asset.kind, AssetKind::audio);
  EXPECT_EQ(asset.format, "ogg");
  EXPECT_EQ(asset.mime, "audio/ogg");
  EXPECT_DOUBLE_EQ(asset.duration_s, 1.5);
  EXPECT_TRUE(asset.uploadable());
  EXPECT_TRUE(asset.diagnostics.empty());
}

}  // namespace
}  // namespace rbxpipe::assets
