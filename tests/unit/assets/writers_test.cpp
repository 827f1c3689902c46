#include <gtest/gtest.h>

#include <algorithm>

#include <stb_image.h>

#include "assets/png_writer.h"
#include "assets/wav_writer.h"

namespace rbxpipe::assets {
namespace {

TEST(PngWriter, RoundTripsPixelsThroughADecoder) {
  auto image = Image::blank(3, 2);
  for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = static_cast<std::uint8_t>(i * 10);
  auto png = encode_png(image);
  ASSERT_TRUE(png.ok());
  int width = 0;
  int height = 0;
  int channels = 0;
  auto* decoded = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png->data()), static_cast<int>(png->size()),
                                        &width, &height, &channels, 4);
  ASSERT_NE(decoded, nullptr);
  EXPECT_EQ(width, 3);
  EXPECT_EQ(height, 2);
  EXPECT_TRUE(std::equal(image.pixels.begin(), image.pixels.end(), decoded));
  stbi_image_free(decoded);
}

TEST(PngWriter, SamePixelsGiveSameBytes) {
  auto image = Image::blank(16, 16);
  image.at(3, 4)[3] = 255;
  EXPECT_EQ(encode_png(image).value(), encode_png(image).value());
}

TEST(PngWriter, RejectsInconsistentImages) {
  Image image;
  image.width = 4;
  image.height = 4;
  image.pixels.resize(3);
  EXPECT_EQ(encode_png(image).error().code(), base::ErrorCode::invalid_input);
}

TEST(WavWriter, WritesACanonicalPcmHeader) {
  auto wav = encode_wav_pcm16({1, -1, 2, -2}, 44100, 2);
  ASSERT_TRUE(wav.ok());
  ASSERT_EQ(wav->size(), 44u + 8u);
  EXPECT_EQ(wav->substr(0, 4), "RIFF");
  EXPECT_EQ(wav->substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(static_cast<unsigned char>((*wav)[22]), 2);  // channels
  EXPECT_EQ(static_cast<unsigned char>((*wav)[24]) | static_cast<unsigned char>((*wav)[25]) << 8, 44100 & 0xffff);
  EXPECT_EQ(static_cast<unsigned char>((*wav)[44 + 2]), 0xff);  // -1 little-endian
}

TEST(WavWriter, RejectsBadParameters) {
  EXPECT_FALSE(encode_wav_pcm16({1, 2, 3}, 44100, 2).ok());
  EXPECT_FALSE(encode_wav_pcm16({}, 0, 1).ok());
}

}  // namespace
}  // namespace rbxpipe::assets
