#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <string>

#include "rbx/types/attributes.h"
#include "tests/unit/rbx/types/test_bytes.h"

namespace rbxpipe::rbx::types {
namespace {

using testing::bytes;

// The error text of a decode that must fail with invalid_input.
std::string decode_error(std::string_view blob) {
  auto decoded = decode_attributes(blob);
  EXPECT_FALSE(decoded.ok());
  if (decoded.ok()) return "(decoded)";
  EXPECT_EQ(decoded.error().code(), base::ErrorCode::invalid_input);
  return decoded.error().to_string();
}

// One attribute of every type, so that truncation cuts through every value layout.
std::string blob_with_every_type() {
  CFrame full;
  full.rotation = {0.5f, 0, 0, 0, 1, 0, 0, 0, 1};
  CFrame compact;
  compact.position = {1, 2, 3};
  Attributes attributes{{
      {"a_string", std::string("text")},
      {"b_bool", true},
      {"c_int", std::int32_t{7}},
      {"d_float", 1.5f},
      {"e_double", 2.5},
      {"f_udim", UDim{1, 2}},
      {"g_udim2", UDim2{{1, 2}, {3, 4}}},
      {"h_brick", BrickColor{21}},
      {"i_color", Color3{1, 0.5f, 0}},
      {"j_vector2", Vector2{1, 2}},
      {"k_vector3", Vector3{1, 2, 3}},
      {"l_cframe_full", full},
      {"m_cframe_compact", compact},
      {"n_enum", EnumItem{"Material", 256}},
      {"o_numbers", NumberSequence{{{0, 1, 0}, {1, 2, 0}}}},
      {"p_colors", ColorSequence{{{0, {1, 0, 0}, 0}, {1, {0, 1, 0}, 0}}}},
      {"q_range", NumberRange{1, 2}},
      {"r_rect", Rect{{1, 2}, {3, 4}}},
      {"s_font", Font{"family", 700, 1, "face"}},
  }};
  auto blob = encode_attributes(attributes);
  EXPECT_TRUE(blob.ok());
  return blob.ok() ? *blob : std::string{};
}

TEST(AttributesHostile, EveryTruncatedPrefixFailsCleanly) {
  const std::string blob = blob_with_every_type();
  ASSERT_TRUE(decode_attributes(blob).ok());
  // Length 0 is the legitimate "no attributes" blob; every other cut must be reported, never read past.
  for (std::size_t size = 1; size < blob.size(); ++size) {
    auto decoded = decode_attributes(std::string_view(blob).substr(0, size));
    ASSERT_FALSE(decoded.ok()) << "prefix of " << size << " bytes decoded";
    EXPECT_EQ(decoded.error().code(), base::ErrorCode::invalid_input);
  }
}

TEST(AttributesHostile, TrailingBytesAfterTheLastAttributeFail) {
  EXPECT_EQ(decode_error(blob_with_every_type() + bytes({0})),
            "attributes: 1 unexpected bytes after the last attribute");
}

TEST(AttributesHostile, HugeAttributeCountFailsBeforeAllocating) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(decode_error(bytes({0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6})),
            "attributes: count 4294967295 at offset 0 needs at least 6 bytes each, but only 6 are left");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(AttributesHostile, HugeNameLengthFails) {
  EXPECT_EQ(decode_error(bytes({1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 3, 1})),
            "attributes: truncated: need 4294967295 bytes at offset 8, 2 left");
}

TEST(AttributesHostile, HugeKeypointCountFails) {
  const std::string blob = bytes({1, 0, 0, 0, 1, 0, 0, 0}) + "N" + bytes({0x17, 0xFF, 0xFF, 0xFF, 0x7F}) +
                           std::string(12, '\0');
  EXPECT_EQ(decode_error(blob),
            "attribute 'N': count 2147483647 at offset 10 needs at least 12 bytes each, but only 12 are left");
}

TEST(AttributesHostile, HugeStringValueLengthFails) {
  const std::string blob = bytes({1, 0, 0, 0, 1, 0, 0, 0}) + "S" + bytes({0x02, 0xFE, 0xFF, 0xFF, 0xFF, 'x'});
  EXPECT_EQ(decode_error(blob), "attribute 'S': truncated: need 4294967294 bytes at offset 14, 1 left");
}

TEST(AttributesHostile, UnknownTypeIdNamesTheIdAndTheAttribute) {
  const std::string blob = bytes({1, 0, 0, 0, 5, 0, 0, 0}) + "Speed" + bytes({0x07, 0, 0, 0, 0});
  EXPECT_EQ(decode_error(blob), "attribute 'Speed' has unknown type id 0x07 at offset 13");
}

TEST(AttributesHostile, BinaryNamesAreEscapedInMessages) {
  const std::string blob = bytes({1, 0, 0, 0, 3, 0, 0, 0, 'a', 0x1B, 0xFF, 0x42});
  EXPECT_EQ(decode_error(blob), "attribute 'a\\x1B\\xFF' has unknown type id 0x42 at offset 11");
}

TEST(AttributesHostile, ShortBlobsFailWithoutReadingPastTheEnd) {
  for (const std::string& blob : {bytes({1}), bytes({1, 0, 0}), bytes({1, 0, 0, 0, 0})}) {
    decode_error(blob);
  }
}

}  // namespace
}  // namespace rbxpipe::rbx::types
