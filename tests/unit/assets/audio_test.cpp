#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "assets/audio_probe.h"
#include "assets/wav_writer.h"

namespace rbxpipe::assets {
namespace {

std::string silent_wav(int seconds_times_rate, int sample_rate, int channels) {
  std::vector<std::int16_t> samples(static_cast<std::size_t>(seconds_times_rate) * static_cast<std::size_t>(channels));
  auto wav = encode_wav_pcm16(samples, sample_rate, channels);
  EXPECT_TRUE(wav.ok());
  return wav.ok() ? *wav : std::string();
}

void put_be32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xffu));
}

void put_be16(std::string& out, std::uint32_t value) {
  out.push_back(static_cast<char>((value >> 8) & 0xffu));
  out.push_back(static_cast<char>(value & 0xffu));
}

// Writes `count` bits of `value`, most significant first.
struct BitWriter {
  std::string bytes;
  int used = 8;
  void put(std::uint64_t value, int count) {
    for (int bit = count - 1; bit >= 0; --bit) {
      if (used == 8) {
        bytes.push_back('\0');
        used = 0;
      }
      if (((value >> bit) & 1u) != 0) bytes.back() = static_cast<char>(bytes.back() | (0x80 >> used));
      ++used;
    }
  }
};

std::string flac_file(std::uint32_t sample_rate, std::uint32_t channels, std::uint64_t total_samples) {
  BitWriter info;
  info.put(4096, 16);  // min block size
  info.put(4096, 16);  // max block size
  info.put(0, 24);     // min frame size
  info.put(0, 24);     // max frame size
  info.put(sample_rate, 20);
  info.put(channels - 1, 3);
  info.put(15, 5);  // 16 bits per sample
  info.put(total_samples, 36);
  info.put(0, 64);  // MD5, two halves
  info.put(0, 64);
  std::string flac = "fLaC";
  flac.push_back('\x80');  // last block, STREAMINFO
  flac += std::string("\0\0\x22", 3);
  return flac + info.bytes;
}

// MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames of 1152 samples.
constexpr int k_frame_bytes = 417;

std::string mp3_frame(bool mono = false) {
  std::string frame("\xff\xfb\x90", 3);
  frame.push_back(mono ? '\xc0' : '\x00');
  frame.resize(k_frame_bytes, '\0');
  return frame;
}

std::string id3v2_tag(std::size_t body) {
  std::string tag("ID3\x03\x00\x00", 6);
  for (int shift = 21; shift >= 0; shift -= 7) tag.push_back(static_cast<char>((body >> shift) & 0x7fu));
  return tag + std::string(body, '\0');
}

TEST(AudioWav, ReadsRateChannelsAndDurationOfPcm) {
  auto wav = silent_wav(22050, 22050, 2);
  auto info = probe_wav(wav);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->sample_rate, 22050);
  EXPECT_EQ(info->channels, 2);
  EXPECT_DOUBLE_EQ(info->duration_s, 1.0);
  EXPECT_EQ(info->size, wav.size());
}

TEST(AudioWav, AcceptsIeeeFloatSamples) {
  auto wav = silent_wav(8000, 8000, 1);
  wav[20] = 3;  // format tag: IEEE float
  auto info = probe_wav(wav);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_DOUBLE_EQ(info->duration_s, 1.0);
}

TEST(AudioWav, RejectsCompressedSampleFormats) {
  auto wav = silent_wav(100, 8000, 1);
  wav[20] = 2;  // ADPCM
  auto info = probe_wav(wav);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message(), "WAV: sample format 2 is not PCM or IEEE float");
}

TEST(AudioWav, TruncatedDataIsAnErrorNamingTheSizes) {
  auto wav = silent_wav(100, 8000, 1);
  wav.resize(wav.size() - 50);
  auto info = probe_wav(wav);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message(), "WAV: truncated: data chunk declares 200 bytes but 150 follow");
}

