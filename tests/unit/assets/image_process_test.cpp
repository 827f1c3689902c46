#include <gtest/gtest.h>

#include <stb_image.h>

#include "assets/image_process.h"
#include "assets/image_resize.h"
#include "tests/unit/assets/image_test_images.h"

namespace rbxpipe::assets {
namespace {

using namespace test_images;

struct Pixels {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
};

Pixels decode(const std::string& png) {
  Pixels out;
  int channels = 0;
  auto* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()), static_cast<int>(png.size()), &out.width,
                                     &out.height, &channels, 4);
  if (data == nullptr) return out;
  out.rgba.assign(data, data + static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 4);
  stbi_image_free(data);
  return out;
}

// Alpha patterns made by code: opaque, a hole in the middle, stripes, a soft radial fade.
Image patterned(int width, int height, int pattern) {
  Image image = gradient(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      auto& alpha = image.at(x, y)[3];
      switch (pattern) {
        case 0: alpha = 255; break;
        case 1: alpha = (x > width / 4 && x < 3 * width / 4 && y > height / 4 && y < 3 * height / 4) ? 0 : 255; break;
        case 2: alpha = (x / 4) % 2 ? 0 : 255; break;
        default: {
          double dx = (x - width / 2.0) / (width / 2.0);
          double dy = (y - height / 2.0) / (height / 2.0);
          double d = 1.0 - (dx * dx + dy * dy);
          alpha = static_cast<std::uint8_t>(d <= 0 ? 0 : d * 255.0);
        }
      }
    }
  }
  return image;
}

TEST(ImageProcess, ManySizesAndAlphaPatternsGiveDecodablePngOfTheFittedSize) {
  struct Size { int width; int height; };
  for (Size size : {Size{1, 1}, Size{3, 7}, Size{64, 64}, Size{1500, 20}, Size{700, 1300}}) {
    for (int pattern = 0; pattern < 4; ++pattern) {
      auto result = process_image(png_of(patterned(size.width, size.height, pattern)), "in.png");
      ASSERT_TRUE(result.ok()) << size.width << "x" << size.height << " " << rendered(result.diagnostics);
      Pixels out = decode(result.png);
      ImageSize expected = fit_within(size.width, size.height, 1024);
      EXPECT_EQ(out.width, expected.width);
      EXPECT_EQ(out.height, expected.height);
      EXPECT_EQ(result.width, expected.width);
      EXPECT_EQ(result.height, expected.height);
    }
  }
}

TEST(ImageProcess, SameInputGivesSameBytes) {
  std::string input = png_of(patterned(1300, 600, 3));
  auto a = process_image(input, "in.png");
  auto b = process_image(input, "in.png");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.png, b.png);
}

TEST(ImageProcess, BleedFillsTransparentColourAndKeepsAlpha) {
  auto result = process_image(png_of(patterned(40, 40, 1)), "in.png");
  ASSERT_TRUE(result.ok());
  Pixels out = decode(result.png);
  const std::uint8_t* centre = &out.rgba[(20u * 40u + 20u) * 4u];
  EXPECT_EQ(centre[3], 0);
  EXPECT_NE(centre[0] + centre[1] + centre[2], 0) << "transparent pixel took a neighbour's colour";
}

TEST(ImageProcess, WithoutDownscaleKeepsTheSizeAndWarns) {
  ImageOptions options;
  options.downscale = false;
  auto result = process_image(png_of(patterned(1100, 30, 0)), "wide.png", options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.width, 1100);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message, "image is 1100x30, larger than the maximum of 1024 px: Roblox will downscale it");
}

TEST(ImageProcess, CorruptInputGivesDiagnosticsAndNoPng) {
  auto result = process_image("not an image at all", "images/bad.png");
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.png.empty());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, "images/bad.png");
}

TEST(ImageProcess, ConvertsJpegToPng) {
  auto result = process_image(jpeg_of(gradient(30, 20)), "photo.jpg");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.source_format, ImageFormat::jpeg);
  EXPECT_EQ(result.png.substr(1, 3), "PNG");
}

}  // namespace
}  // namespace rbxpipe::assets
