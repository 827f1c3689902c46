#include <gtest/gtest.h>

#include <cstdint>

#include "assets/image_bleed.h"

namespace rbxpipe::assets {
namespace {

void set(Image& image, int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a) {
  auto* p = image.at(x, y);
  p[0] = r;
  p[1] = g;
  p[2] = b;
  p[3] = a;
}

TEST(ImageBleed, TransparentPixelsTakeTheNearestVisibleColour) {
  Image image = Image::blank(9, 9);
  set(image, 4, 4, 200, 100, 50, 255);
  bleed_alpha(image);
  for (int y = 0; y < 9; ++y) {
    for (int x = 0; x < 9; ++x) {
      auto* p = image.at(x, y);
      EXPECT_EQ(p[0], 200);
      EXPECT_EQ(p[1], 100);
      EXPECT_EQ(p[2], 50);
      EXPECT_EQ(p[3], (x == 4 && y == 4) ? 255 : 0) << "alpha stays as it was";
    }
  }
}

TEST(ImageBleed, BoundaryBetweenTwoColoursAveragesNeighbours) {
  Image image = Image::blank(3, 1);
  set(image, 0, 0, 255, 0, 0, 255);
  set(image, 2, 0, 0, 0, 255, 255);
  bleed_alpha(image);
  EXPECT_EQ(image.at(1, 0)[0], 128);
  EXPECT_EQ(image.at(1, 0)[2], 128);
  EXPECT_EQ(image.at(1, 0)[3], 0);
}

TEST(ImageBleed, VisiblePixelsAreUntouched) {
  Image image = Image::blank(16, 16);
  for (int i = 0; i < 16; ++i) set(image, i, i, static_cast<std::uint8_t>(i * 16), 7, 9, static_cast<std::uint8_t>(1 + i));
  Image before = image;
  bleed_alpha(image);
  for (int i = 0; i < 16; ++i) {
    for (int c = 0; c < 4; ++c) EXPECT_EQ(image.at(i, i)[c], before.at(i, i)[c]);
  }
}

TEST(ImageBleed, FullyTransparentImageIsLeftAsIs) {
  Image image = Image::blank(6, 4);
  image.at(1, 1)[0] = 77;
  Image before = image;
  bleed_alpha(image);
  EXPECT_EQ(image.pixels, before.pixels);
}

TEST(ImageBleed, IsDeterministic) {
  Image image = Image::blank(97, 53);
  std::uint32_t seed = 12345;
  for (int y = 0; y < 53; ++y) {
    for (int x = 0; x < 97; ++x) {
      seed = seed * 1664525u + 1013904223u;
      if ((seed >> 28) != 0) continue;  // about 1 pixel in 16 visible
      set(image, x, y, static_cast<std::uint8_t>(seed >> 8), static_cast<std::uint8_t>(seed >> 16),
          static_cast<std::uint8_t>(seed >> 4), 255);
    }
  }
  Image a = image;
  Image b = image;
  bleed_alpha(a);
  bleed_alpha(b);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_NE(a.pixels, image.pixels);
  for (std::size_t i = 3; i < a.pixels.size(); i += 4) EXPECT_EQ(a.pixels[i], image.pixels[i]);
}

TEST(ImageBleed, FarPixelsGetColourThroughManyRings) {
  Image image = Image::blank(300, 2);
  set(image, 0, 0, 10, 20, 30, 255);
  bleed_alpha(image);
  EXPECT_EQ(image.at(299, 1)[0], 10);
  EXPECT_EQ(image.at(299, 1)[1], 20);
  EXPECT_EQ(image.at(299, 1)[2], 30);
}

}  // namespace
}  // namespace rbxpipe::assets
