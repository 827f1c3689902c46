#include <gtest/gtest.h>

#include "assets/asset_cache.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::assets {
namespace {

const std::string k_hash = "3fa9c1d2e4b5000000000000000000000000000000000000000000000000beef";

TEST(AssetCache, MissingEntryIsAMiss) {
  rbxpipe::testing::TempDir temp;
  AssetCache cache(temp.path());
  EXPECT_FALSE(cache.load(k_hash).has_value());
}

TEST(AssetCache, StoredEntryLoadsBack) {
  rbxpipe::testing::TempDir temp;
  AssetCache cache(temp / "assets");
  ASSERT_TRUE(cache.store(k_hash, {std::string("bytes\0here", 10), "{\"kind\":\"Audio\"}"}).ok());
  auto loaded = cache.load(k_hash);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->bytes, std::string("bytes\0here", 10));
  EXPECT_EQ(loaded->metadata, "{\"kind\":\"Audio\"}");
  EXPECT_TRUE(std::filesystem::exists(temp / ("assets/3f/" + k_hash + ".bin")));
}

TEST(AssetCache, EntryWithoutMetadataIsAMiss) {
  rbxpipe::testing::TempDir temp;
  AssetCache cache(temp.path());
  temp.write("3f/" + k_hash + ".bin", "half written");
  EXPECT_FALSE(cache.load(k_hash).has_value());
}

TEST(AssetCache, KeysThatAreNotHexAreRefused) {
  rbxpipe::testing::TempDir temp;
  AssetCache cache(temp.path());
  EXPECT_FALSE(cache.store("../../etc", {"x", "{}"}).ok());
  EXPECT_FALSE(cache.load("../../etc").has_value());
}

TEST(AssetCache, ProjectCacheLivesUnderDotRbxpipe) {
  EXPECT_EQ(AssetCache::project_dir("/p"), std::filesystem::path("/p/.rbxpipe/assets"));
}

}  // namespace
}  // namespace rbxpipe::assets
