#include <gtest/gtest.h>

#include <string>

#include "rbx/types/attributes.h"

namespace rbxpipe::rbx::types {
namespace {

using namespace std::string_literals;

TEST(Tags, SplitsOnNulBytes) {
  EXPECT_EQ(decode_tags("Lava\0Hazard\0Glowing"s).names, (std::vector<std::string>{"Lava", "Hazard", "Glowing"}));
}

TEST(Tags, EmptyBlobMeansNoTags) { EXPECT_TRUE(decode_tags("").names.empty()); }

TEST(Tags, SingleTagHasNoSeparator) {
  EXPECT_EQ(decode_tags("Lava").names, (std::vector<std::string>{"Lava"}));
  EXPECT_EQ(encode_tags(Tags{{"Lava"}}), "Lava");
}

TEST(Tags, EmptySegmentsAreDropped) {
  EXPECT_EQ(decode_tags("a\0\0b"s).names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(decode_tags("\0a\0"s).names, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(decode_tags("\0\0"s).names.empty());
}

TEST(Tags, EncodeJoinsWithNulAndNoTrailingNul) {
  EXPECT_EQ(encode_tags(Tags{{"Lava", "Hazard"}}), "Lava\0Hazard"s);
  EXPECT_EQ(encode_tags(Tags{}), "");
}

TEST(Tags, EncodeLeavesOutEmptyNames) { EXPECT_EQ(encode_tags(Tags{{"", "a", "", "b", ""}}), "a\0b"s); }

TEST(Tags, RoundTrips) {
  const Tags tags{{"One", "two words", "\xC3\xA9t\xC3\xA9"}};
  EXPECT_EQ(decode_tags(encode_tags(tags)), tags);
}

// Distinct colours per material so a shifted or reordered triple shows up.
MaterialColors sample_colors() {
  MaterialColors colors;
  for (std::size_t i = 0; i < colors.colors.size(); ++i) {
    const auto n = static_cast<std::uint8_t>(i);
    colors.colors[i] = {static_cast<std::uint8_t>(n * 3 + 1), static_cast<std::uint8_t>(n * 3 + 2),
                        static_cast<std::uint8_t>(n * 3 + 3)};
  }
  return colors;
}

TEST(MaterialColors, EncodesTwoReservedZeroTriplesThenTheMaterials) {
  const std::string blob = encode_material_colors(sample_colors());
  ASSERT_EQ(blob.size(), 69u);
  EXPECT_EQ(blob.substr(0, 6), std::string(6, '\0'));
  for (std::size_t i = 6; i < blob.size(); ++i) EXPECT_EQ(static_cast<unsigned char>(blob[i]), i - 5) << i;
}

TEST(MaterialColors, RoundTrips) {
  auto decoded = decode_material_colors(encode_material_colors(sample_colors()));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, sample_colors());
}

TEST(MaterialColors, GrassIsTheFirstMaterialAndPavementTheLast) {
  std::string blob(69, '\0');
  blob[6] = 'G';
  blob[66] = 'P';
  auto decoded = decode_material_colors(blob);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->colors.front().r, 'G');
  EXPECT_EQ(decoded->colors.back().r, 'P');
}

TEST(MaterialColors, ReservedTriplesAreIgnoredOnRead) {
  std::string blob = encode_material_colors(sample_colors());
  for (std::size_t i = 0; i < 6; ++i) blob[i] = '\x7F';
  auto decoded = decode_material_colors(blob);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, sample_colors());
}

TEST(MaterialColors, OtherSizesAreInvalidInput) {
  for (const std::size_t size : {0u, 63u, 68u, 70u, 138u}) {
    auto decoded = decode_material_colors(std::string(size, '\0'));
    ASSERT_FALSE(decoded.ok()) << size;
    EXPECT_EQ(decoded.error().code(), base::ErrorCode::invalid_input);
  }
  EXPECT_EQ(decode_material_colors("abc").error().to_string(), "MaterialColors must be 69 bytes, got 3");
}

}  // namespace
}  // namespace rbxpipe::rbx::types
