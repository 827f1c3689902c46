// Every value type through write + read, compressions, determinism and the writer's column rules.
#include <gtest/gtest.h>

#include <map>

#include "binary_test_support.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::binary {
namespace {

using testing::read_ok;
using testing::top_level;
using testing::write_all;
using types::Variant;

// One value of every type the binary format holds natively, keyed by a property name.
std::map<std::string, Variant> sample_values(dom::InstanceId target) {
  using namespace types;  // NOLINT(google-build-using-namespace)
  CFrame rotated;
  rotated.position = {1, -2, 3.5F};
  rotated.rotation = {0, 0, 1, 0, 1, 0, -1, 0, 0};  // 90 degrees about Y: axis-aligned, written by id
  CFrame skewed;
  skewed.position = {-0.15625F, 0, 1e30F};
  skewed.rotation = {0.6F, 0.8F, 0, -0.8F, 0.6F, 0, 0, 0, 1};  // not axis-aligned: written as 9 floats
  PhysicalProperties custom{true, 0.7F, 0.3F, 0.5F, 1, 1, std::nullopt};
  PhysicalProperties acoustic{true, 1, 2, 3, 4, 5, 0.25F};
  return {
      {"String", std::string("hello\0world", 11)},
      {"Bool", true},
      {"Int32", std::int32_t{-123456}},
      {"Float32", -0.15625F},
      {"Float64", 1.0 / 3.0},
      {"UDim", UDim{0.5F, -10}},
      {"UDim2", UDim2{{0.25F, 4}, {-1, 7}}},
      {"Ray", Ray{{1, 2, 3}, {0, -1, 0}}},
      {"Faces", Faces{0b101101}},
      {"Axes", Axes{0b101}},
      {"BrickColor", BrickColor{1004}},
      {"Color3", Color3{0.1F, 0.2F, 0.3F}},
      {"Vector2", Vector2{-3, 4}},
      {"Vector3", Vector3{1, 2, 3}},
      {"CFrameRotated", rotated},
      {"CFrameSkewed", skewed},
      {"Enum", Enum{288}},
      {"Ref", Ref{target}},
      {"RefNull", Ref{}},
      {"Vector3int16", Vector3int16{-32768, 0, 32767}},
      {"NumberSequence", NumberSequence{{{0, 1, 0}, {0.5F, 2, 0.1F}, {1, 3, 0}}}},
      {"ColorSequence", ColorSequence{{{0, {1, 0, 0}, 0}, {1, {0, 0, 1}, 0}}}},
      {"NumberRange", NumberRange{-1, 5}},
      {"Rect", Rect{{1, 2}, {3, 4}}},
      {"PhysicalDefault", PhysicalProperties{}},
      {"PhysicalCustom", custom},
      {"PhysicalAcoustic", acoustic},
      {"Color3uint8", Color3uint8{1, 128, 255}},
      {"Int64", std::int64_t{-(std::int64_t{1} << 50)}},
      {"SharedString", SharedString{"shared bytes"}},
      {"SharedEmpty", SharedString{}},
      {"Bytecode", Bytecode{std::string("\x1b\x00LuaQ", 6)}},
      {"OptionalSome", OptionalCFrame{rotated}},
      {"OptionalNone", OptionalCFrame{}},
      {"UniqueId", UniqueId{7, 123456789, -0x123456789ABCDEF}},
      {"Font", Font{"rbxasset://fonts/families/SourceSansPro.json", 700, 1, "rbxasset://face"}},
      {"SecurityCapabilities", SecurityCapabilities{0x8000000000000001ULL}},
      {"ContentNone", Content{}},
      {"ContentUri", Content{Content::Kind::uri, "rbxassetid://1", k_null_instance}},
      {"ContentObject", Content{Content::Kind::object, {}, target}},
  };
}

TEST(BinaryValues, EveryTypeRoundTrips) {
  for (Compression compression : {Compression::lz4, Compression::zstd, Compression::none}) {
    dom::Dom dom;
    auto holder = dom.insert(dom.root(), "TestHolder", "Holder");
    auto target = dom.insert(holder, "TestPart", "Target");
    for (auto& [name, value] : sample_values(target)) dom.set_property(holder, name, value);
    dom::Dom back = read_ok(write_all(dom, compression));
    ASSERT_EQ(top_level(back).size(), 1u);
    EXPECT_EQ(dom::first_difference(dom, dom.root(), back, back.root()), "");
    const auto& read_properties = back.get(top_level(back)[0]).properties;
    EXPECT_EQ(read_properties.size(), sample_values(target).size());
  }
}

TEST(BinaryValues, StringLikeTypesTravelAsStrings) {
  dom::Dom dom;
  auto holder = dom.insert(dom.root(), "TestHolder", "Holder");
  dom.set_property(holder, "Binary", types::BinaryString{"\x01\x02"});
  dom.set_property(holder, "Source", types::ProtectedString{"print(1)\n"});
  dom.set_property(holder, "Asset", types::ContentId{"rbxassetid://5"});
  dom.set_property(holder, "Tags", types::Tags{{"a", "b"}});
  dom::Dom back = read_ok(write_all(dom));
  const auto& properties = back.get(top_level(back)[0]).properties;
  // The reflection layer decides the richer types; the binary layer sees String 0x01.
  EXPECT_EQ(std::get<std::string>(properties.at("Binary")), "\x01\x02");
  EXPECT_EQ(std::get<std::string>(properties.at("Source")), "print(1)\n");
  EXPECT_EQ(std::get<std::string>(properties.at("Asset")), "rbxassetid://5");
  EXPECT_EQ(std::get<std::string>(properties.at("Tags")), std::string("a\0b", 3));
}

TEST(BinaryValues, TypesTheFormatCannotHoldAreRefused) {
  dom::Dom dom;
  auto holder = dom.insert(dom.root(), "TestHolder", "Holder");
  dom.set_property(holder, "Pair", types::Vector2int16{1, 2});
  auto bytes = write(dom, top_level(dom), testing::plain_write());
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code(), base::ErrorCode::unsupported);
  EXPECT_NE(bytes.error().message().find("TestHolder.Pair"), std::string::npos);
}

