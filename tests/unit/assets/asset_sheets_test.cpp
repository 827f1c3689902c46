// Spritesheets of asset groups with `pack`, through the processor: sheet entries, marked members, settings per
// group, stability across runs, the sheet cache, and the build's planner agreeing with the processor.
#include <gtest/gtest.h>

#include <stb_image.h>

#include <chrono>
#include <filesystem>
#include <mutex>

#include "assets/asset_sheets.h"
#include "assets/sheet_layouts.h"
#include "base/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/assets/image_test_images.h"

namespace rbxpipe::assets {
namespace {

using test_images::gradient;
using test_images::png_of;

ProcessingSettings packed(int sheet_size = 1024, int padding = 2) {
  ProcessingSettings settings;
  settings.pack = true;
  settings.sheet_size = sheet_size;
  settings.padding = padding;
  return settings;
}

const ProcessedAsset* find(const ProcessResult& result, const std::string& input) {
  for (const auto& asset : result.assets) {
    if (asset.input == input) return &asset;
  }
  return nullptr;
}

class AssetSheetsTest : public ::testing::Test {
 protected:
  void image(const std::string& name, int width, int height) {
    m_temp.write("assets/icons/" + name + ".png", png_of(gradient(width, height)));
  }
  std::vector<AssetInput> inputs() {
    auto found = collect_asset_inputs(m_temp.path(), {AssetGroup{"icons", "assets/icons/*.png", m_settings}});
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : std::vector<AssetInput>{};
  }
  ProcessOptions options(bool write_cache = true) { return ProcessOptions{m_temp.path(), cache_dir(), write_cache}; }
  std::filesystem::path cache_dir() const { return m_temp / ".rbxpipe/assets"; }
  ProcessResult process(bool write_cache = true) { return process_assets(inputs(), options(write_cache)); }
  std::map<std::string, SpritePlacement> plan() {
    return plan_sprite_placements(inputs(), options(false), [](const std::filesystem::path& path) {
      return base::read_file(path);
    });
  }

