#include <gtest/gtest.h>

#include <stb_image.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "assets/spritesheet.h"

namespace rbxpipe::assets {
namespace {

// A width x height image whose every pixel encodes its key number and position, so blits can be checked.
SpriteInput sprite(int number, int width, int height) {
  SpriteInput input;
  input.key = "icons/icon" + std::to_string(number) + ".png";
  input.image = Image::blank(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      auto* p = input.image.at(x, y);
      p[0] = static_cast<std::uint8_t>(number);
      p[1] = static_cast<std::uint8_t>(x);
      p[2] = static_cast<std::uint8_t>(y);
      p[3] = 255;
    }
  }
  return input;
}

std::vector<SpriteInput> varied_sprites(int count) {
  std::vector<SpriteInput> inputs;
  for (int i = 0; i < count; ++i) inputs.push_back(sprite(i, 8 + (i * 37) % 90, 8 + (i * 53) % 70));
  return inputs;
}

bool overlaps(const SpriteSlice& a, const SpriteSlice& b, int pad) {
  if (a.sheet != b.sheet) return false;
  return a.x - pad < b.x + b.width + pad && b.x - pad < a.x + a.width + pad && a.y - pad < b.y + b.height + pad &&
         b.y - pad < a.y + a.height + pad;
}

TEST(Spritesheet, SliceTableMatchesTheSheetPixels) {
  auto inputs = varied_sprites(30);
  auto packed = pack_spritesheets(inputs);
  ASSERT_EQ(packed.layout.slices.size(), inputs.size());
  EXPECT_TRUE(packed.diagnostics.empty());
  for (const auto& input : inputs) {
    const SpriteSlice* slice = packed.find(input.key);
    ASSERT_NE(slice, nullptr) << input.key;
    EXPECT_EQ(slice->width, input.image.width);
    EXPECT_EQ(slice->height, input.image.height);
    Image& sheet = packed.sheet_images[static_cast<std::size_t>(slice->sheet)];
    ASSERT_LE(slice->x + slice->width + 2, sheet.width);
    ASSERT_LE(slice->y + slice->height + 2, sheet.height);
    for (int y = 0; y < slice->height; ++y) {
      for (int x = 0; x < slice->width; ++x) {
        ASSERT_EQ(0, std::memcmp(sheet.at(slice->x + x, slice->y + y), &input.image.pixels[static_cast<std::size_t>(y * input.image.width + x) * 4], 4))
            << input.key << " at " << x << "," << y;
      }
    }
  }
}

TEST(Spritesheet, SlicesNeverOverlapIncludingPadding) {
  auto packed = pack_spritesheets(varied_sprites(60));
  const auto& slices = packed.layout.slices;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    EXPECT_GE(slices[i].x, 2);
    EXPECT_GE(slices[i].y, 2);
    for (std::size_t j = i + 1; j < slices.size(); ++j) EXPECT_FALSE(overlaps(slices[i], slices[j], 2)) << i << " " << j;
  }
}

TEST(Spritesheet, PaddingRepeatsTheEdgePixels) {
  std::vector<SpriteInput> inputs{sprite(1, 10, 6)};
  auto packed = pack_spritesheets(inputs);
  const SpriteSlice& slice = packed.layout.slices.at(0);
  Image& sheet = packed.sheet_images.at(0);
  EXPECT_EQ(sheet.width, 14);
  EXPECT_EQ(sheet.height, 10);
  auto* corner = sheet.at(slice.x - 2, slice.y - 2);
  EXPECT_EQ(corner[1], 0);  // x of the image's top-left pixel
  EXPECT_EQ(corner[2], 0);
  auto* right = sheet.at(slice.x + 11, slice.y + 3);
  EXPECT_EQ(right[1], 9);  // repeats the last column
  EXPECT_EQ(right[2], 3);
  EXPECT_EQ(right[3], 255);
}

TEST(Spritesheet, AddingAnImageKeepsEveryOtherOffset) {
  auto inputs = varied_sprites(40);
  auto first = pack_spritesheets(inputs);
  inputs.insert(inputs.begin() + 5, sprite(200, 30, 30));
  auto second = pack_spritesheets(inputs, {}, &first.layout);
  ASSERT_EQ(second.layout.slices.size(), first.layout.slices.size() + 1);
  for (const auto& before : first.layout.slices) {
    const SpriteSlice* after = second.find(before.key);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(*after, before);
  }
  EXPECT_NE(second.find("icons/icon200.png"), nullptr);
}

TEST(Spritesheet, InputOrderDoesNotChangeThePacking) {
  // The same inputs in any order pack the same way (sorted by a stable key).
  auto inputs = varied_sprites(20);
  auto forward = pack_spritesheets(inputs);
  std::vector<SpriteInput> reversed(inputs.rbegin(), inputs.rend());
  auto backward = pack_spritesheets(reversed);
  EXPECT_EQ(forward.layout.slices, backward.layout.slices);
  EXPECT_EQ(forward.sheets, backward.sheets);
}

