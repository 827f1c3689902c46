#include <gtest/gtest.h>

#include "assets/asset_hash.h"

namespace rbxpipe::assets {
namespace {

TEST(AssetHash, CanonicalSettingsListEveryFieldInAFixedOrder) {
  EXPECT_EQ(canonical_settings({}), "rbxpipe-assets/1;max_size=1024;bleed=1;pack=0;update_in_place=0");
  EXPECT_EQ(canonical_settings({.max_size = 512, .bleed = false, .pack = true, .update_in_place = true}),
            "rbxpipe-assets/1;max_size=512;bleed=0;pack=1;update_in_place=1;sheet_size=1024;padding=2");
}

TEST(AssetHash, SheetSettingsShapeOnlyPackedInputs) {
  EXPECT_EQ(content_hash("abc", {.sheet_size = 512, .padding = 0}), content_hash("abc", {}));
  EXPECT_NE(content_hash("abc", {.pack = true, .sheet_size = 512}), content_hash("abc", {.pack = true}));
  EXPECT_NE(content_hash("abc", {.pack = true, .padding = 4}), content_hash("abc", {.pack = true}));
}

TEST(AssetHash, SameBytesAndSettingsGiveTheSameHash) {
  EXPECT_EQ(content_hash("abc", {}), content_hash(std::string("abc"), ProcessingSettings{}));
  EXPECT_EQ(content_hash("abc", {}).size(), 64u);
}

TEST(AssetHash, EverySettingChangesTheHash) {
  auto base_hash = content_hash("abc", {});
  EXPECT_NE(content_hash("abc", {.max_size = 512}), base_hash);
  EXPECT_NE(content_hash("abc", {.bleed = false}), base_hash);
  EXPECT_NE(content_hash("abc", {.pack = true}), base_hash);
  EXPECT_NE(content_hash("abc", {.update_in_place = true}), base_hash);
  EXPECT_NE(content_hash("abd", {}), base_hash);
}

}  // namespace
}  // namespace rbxpipe::assets