TEST(AudioWav, HeaderCutShortIsAnError) {
  auto wav = silent_wav(100, 8000, 1);
  EXPECT_FALSE(probe_wav(wav.substr(0, 30)).ok());
  EXPECT_FALSE(probe_wav(wav.substr(0, 11)).ok());
  EXPECT_FALSE(probe_wav("").ok());
}

TEST(AudioFlac, ReadsStreamInfo) {
  auto info = probe_flac(flac_file(44100, 2, 441000));
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->sample_rate, 44100);
  EXPECT_EQ(info->channels, 2);
  EXPECT_DOUBLE_EQ(info->duration_s, 10.0);
}

TEST(AudioFlac, ReadsSixChannelsAndLongSampleCounts) {
  auto info = probe_flac(flac_file(48000, 6, 48000ull * 600));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->channels, 6);
  EXPECT_DOUBLE_EQ(info->duration_s, 600.0);
}

TEST(AudioFlac, SkipsALeadingId3Tag) {
  auto info = probe_flac(id3v2_tag(20) + flac_file(16000, 1, 8000));
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_DOUBLE_EQ(info->duration_s, 0.5);
}

TEST(AudioFlac, TruncatedOrForeignDataIsAnError) {
  EXPECT_FALSE(probe_flac(flac_file(44100, 2, 1).substr(0, 20)).ok());
  EXPECT_FALSE(probe_flac("OggS and more").ok());
  EXPECT_FALSE(probe_flac("").ok());
}

TEST(AudioMp3, ConstantBitrateDurationComesFromSizeAndBitrate) {
  std::string mp3 = id3v2_tag(20);
  for (int i = 0; i < 100; ++i) mp3 += mp3_frame();
  auto info = probe_mp3(mp3);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->sample_rate, 44100);
  EXPECT_EQ(info->channels, 2);
  EXPECT_FALSE(info->variable_bitrate);
  EXPECT_NEAR(info->duration_s, 100.0 * k_frame_bytes * 8 / 128000, 1e-9);
}

TEST(AudioMp3, XingHeaderGivesTheFrameCount) {
  std::string first = mp3_frame();
  std::string xing = "Xing";
  put_be32(xing, 1);     // flags: frame count present
  put_be32(xing, 1000);  // frames
  first.replace(36, xing.size(), xing);  // after 4 header and 32 side-information bytes
  std::string mp3 = first + mp3_frame() + mp3_frame();
  auto info = probe_mp3(mp3);
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_TRUE(info->variable_bitrate);
  EXPECT_NEAR(info->duration_s, 1000.0 * 1152 / 44100, 1e-9);
}

TEST(AudioMp3, MonoXingHeaderSitsAfterShorterSideInformation) {
  std::string first = mp3_frame(true);
  std::string info_tag = "Info";
  put_be32(info_tag, 1);
  put_be32(info_tag, 441);
  first.replace(21, info_tag.size(), info_tag);
  auto info = probe_mp3(first + mp3_frame(true));
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(info->channels, 1);
  EXPECT_NEAR(info->duration_s, 441.0 * 1152 / 44100, 1e-9);
}

TEST(AudioMp3, VbriHeaderGivesTheFrameCount) {
  std::string first = mp3_frame();
  std::string vbri = "VBRI";
  put_be16(vbri, 1);      // version
  put_be16(vbri, 0);      // delay
  put_be16(vbri, 75);     // quality
  put_be32(vbri, 99999);  // bytes
  put_be32(vbri, 2000);   // frames
  first.replace(36, vbri.size(), vbri);
  auto info = probe_mp3(first + mp3_frame());
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_TRUE(info->variable_bitrate);
  EXPECT_NEAR(info->duration_s, 2000.0 * 1152 / 44100, 1e-9);
}

