#include "rbx/types/attributes.h"
#include "tests/unit/rbx/types/test_bytes.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "base/base64.h"

namespace rbxpipe::rbx::types {
namespace {

using testing::bytes;

// Attributes from (name, value) pairs in the given order.
Attributes attributes_of(std::initializer_list<AttributeEntry> entries) { return Attributes{entries}; }

// The encoded blob of one attribute, failing the test when encoding fails.
std::string encoded_one(const std::string& name, Variant value) {
  auto blob = encode_attributes(attributes_of({{name, std::move(value)}}));
  EXPECT_TRUE(blob.ok()) << (blob.ok() ? "" : blob.error().to_string());
  return blob.ok() ? *blob : std::string{};
}

// The value bytes of a single-attribute blob named "A": after count (4), name (4 + 1) and the type id (1).
std::string value_bytes(const std::string& blob) { return blob.substr(10); }

// The error text of a decode that must fail with invalid_input.
std::string decode_error(std::string_view blob) {
  auto decoded = decode_attributes(blob);
  EXPECT_FALSE(decoded.ok());
  if (decoded.ok()) return "(decoded)";
  EXPECT_EQ(decoded.error().code(), base::ErrorCode::invalid_input);
  return decoded.error().to_string();
}

constexpr std::string_view k_worked_example =
    "AwAAAAQAAABCb29sAwEGAAAATnVtYmVyBgAAAAAAAOA/BgAAAFN0cmluZwIEAAAAVGVzdA==";

TEST(Attributes, WorkedExampleEncodesByteExact) {
  // Given out of order: the encoder sorts.
  auto blob = encode_attributes(attributes_of({{"String", std::string("Test")}, {"Number", 0.5}, {"Bool", true}}));
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(base::base64_encode(*blob), k_worked_example);
  const std::string expected =
      bytes({3, 0, 0, 0, 4, 0, 0, 0}) + "Bool" + bytes({0x03, 0x01, 6, 0, 0, 0}) + "Number" +
      bytes({0x06, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 6, 0, 0, 0}) + "String" + bytes({0x02, 4, 0, 0, 0}) + "Test";
  EXPECT_EQ(*blob, expected);
}

TEST(Attributes, WorkedExampleDecodes) {
  auto blob = base::base64_decode(k_worked_example);
  ASSERT_TRUE(blob.ok());
  auto decoded = decode_attributes(*blob);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(*decoded, attributes_of({{"Bool", true}, {"Number", 0.5}, {"String", std::string("Test")}}));
  EXPECT_EQ(type_of(decoded->entries[1].value), VariantType::Float64);
}

TEST(Attributes, EveryAttributeTypeRoundTripsWithItsTypeId) {
  CFrame rotated;
  rotated.position = {1, 2, 3};
  rotated.rotation = {0.5f, 0.25f, 0, 0, 1, 0, -0.25f, 0, 0.5f};
  const std::vector<std::pair<Variant, int>> cases = {
      {std::string("hi\0there", 8), 0x02},
      {true, 0x03},
      {false, 0x03},
      {std::int32_t{-123456}, 0x04},
      {1.5f, 0x05},
      {-2.25, 0x06},
      {UDim{0.5f, -7}, 0x09},
      {UDim2{{0.25f, 3}, {0.75f, -4}}, 0x0A},
      {BrickColor{1004}, 0x0E},
      {Color3{0.1f, 0.2f, 0.3f}, 0x0F},
      {Vector2{-1, 2}, 0x10},
      {Vector3{1, -2, 3.5f}, 0x11},
      {CFrame{}, 0x14},
      {rotated, 0x14},
      {EnumItem{"Material", 256}, 0x15},
      {NumberSequence{{{0, 1, 0}, {0.5f, 2, 0.1f}, {1, 3, 0}}}, 0x17},
      {NumberSequence{}, 0x17},
      {ColorSequence{{{0, {1, 0, 0}, 0}, {1, {0, 0, 1}, 0}}}, 0x19},
      {NumberRange{-1, 4}, 0x1B},
      {Rect{{1, 2}, {3, 4}}, 0x1C},
      {Font{"rbxasset://fonts/families/Arial.json", 700, 1, "rbxasset://fonts/Arial-Bold.ttf"}, 0x21},
      {Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 0, ""}, 0x21},
  };
  for (const auto& [value, type_id] : cases) {
    SCOPED_TRACE(std::string(variant_type_name(type_of(value))));
    const std::string blob = encoded_one("A", value);
    ASSERT_GT(blob.size(), 9u);
    EXPECT_EQ(static_cast<unsigned char>(blob[9]), type_id);
    auto decoded = decode_attributes(blob);
    ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
    ASSERT_EQ(decoded->entries.size(), 1u);
    EXPECT_EQ(decoded->entries[0].name, "A");
    EXPECT_EQ(decoded->entries[0].value, value);
  }
}

TEST(Attributes, ValueLayoutsMatchTheFormatDocumentExamples) {
  EXPECT_EQ(value_bytes(encoded_one("A", UDim{123, 456})), bytes({0x00, 0x00, 0xf6, 0x42, 0xc8, 0x01, 0x00, 0x00}));
  EXPECT_EQ(value_bytes(encoded_one("A", UDim2{{1, 2}, {3, 4}})),
            bytes({0, 0, 0x80, 0x3f, 2, 0, 0, 0, 0, 0, 0x40, 0x40, 4, 0, 0, 0}));
  EXPECT_EQ(value_bytes(encoded_one("A", Color3{0, 0.4f, 1})),
            bytes({0, 0, 0, 0, 0xcd, 0xcc, 0xcc, 0x3e, 0, 0, 0x80, 0x3f}));
  EXPECT_EQ(value_bytes(encoded_one("A", Vector2{10, 20})), bytes({0, 0, 0x20, 0x41, 0, 0, 0xa0, 0x41}));
  EXPECT_EQ(value_bytes(encoded_one("A", Vector3{10, 20, 30})),
            bytes({0, 0, 0x20, 0x41, 0, 0, 0xa0, 0x41, 0, 0, 0xf0, 0x41}));
  EXPECT_EQ(value_bytes(encoded_one("A", NumberRange{5, 10})), bytes({0, 0, 0xa0, 0x40, 0, 0, 0x20, 0x41}));
  EXPECT_EQ(value_bytes(encoded_one("A", Rect{{10, 20}, {30, 40}})),
            bytes({0, 0, 0x20, 0x41, 0, 0, 0xa0, 0x41, 0, 0, 0xf0, 0x41, 0, 0, 0x20, 0x42}));
  // Keypoints as (time, value, envelope); stored envelope first.
  EXPECT_EQ(value_bytes(encoded_one("A", NumberSequence{{{0, 0, 0}, {0.5f, 1, 0}, {1, 1, 0.5f}}})),
            bytes({3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0, 0, 0x80, 0x3f,
                   0, 0, 0, 0x3f, 0, 0, 0x80, 0x3f, 0, 0, 0x80, 0x3f}));
  EXPECT_EQ(value_bytes(encoded_one("A", ColorSequence{{{0, {1, 0, 0}, 0}, {0.5f, {0, 1, 0}, 0}, {1, {0, 0, 1}, 0}}})),
            bytes({3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0,
                   0, 0, 0, 0, 0, 0, 0, 0x3f, 0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0,
                   0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x3f}));
}

TEST(Attributes, EnumItemAndFontLayoutsPutLengthsBeforeBytes) {
  EXPECT_EQ(value_bytes(encoded_one("A", EnumItem{"Material", 0x0110})),
            bytes({8, 0, 0, 0}) + "Material" + bytes({0x10, 0x01, 0, 0}));
  EXPECT_EQ(value_bytes(encoded_one("A", Font{"fam", 0x02BC, 1, "id"})),
            bytes({0xBC, 0x02, 0x01, 3, 0, 0, 0}) + "fam" + bytes({2, 0, 0, 0}) + "id");
}

TEST(Attributes, AxisAlignedCFrameUsesRotationIdAndOthersTheFullMatrix) {
  CFrame identity;
  identity.position = {1, 0, 0};
  EXPECT_EQ(value_bytes(encoded_one("A", identity)), bytes({0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}));
  CFrame skewed;
  skewed.rotation = {0.5f, 0, 0, 0, 1, 0, 0, 0, 1};
  const std::string full = value_bytes(encoded_one("A", skewed));
  ASSERT_EQ(full.size(), 12u + 1u + 36u);
  EXPECT_EQ(full[12], 0);
  EXPECT_EQ(full.substr(13, 4), bytes({0, 0, 0, 0x3f}));
}

TEST(Attributes, DecodeRejectsAnInvalidCFrameRotationId) {
  const std::string blob =
      bytes({1, 0, 0, 0, 1, 0, 0, 0}) + "C" + bytes({0x14}) + std::string(12, '\0') + bytes({0x01});
  EXPECT_EQ(decode_error(blob), "attribute 'C': invalid CFrame rotation id 0x01 at offset 22");
}

TEST(Attributes, EncodingSortsByNameInByteOrder) {
  auto blob = encode_attributes(attributes_of({{"b", true}, {"\xC3\xA9", true}, {"a", true}, {"B", true}, {"", true}}));
  ASSERT_TRUE(blob.ok());
  const std::string expected = bytes({5, 0, 0, 0}) + bytes({0, 0, 0, 0, 3, 1}) + bytes({1, 0, 0, 0}) + "B" +
                               bytes({3, 1, 1, 0, 0, 0}) + "a" + bytes({3, 1, 1, 0, 0, 0}) + "b" +
                               bytes({3, 1, 2, 0, 0, 0}) + "\xC3\xA9" + bytes({3, 1});
  EXPECT_EQ(*blob, expected);
}

TEST(Attributes, EncodingIsIndependentOfInputOrder) {
  auto forward = encode_attributes(attributes_of({{"x", 1.0}, {"y", std::string("s")}, {"z", Vector3{1, 2, 3}}}));
  auto backward = encode_attributes(attributes_of({{"z", Vector3{1, 2, 3}}, {"y", std::string("s")}, {"x", 1.0}}));
  ASSERT_TRUE(forward.ok() && backward.ok());
  EXPECT_EQ(*forward, *backward);
}

TEST(Attributes, EncodingRejectsDuplicateNames) {
  auto blob = encode_attributes(attributes_of({{"Speed", 1.0}, {"Speed", 2.0}}));
  ASSERT_FALSE(blob.ok());
  EXPECT_EQ(blob.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(blob.error().to_string(), "attribute name 'Speed' appears twice");
}

TEST(Attributes, EncodingRejectsTypesAttributesCannotHold) {
  const std::vector<Variant> unsupported = {std::int64_t{1}, BinaryString{"x"}, Ref{}, Faces{}, Enum{3},
                                            Tags{}, Vector3int16{}, OptionalCFrame{}, PhysicalProperties{}};
  for (const Variant& value : unsupported) {
    auto blob = encode_attributes(attributes_of({{"Bad", value}}));
    ASSERT_FALSE(blob.ok());
    EXPECT_EQ(blob.error().code(), base::ErrorCode::invalid_input);
    EXPECT_EQ(blob.error().to_string(),
              "attribute 'Bad': an attribute cannot hold a " + std::string(variant_type_name(type_of(value))) +
                  " value");
  }
}

TEST(Attributes, DecodingSortsAndKeepsTheLastOfRepeatedNames) {
  const std::string blob = bytes({3, 0, 0, 0}) + bytes({1, 0, 0, 0}) + "b" + bytes({3, 1}) + bytes({1, 0, 0, 0}) +
                           "a" + bytes({3, 0}) + bytes({1, 0, 0, 0}) + "b" + bytes({3, 0});
  auto decoded = decode_attributes(blob);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, attributes_of({{"a", false}, {"b", false}}));
}

TEST(Attributes, EmptyBlobAndZeroCountMeanNoAttributes) {
  auto empty = decode_attributes("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->entries.empty());
  auto zero = decode_attributes(bytes({0, 0, 0, 0}));
  ASSERT_TRUE(zero.ok());
  EXPECT_TRUE(zero->entries.empty());
  EXPECT_EQ(*encode_attributes(Attributes{}), bytes({0, 0, 0, 0}));
}

TEST(Attributes, NonZeroBoolByteDecodesAsTrue) {
  auto decoded = decode_attributes(bytes({1, 0, 0, 0, 1, 0, 0, 0}) + "F" + bytes({0x03, 0x7F}));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->entries[0].value, Variant(true));
}

}  // namespace
}  // namespace rbxpipe::rbx::types