  rbxpipe::testing::TempDir m_temp;
  ProcessingSettings m_settings = packed();
};

TEST_F(AssetSheetsTest, PackedImagesBecomeOneSheetEntryAndAreNotUploadedThemselves) {
  image("a", 20, 10);
  image("b", 16, 16);
  auto result = process();
  ASSERT_EQ(result.assets.size(), 3u);
  EXPECT_EQ(result.assets[2].input, "icons#sheet1");  // sorted by input: "assets/..." before "icons#..."
  const ProcessedAsset& sheet = result.assets[2];
  EXPECT_EQ(sheet.group, "icons");
  EXPECT_EQ(sheet.kind, AssetKind::image);
  EXPECT_EQ(sheet.format, "png");
  EXPECT_EQ(sheet.mime, "image/png");
  EXPECT_EQ(sheet.hash, content_hash(sheet.output, m_settings));
  EXPECT_TRUE(sheet.uploadable());
  int width = 0;
  int height = 0;
  int channels = 0;
  ASSERT_EQ(stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(sheet.output.data()),
                                  static_cast<int>(sheet.output.size()), &width, &height, &channels), 1);
  EXPECT_EQ(width, sheet.width);
  EXPECT_EQ(height, sheet.height);
  for (const char* input : {"assets/icons/a.png", "assets/icons/b.png"}) {
    const ProcessedAsset* member = find(result, input);
    ASSERT_NE(member, nullptr);
    EXPECT_TRUE(member->ok()) << input;
    EXPECT_FALSE(member->uploadable()) << input;
    EXPECT_EQ(member->packed_into, "icons#sheet1");
    ASSERT_TRUE(member->sprite.has_value());
    EXPECT_EQ(member->sprite->sheet_id, 0);
    EXPECT_EQ(member->sprite->size_x, member->width);
    EXPECT_EQ(member->sprite->size_y, member->height);
  }
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST_F(AssetSheetsTest, SheetSizeAndPaddingComeFromTheGroup) {
  m_settings = packed(64, 0);
  for (const char* name : {"a", "b", "c"}) image(name, 40, 40);
  auto result = process();
  ASSERT_EQ(result.assets.size(), 6u);
  EXPECT_EQ(result.assets[3].input, "icons#sheet1");
  EXPECT_EQ(result.assets[4].input, "icons#sheet2");
  EXPECT_EQ(result.assets[5].input, "icons#sheet3");
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(result.assets[i].sprite, (SpriteRect{0, 0, 0, 40, 40})) << result.assets[i].input;
    EXPECT_EQ(result.assets[3 + i].width, 40);
  }
}

TEST_F(AssetSheetsTest, ImagesArePackedAfterTheirOwnDownscale) {
  m_settings.max_size = 32;
  image("big", 64, 48);
  auto result = process();
  const ProcessedAsset* member = find(result, "assets/icons/big.png");
  ASSERT_NE(member, nullptr);
  ASSERT_TRUE(member->sprite.has_value());
  EXPECT_EQ(member->sprite->size_x, 32);
  EXPECT_EQ(member->sprite->size_y, 24);
  EXPECT_EQ(member->sprite->offset_x, 2);
}

TEST_F(AssetSheetsTest, AnImageTooLargeForASheetIsUploadedOnItsOwnWithAWarning) {
  m_settings = packed(64, 2);
  image("small", 10, 10);
  image("wide", 62, 10);
  auto result = process();
  const ProcessedAsset* wide = find(result, "assets/icons/wide.png");
  ASSERT_NE(wide, nullptr);
  EXPECT_TRUE(wide->packed_into.empty());
  EXPECT_TRUE(wide->uploadable());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(base::render_text(result.diagnostics[0]),
            "assets/icons/wide.png: warning[ASSET0020]: image is 62x10: with 2 px padding it does not fit a 64 px "
            "spritesheet, so it is uploaded on its own\n");
  EXPECT_EQ(find(result, "assets/icons/small.png")->packed_into, "icons#sheet1");
}

TEST_F(AssetSheetsTest, BrokenImagesAreNotPacked) {
  image("good", 12, 12);
  m_temp.write("assets/icons/broken.png", "not a png at all");
  auto result = process();
  const ProcessedAsset* broken = find(result, "assets/icons/broken.png");
  ASSERT_NE(broken, nullptr);
  EXPECT_FALSE(broken->ok());
  EXPECT_TRUE(broken->packed_into.empty());
  EXPECT_EQ(find(result, "assets/icons/good.png")->packed_into, "icons#sheet1");
  EXPECT_EQ(plan(), sprite_placements(result));
}

TEST_F(AssetSheetsTest, AddingAnImageThatFitsMovesNoOtherAcrossRuns) {
  const int sizes[][2] = {{30, 20}, {24, 24}, {16, 40}, {50, 12}, {8, 8}, {33, 17}};
  for (int i = 0; i < 6; ++i) image("icon" + std::to_string(i), sizes[i][0], sizes[i][1]);
  auto first = process();
  ASSERT_TRUE(std::filesystem::exists(sheet_layouts_path(cache_dir())));
  // The newcomer is taller than every other image, so a packing from scratch would put it first.
  image("tall", 20, 60);
  auto second = process();
  auto before = sprite_placements(first);
  auto after = sprite_placements(second);
  ASSERT_EQ(before.size(), 6u);
  ASSERT_EQ(after.size(), 7u);
  for (const auto& [input, placement] : before) EXPECT_EQ(after.at(input), placement) << input;
  EXPECT_TRUE(after.contains("assets/icons/tall.png"));
  EXPECT_EQ(find(second, "icons#sheet1")->cache_hit, false);  // new pixels, so a new sheet
}

TEST_F(AssetSheetsTest, TheLayoutIsStoredWithEachImagesHash) {
  image("a", 10, 10);
  auto result = process();
  StoredSheetLayouts stored = load_sheet_layouts(cache_dir());
  ASSERT_EQ(stored.size(), 1u);
  const StoredSheetLayout& icons = stored.at("icons");
  EXPECT_EQ(icons.layout.max_size, 1024);
  EXPECT_EQ(icons.layout.padding, 2);
  ASSERT_EQ(icons.layout.slices.size(), 1u);
  EXPECT_EQ(icons.layout.slices[0], (SpriteSlice{"assets/icons/a.png", 0, 2, 2, 10, 10}));
  EXPECT_EQ(icons.hashes.at("assets/icons/a.png"), find(result, "assets/icons/a.png")->hash);
}

TEST_F(AssetSheetsTest, ReadOnlyRunsStoreNoLayout) {
  image("a", 10, 10);
  auto result = process(false);
  EXPECT_EQ(result.assets.size(), 2u);
  EXPECT_FALSE(std::filesystem::exists(cache_dir()));
}

TEST_F(AssetSheetsTest, AnUnchangedLayoutLeavesTheLayoutFileAlone) {
  image("a", 10, 10);
  process();
  auto stamp = std::filesystem::last_write_time(sheet_layouts_path(cache_dir()));
  std::filesystem::last_write_time(sheet_layouts_path(cache_dir()), stamp - std::chrono::hours(1));
  process();
  EXPECT_EQ(std::filesystem::last_write_time(sheet_layouts_path(cache_dir())), stamp - std::chrono::hours(1));
}

TEST_F(AssetSheetsTest, SecondRunServesTheSheetFromTheCache) {
  image("a", 10, 10);
  image("b", 14, 9);
  auto first = process();
  auto second = process();
  const ProcessedAsset* sheet = find(second, "icons#sheet1");
  ASSERT_NE(sheet, nullptr);
  EXPECT_TRUE(sheet->cache_hit);
  EXPECT_EQ(sheet->output, find(first, "icons#sheet1")->output);
  EXPECT_EQ(sheet->hash, find(first, "icons#sheet1")->hash);
  EXPECT_EQ(sheet->width, find(first, "icons#sheet1")->width);
  EXPECT_EQ(second.cache_hits, 3u);
  EXPECT_EQ(sprite_placements(second), sprite_placements(first));
}

TEST_F(AssetSheetsTest, ChangingThePaddingChangesHashesAndRepacks) {
  image("a", 10, 10);
  auto first = process();
  m_settings.padding = 5;
  auto second = process();
  EXPECT_NE(find(second, "assets/icons/a.png")->hash, find(first, "assets/icons/a.png")->hash);
  EXPECT_EQ(find(second, "assets/icons/a.png")->sprite, (SpriteRect{0, 5, 5, 10, 10}));
}

TEST_F(AssetSheetsTest, GroupsWithoutPackAreLeftAlone) {
  m_settings.pack = false;
  image("a", 10, 10);
  auto result = process();
  ASSERT_EQ(result.assets.size(), 1u);
  EXPECT_TRUE(result.assets[0].uploadable());
  EXPECT_FALSE(std::filesystem::exists(sheet_layouts_path(cache_dir())));
}

TEST_F(AssetSheetsTest, ThePlannerGivesTheProcessorsPlacementsWithoutACache) {
  const int sizes[][2] = {{30, 20}, {24, 24}, {16, 40}, {50, 12}};
  for (int i = 0; i < 4; ++i) image("icon" + std::to_string(i), sizes[i][0], sizes[i][1]);
  auto planned = plan();
  EXPECT_FALSE(std::filesystem::exists(cache_dir()));  // planning writes nothing
  EXPECT_EQ(planned, sprite_placements(process()));
}

TEST_F(AssetSheetsTest, ThePlannerFollowsTheStoredLayoutAfterAnImageIsAdded) {
  for (int i = 0; i < 5; ++i) image("icon" + std::to_string(i), 10 + 7 * i, 30 - 4 * i);
  process();
  image("tall", 20, 60);  // not in the stored layout nor the cache: the planner processes it in memory
  auto planned = plan();
  EXPECT_EQ(planned, sprite_placements(process()));
  EXPECT_EQ(planned.size(), 6u);
}

TEST_F(AssetSheetsTest, ThePlannerUsesCachedSizesWhenTheLayoutIsGone) {
  m_settings.max_size = 16;
  image("a", 40, 20);
  image("b", 12, 12);
  auto processed = process();
  std::filesystem::remove(sheet_layouts_path(cache_dir()));
  EXPECT_EQ(plan(), sprite_placements(processed));
  EXPECT_EQ(plan().at("assets/icons/a.png").rect.size_x, 16);
  EXPECT_EQ(plan().at("assets/icons/a.png").rect.size_y, 8);
}

TEST_F(AssetSheetsTest, ThePlannerReadsOnlyPackedImages) {
  image("a", 10, 10);
  m_temp.write("assets/icons/notes.txt", "text");
  m_temp.write("assets/other/x.png", png_of(gradient(4, 4)));
  std::vector<std::string> read;
  std::mutex mutex;
  auto inputs = collect_asset_inputs(m_temp.path(), {AssetGroup{"icons", "assets/icons/*", m_settings},
                                                     AssetGroup{"other", "assets/other/*.png", {}}});
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 3u);
  auto planned = plan_sprite_placements(*inputs, options(false), [&](const std::filesystem::path& path) {
    std::lock_guard lock(mutex);
    read.push_back(path.filename().string());
    return base::read_file(path);
  });
  EXPECT_EQ(read, std::vector<std::string>{"a.png"});
  EXPECT_EQ(planned.size(), 1u);
}