TEST(AudioMp3, JunkIsAnError) {
  std::string junk;
  for (int i = 0; i < 500; ++i) junk += "not an mp3 at all ";
  junk += std::string("\xff\xfb\x90\x00", 4) + "then junk again";  // a lone sync word is not enough
  junk += std::string(1000, 'x');
  auto info = probe_mp3(junk);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message(), "MP3: no MPEG audio frame found");
  EXPECT_FALSE(probe_mp3("").ok());
  EXPECT_FALSE(probe_mp3(id3v2_tag(40)).ok());
}

TEST(AudioOgg, ZeroLengthAndJunkAreErrors) {
  EXPECT_EQ(probe_ogg("").error().message(), "OGG: file is empty");
  EXPECT_FALSE(probe_ogg("just text").ok());
  // One whole page (beginning and end of stream) whose only packet is no Vorbis header.
  std::string page("OggS\0\x06", 6);
  page += std::string(20, '\0');         // granule position, serial, sequence number, CRC
  page += std::string("\x01\x64", 2);  // one segment of 100 bytes
  page += std::string(100, '\x01');
  auto info = probe_ogg(page);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message().rfind("OGG: not a readable Vorbis stream", 0), 0u) << info.error().message();
}

TEST(AudioProbe, FormatFromExtensionIsCaseInsensitive) {
  EXPECT_EQ(audio_format_from_path("assets/audio/Boom.OGG"), AudioFormat::ogg);
  EXPECT_EQ(audio_format_from_path("a/b.flac"), AudioFormat::flac);
  EXPECT_EQ(audio_format_from_path("a.mp3/readme"), std::nullopt);
  EXPECT_EQ(audio_format_from_path("a/b.png"), std::nullopt);
}

TEST(AudioLimits, AcceptedLayoutsAreMonoStereoThreeAndFivePointOne) {
  for (int channels : {1, 2, 3, 6}) EXPECT_TRUE(is_supported_channel_count(channels)) << channels;
  for (int channels : {0, 4, 5, 7, 8}) EXPECT_FALSE(is_supported_channel_count(channels)) << channels;
}

TEST(AudioLimits, EachExceededLimitIsALocatedError) {
  AudioInfo info;
  info.duration_s = 421;
  info.sample_rate = 96000;
  info.channels = 4;
  info.size = 21ull * 1024 * 1024;
  auto diagnostics = check_audio_limits(info, "assets/audio/long.wav");
  ASSERT_EQ(diagnostics.size(), 4u);
  EXPECT_EQ(diagnostics[0].code, "ASSET0102");
  EXPECT_EQ(diagnostics[0].message, "audio is 421.0 s long; Roblox accepts up to 420.0 s");
  EXPECT_EQ(diagnostics[1].code, "ASSET0103");
  EXPECT_EQ(diagnostics[1].message, "audio sample rate is 96000 Hz; Roblox accepts up to 48000 Hz");
  EXPECT_EQ(diagnostics[2].code, "ASSET0104");
  EXPECT_EQ(diagnostics[2].message, "audio file is 21.0 MB; Roblox accepts up to 20.0 MB");
  EXPECT_EQ(diagnostics[3].code, "ASSET0105");
  for (const auto& diagnostic : diagnostics) {
    EXPECT_EQ(diagnostic.file, "assets/audio/long.wav");
    EXPECT_EQ(diagnostic.severity, base::Severity::error);
  }
}

TEST(AudioLimits, AudioWithinLimitsHasNoDiagnostics) {
  auto info = probe_wav(silent_wav(48000, 48000, 6));
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(check_audio_limits(*info, "a.wav").empty());
}

TEST(AudioLimits, UnreadableAudioRendersWithTheFile) {
  auto diagnostic = unreadable_audio("assets/audio/empty.ogg", "OGG: file is empty");
  EXPECT_EQ(base::render_text(diagnostic),
            "assets/audio/empty.ogg: error[ASSET0101]: cannot read audio: OGG: file is empty\n");
}

}  // namespace
}  // namespace rbxpipe::assets