TEST(BinaryValues, WritingIsDeterministicAndStable) {
  dom::Dom dom;
  auto holder = dom.insert(dom.root(), "TestModel", "Holder");
  auto target = dom.insert(holder, "TestPart", "Target");
  dom.insert(dom.root(), "TestHolder", "Second");
  for (auto& [name, value] : sample_values(target)) dom.set_property(holder, name, value);
  for (Compression compression : {Compression::lz4, Compression::zstd, Compression::none}) {
    std::string first = write_all(dom, compression);
    EXPECT_EQ(write_all(dom, compression), first);
    EXPECT_EQ(write_all(read_ok(first), compression), first);
  }
}

TEST(BinaryValues, MissingPropertiesGetDefaultsAndMixedTypesUseTheMostCommon) {
  dom::Dom dom;
  auto a = dom.insert(dom.root(), "TestPart", "A");
  auto b = dom.insert(dom.root(), "TestPart", "B");
  auto c = dom.insert(dom.root(), "TestPart", "C");
  dom.set_property(a, "Size", types::Vector3{1, 2, 3});
  dom.set_property(a, "Count", std::int32_t{4});
  dom.set_property(b, "Count", std::int32_t{5});
  dom.set_property(c, "Count", 6.5);  // no exact Int32 for 6.5: falls back to the default
  dom.set_property(b, "Weight", 2.0F);
  dom.set_property(c, "Weight", 3.0);  // converted to Float32
  dom::Dom back = read_ok(write_all(dom));
  auto parts = top_level(back);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(back.get(parts[1]).properties.at("Size"), Variant(types::Vector3{}));
  EXPECT_EQ(back.get(parts[0]).properties.at("Count"), Variant(std::int32_t{4}));
  EXPECT_EQ(back.get(parts[2]).properties.at("Count"), Variant(std::int32_t{0}));
  EXPECT_EQ(back.get(parts[0]).properties.at("Weight"), Variant(0.0F));
  EXPECT_EQ(back.get(parts[2]).properties.at("Weight"), Variant(3.0F));
}

TEST(BinaryValues, RefsOutsideTheWrittenSubtreesBecomeNull) {
  dom::Dom dom;
  auto inside = dom.insert(dom.root(), "TestValue", "Inside");
  auto outside = dom.insert(dom.root(), "TestPart", "Outside");
  dom.set_property(inside, "Value", types::Ref{outside});
  dom.set_property(inside, "Image", types::Content{types::Content::Kind::object, {}, outside});
  auto bytes = write(dom, {inside}, testing::plain_write());
  ASSERT_TRUE(bytes.ok());
  dom::Dom back = read_ok(*bytes);
  const auto& properties = back.get(top_level(back)[0]).properties;
  EXPECT_EQ(properties.at("Value"), Variant(types::Ref{}));
  EXPECT_EQ(properties.at("Image"), Variant(types::Content{}));
}

TEST(BinaryValues, OverlappingOrUnknownRootsAreRefused) {
  dom::Dom dom;
  auto a = dom.insert(dom.root(), "TestHolder", "A");
  auto b = dom.insert(a, "TestHolder", "B");
  EXPECT_FALSE(write(dom, {a, b}, testing::plain_write()).ok());
  EXPECT_FALSE(write(dom, {a, 999}, testing::plain_write()).ok());
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
