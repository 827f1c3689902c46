#include <gtest/gtest.h>

#include <cstdlib>

#include "assets/image_resize.h"

namespace rbxpipe::assets {
namespace {

TEST(ImageResize, FitWithinKeepsTheAspectRatio) {
  EXPECT_EQ(fit_within(2048, 2048, 1024), (ImageSize{1024, 1024}));
  EXPECT_EQ(fit_within(2000, 1000, 1024), (ImageSize{1024, 512}));
  EXPECT_EQ(fit_within(300, 1500, 1024), (ImageSize{205, 1024}));
  EXPECT_EQ(fit_within(5000, 3, 1024), (ImageSize{1024, 1}));
}

TEST(ImageResize, FitWithinLeavesSmallImagesAlone) {
  EXPECT_EQ(fit_within(1024, 10, 1024), (ImageSize{1024, 10}));
  EXPECT_EQ(fit_within(7, 9, 1024), (ImageSize{7, 9}));
}

TEST(ImageResize, DownscaleReturnsTheTargetSize) {
  Image image = Image::blank(300, 120);
  Image out = downscale(image, 100);
  EXPECT_EQ(out.width, 100);
  EXPECT_EQ(out.height, 40);
  EXPECT_EQ(out.pixels.size(), 100u * 40u * 4u);
}

TEST(ImageResize, FlatColourStaysFlat) {
  Image image = Image::blank(257, 131);
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
    image.pixels[i] = 200;
    image.pixels[i + 1] = 37;
    image.pixels[i + 2] = 90;
    image.pixels[i + 3] = 255;
  }
  Image out = downscale(image, 64);
  for (std::size_t i = 0; i < out.pixels.size(); i += 4) {
    ASSERT_EQ(out.pixels[i], 200) << i;
    ASSERT_EQ(out.pixels[i + 1], 37) << i;
    ASSERT_EQ(out.pixels[i + 2], 90) << i;
    ASSERT_EQ(out.pixels[i + 3], 255) << i;
  }
}

TEST(ImageResize, TransparentNeighboursAddNoDarkFringe) {
  // A red disc on transparent black: a plain (unweighted) filter would darken the edge towards black.
  Image image = Image::blank(200, 200);
  for (int y = 0; y < 200; ++y) {
    for (int x = 0; x < 200; ++x) {
      int dx = x - 100;
      int dy = y - 100;
      if (dx * dx + dy * dy > 70 * 70) continue;
      auto* p = image.at(x, y);
      p[0] = 230;
      p[1] = 20;
      p[2] = 10;
      p[3] = 255;
    }
  }
  Image out = downscale(image, 37);
  int edge_pixels = 0;
  for (std::size_t i = 0; i < out.pixels.size(); i += 4) {
    int alpha = out.pixels[i + 3];
    if (alpha == 0) continue;
    if (alpha < 250) ++edge_pixels;
    if (alpha < 8) continue;  // too faint for 8-bit colour to mean anything
    EXPECT_NEAR(out.pixels[i], 230, 6) << "alpha " << alpha;
    EXPECT_NEAR(out.pixels[i + 1], 20, 6) << "alpha " << alpha;
  }
  EXPECT_GT(edge_pixels, 20);
}

TEST(ImageResize, FlatColourWithAlphaPatternKeepsItsColour) {
  Image image = Image::blank(128, 96);
  for (int y = 0; y < 96; ++y) {
    for (int x = 0; x < 128; ++x) {
      auto* p = image.at(x, y);
      p[0] = 10;
      p[1] = 250;
      p[2] = 120;
      p[3] = static_cast<std::uint8_t>(((x / 3 + y / 5) % 3) * 120);
    }
  }
  Image out = downscale(image, 50);
  for (std::size_t i = 0; i < out.pixels.size(); i += 4) {
    if (out.pixels[i + 3] < 16) continue;
    EXPECT_NEAR(out.pixels[i], 10, 2);
    EXPECT_NEAR(out.pixels[i + 1], 250, 2);
    EXPECT_NEAR(out.pixels[i + 2], 120, 2);
  }
}

TEST(ImageResize, SmallImageIsCopiedUnchanged) {
  Image image = Image::blank(5, 5);
  image.at(2, 2)[0] = 99;
  Image out = downscale(image, 1024);
  EXPECT_EQ(out.pixels, image.pixels);
}

}  // namespace
}  // namespace rbxpipe::assets