TEST(Spritesheet, ChangedOptionsIgnoreThePreviousLayout) {
  auto inputs = varied_sprites(10);
  auto first = pack_spritesheets(inputs);
  SpritesheetOptions options;
  options.padding = 4;
  auto second = pack_spritesheets(inputs, options, &first.layout);
  EXPECT_EQ(second.layout.padding, 4);
  EXPECT_EQ(second.layout.slices, pack_spritesheets(inputs, options).layout.slices);
}

TEST(Spritesheet, OverflowOpensAnotherSheet) {
  std::vector<SpriteInput> inputs;
  for (int i = 0; i < 5; ++i) inputs.push_back(sprite(i, 60, 60));
  SpritesheetOptions options;
  options.max_size = 128;
  auto packed = pack_spritesheets(inputs, options);
  EXPECT_EQ(packed.sheets.size(), 2u);
  EXPECT_EQ(packed.layout.slices.size(), 5u);
  for (const auto& slice : packed.layout.slices) EXPECT_LT(slice.sheet, 2);
  for (const auto& sheet : packed.sheet_images) {
    EXPECT_LE(sheet.width, 128);
    EXPECT_LE(sheet.height, 128);
  }
}

TEST(Spritesheet, ImagesLargerThanASheetAreNotPacked) {
  std::vector<SpriteInput> inputs{sprite(1, 10, 10), sprite(2, 127, 20)};
  SpritesheetOptions options;
  options.max_size = 128;
  auto packed = pack_spritesheets(inputs, options);
  EXPECT_EQ(packed.layout.slices.size(), 1u);
  EXPECT_EQ(packed.find("icons/icon2.png"), nullptr);
  ASSERT_EQ(packed.diagnostics.size(), 1u);
  EXPECT_EQ(base::render_text(packed.diagnostics[0]),
            "icons/icon2.png: warning[ASSET0020]: image is 127x20: with 2 px padding it does not fit a 128 px "
            "spritesheet, so it is uploaded on its own\n");
}

TEST(Spritesheet, DuplicateKeysAreAnError) {
  std::vector<SpriteInput> inputs{sprite(1, 10, 10), sprite(1, 12, 12)};
  auto packed = pack_spritesheets(inputs);
  EXPECT_EQ(packed.layout.slices.size(), 1u);
  ASSERT_EQ(packed.diagnostics.size(), 1u);
  EXPECT_EQ(packed.diagnostics[0].code, "ASSET0021");
}

TEST(Spritesheet, SheetsAreDecodablePng) {
  auto packed = pack_spritesheets(varied_sprites(12));
  ASSERT_EQ(packed.sheets.size(), packed.sheet_images.size());
  for (std::size_t i = 0; i < packed.sheets.size(); ++i) {
    int width = 0;
    int height = 0;
    int channels = 0;
    ASSERT_EQ(stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(packed.sheets[i].data()),
                                    static_cast<int>(packed.sheets[i].size()), &width, &height, &channels), 1);
    EXPECT_EQ(width, packed.sheet_images[i].width);
    EXPECT_EQ(height, packed.sheet_images[i].height);
  }
}

TEST(Spritesheet, PlanningFromSizesAloneGivesThePackingsLayout) {
  auto inputs = varied_sprites(50);
  SpritesheetOptions options;
  options.max_size = 256;
  auto packed = pack_spritesheets(inputs, options);
  std::vector<SpriteSize> sizes;
  for (const auto& input : inputs) sizes.push_back(SpriteSize{input.key, input.image.width, input.image.height});
  auto plan = plan_spritesheets(sizes, options);
  EXPECT_EQ(plan.layout.slices, packed.layout.slices);
  EXPECT_EQ(plan.sheet_count, static_cast<int>(packed.sheets.size()));
  EXPECT_GT(plan.sheet_count, 1);
  auto again = plan_spritesheets(sizes, options, &plan.layout);
  EXPECT_EQ(again.layout.slices, plan.layout.slices);  // replaying a layout over the same sizes gives it back
}

TEST(Spritesheet, RenderingRefusesMissingOrResizedImages) {
  std::vector<SpriteInput> inputs{sprite(1, 10, 6)};
  auto packed = pack_spritesheets(inputs);
  std::map<std::string, const Image*, std::less<>> none;
  auto missing = render_sheet(packed.layout, 0, none);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "no pixels for spritesheet image 'icons/icon1.png'");
  Image other = Image::blank(4, 4);
  auto resized = render_sheet(packed.layout, 0, {{"icons/icon1.png", &other}});
  ASSERT_FALSE(resized.ok());
  EXPECT_EQ(resized.error().message(), "spritesheet image 'icons/icon1.png' is 4x4, but its place is 10x6");
  auto drawn = render_sheet(packed.layout, 0, {{"icons/icon1.png", &inputs[0].image}});
  ASSERT_TRUE(drawn.ok());
  EXPECT_EQ(drawn->pixels, packed.sheet_images[0].pixels);
}

}  // namespace
}  // namespace rbxpipe::assets