TEST(SheetInputName, CountsFromOne) {
  EXPECT_EQ(sheet_input_name("icons", 0), "icons#sheet1");
  EXPECT_EQ(sheet_input_name("ui", 11), "ui#sheet12");
}

TEST(SheetLayouts, RoundTripThroughTheirText) {
  StoredSheetLayouts layouts;
  layouts["icons"].layout = SpriteLayout{512, 1, {SpriteSlice{"assets/icons/a.png", 1, 3, 4, 5, 6}}};
  layouts["icons"].hashes["assets/icons/a.png"] = "ab12";
  auto decoded = decode_sheet_layouts(encode_sheet_layouts(layouts));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, layouts);
}

TEST(SheetLayouts, AnythingUnexpectedCountsAsNoLayout) {
  EXPECT_FALSE(decode_sheet_layouts("").has_value());
  EXPECT_FALSE(decode_sheet_layouts("{\"version\": 2, \"groups\": {}}").has_value());
  EXPECT_FALSE(decode_sheet_layouts("{\"version\": 1, \"groups\": {\"a\": {\"sheet_size\": 64}}}").has_value());
  EXPECT_FALSE(decode_sheet_layouts("{\"version\": 1, \"groups\": {\"a\": {\"sheet_size\": 64, \"padding\": 2, "
                                    "\"slices\": [{\"input\": \"x\", \"hash\": \"\", \"sheet\": -1, \"x\": 0, "
                                    "\"y\": 0, \"width\": 1, \"height\": 1}]}}}")
                   .has_value());
  EXPECT_TRUE(decode_sheet_layouts("{\"version\": 1, \"groups\": {}}").has_value());
}

}  // namespace
}  // namespace rbxpipe::assets
