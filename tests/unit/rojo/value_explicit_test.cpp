// Explicit values (rbx-dom's serde shapes) and attribute values, through the public resolver.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "rojo/value_resolver.h"

namespace rbxpipe::rojo {
namespace {

using base::ErrorCode;
using rbx::reflection::Database;
using namespace rbx::types;

const Database& database() { return Database::shipped(); }

// An explicit value resolved for a property the database does not know, so it is taken exactly as given.
Variant explicit_value(std::string_view json) {
  auto resolved = resolve_property(database(), "Folder", "Unknown", json);
  EXPECT_TRUE(resolved.ok()) << (resolved.ok() ? "" : resolved.error().to_string());
  return resolved.ok() ? resolved.value().value : Variant{};
}

base::Error explicit_failure(std::string_view json) {
  auto resolved = resolve_property(database(), "Folder", "Unknown", json);
  EXPECT_FALSE(resolved.ok());
  return resolved.ok() ? base::Error(ErrorCode::internal, "resolved") : resolved.error();
}

Variant attribute(std::string_view json) {
  auto resolved = resolve_attribute(database(), json);
  EXPECT_TRUE(resolved.ok()) << (resolved.ok() ? "" : resolved.error().to_string());
  return resolved.ok() ? resolved.value() : Variant{};
}

base::Error attribute_failure(std::string_view json) {
  auto resolved = resolve_attribute(database(), json);
  EXPECT_FALSE(resolved.ok());
  return resolved.ok() ? base::Error(ErrorCode::internal, "resolved") : resolved.error();
}

CFrame cframe_at(float x, float y, float z) {
  CFrame cframe;
  cframe.position = Vector3{x, y, z};
  return cframe;
}

TEST(ExplicitValue, Scalars) {
  EXPECT_EQ(explicit_value(R"({"Bool": true})"), Variant(true));
  EXPECT_EQ(explicit_value(R"({"String": "s"})"), Variant(std::string("s")));
  EXPECT_EQ(explicit_value(R"({"Int32": -7})"), Variant(std::int32_t{-7}));
  EXPECT_EQ(explicit_value(R"({"Int64": 9223372036854775807})"), Variant(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(explicit_value(R"({"Float32": 0.5})"), Variant(0.5F));
  EXPECT_EQ(explicit_value(R"({"Float64": 0.1})"), Variant(0.1));
  EXPECT_EQ(explicit_value(R"({"Enum": 256})"), Variant(Enum{256}));
}

TEST(ExplicitValue, IntegersMustBeWholeAndInRange) {
  EXPECT_EQ(explicit_value(R"({"Int32": 2.0})"), Variant(std::int32_t{2}));
  EXPECT_EQ(explicit_failure(R"({"Int32": 1.5})").message(),
            "Folder.Unknown: Int32 expects a whole number from -2147483648 to 2147483647, got 1.5");
  EXPECT_EQ(explicit_failure(R"({"Int32": 3000000000})").message(),
            "Folder.Unknown: Int32 expects a whole number from -2147483648 to 2147483647, got 3000000000");
  EXPECT_EQ(explicit_failure(R"({"Enum": -1})").code(), ErrorCode::invalid_input);
}

TEST(ExplicitValue, WrongBodyNamesTheShape) {
  EXPECT_EQ(explicit_failure(R"({"Vector3": "up"})").message(),
            "Folder.Unknown: Vector3 expects [x, y, z] numbers, got a string");
}

TEST(ExplicitValue, BrickColorMustBeAPaletteNumber) {
  EXPECT_EQ(explicit_value(R"({"BrickColor": 194})"), Variant(BrickColor{194}));
  EXPECT_EQ(explicit_failure(R"({"BrickColor": 9999})").message(),
            "Folder.Unknown: 9999 is not a BrickColor number");
}

TEST(ExplicitValue, Colors) {
  EXPECT_EQ(explicit_value(R"({"Color3": [1, 0.5, 0]})"), Variant(Color3{1, 0.5F, 0}));
  EXPECT_EQ(explicit_value(R"({"Color3uint8": [163, 162, 165]})"), Variant(Color3uint8{163, 162, 165}));
  EXPECT_EQ(explicit_failure(R"({"Color3uint8": [300, 0, 0]})").message(),
            "Folder.Unknown: Color3uint8 expects [r, g, b] whole numbers from 0 to 255, got 300 at [0]");
}

TEST(ExplicitValue, Color3uint8ForAColor3PropertyBecomesColor3) {
  EXPECT_EQ(resolve_property(database(), "Part", "Color", R"({"Color3uint8": [255, 0, 51]})")->value,
            Variant(Color3{1, 0, 0.2F}));
}

TEST(ExplicitValue, ValueOfAnotherTypeThanDeclaredIsKeptAsGiven) {
  auto resolved = resolve_property(database(), "Part", "Anchored", R"({"Vector3": [1, 2, 3]})");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->name, "Anchored");
  EXPECT_EQ(resolved->value, Variant(Vector3{1, 2, 3}));
}

TEST(ExplicitValue, Vectors) {
  EXPECT_EQ(explicit_value(R"({"Vector2": [1, 2]})"), Variant(Vector2{1, 2}));
  EXPECT_EQ(explicit_value(R"({"Vector3": [1, 2, 3]})"), Variant(Vector3{1, 2, 3}));
  EXPECT_EQ(explicit_value(R"({"Vector2int16": [-1, 2]})"), Variant(Vector2int16{-1, 2}));
  EXPECT_EQ(explicit_value(R"({"Vector3int16": [1, 2, 32767]})"), Variant(Vector3int16{1, 2, 32767}));
  EXPECT_EQ(explicit_failure(R"({"Vector3int16": [1, 2, 40000]})").message(),
            "Folder.Unknown: Vector3int16 expects [x, y, z] whole numbers from -32768 to 32767, got 40000 at [2]");
}

TEST(ExplicitValue, UDimsRectAndNumberRange) {
  EXPECT_EQ(explicit_value(R"({"UDim": [0.5, 10]})"), Variant(UDim{0.5F, 10}));
  EXPECT_EQ(explicit_value(R"({"UDim2": [[0, 30], [1, 60]]})"), Variant(UDim2{{0, 30}, {1, 60}}));
  EXPECT_EQ(explicit_failure(R"({"UDim2": [[0, 1.5], [0, 0]]})").message(),
            "Folder.Unknown: UDim2 expects [[xScale, xOffset], [yScale, yOffset]] with whole-number offsets, got 1.5 "
            "at [0][1]");
  EXPECT_EQ(explicit_value(R"({"Rect": [[1, 2], [3, 4]]})"), Variant(Rect{{1, 2}, {3, 4}}));
  EXPECT_EQ(explicit_value(R"({"NumberRange": [1, 2]})"), Variant(NumberRange{1, 2}));
}

TEST(ExplicitValue, Sequences) {
  EXPECT_EQ(explicit_value(R"({"NumberSequence": {"keypoints": [{"time": 0, "value": 1, "envelope": 0.5}]}})"),
            Variant(NumberSequence{{{0, 1, 0.5F}}}));
  EXPECT_EQ(explicit_value(R"({"ColorSequence": {"keypoints": [{"time": 1, "color": [1, 0, 0]}]}})"),
            Variant(ColorSequence{{{1, Color3{1, 0, 0}, 0}}}));
  EXPECT_EQ(explicit_failure(R"({"NumberSequence": {"keypoints": [{"time": 0, "value": 1}]}})").message(),
            "Folder.Unknown: NumberSequence expects {\"keypoints\": [{\"time\": t, \"value\": v, \"envelope\": e}, "
            "...]}, got an object without \"envelope\" at keypoints[0]");
}

TEST(ExplicitValue, CFrameAndOptionalCFrame) {
  CFrame expected = cframe_at(1, 2, 3);
  expected.rotation = {0, 1, 0, 0, 0, 1, 1, 0, 0};
  const std::string body = R"({"position": [1, 2, 3], "orientation": [[0, 1, 0], [0, 0, 1], [1, 0, 0]]})";
  EXPECT_EQ(explicit_value("{\"CFrame\": " + body + "}"), Variant(expected));
  EXPECT_EQ(explicit_value("{\"OptionalCFrame\": " + body + "}"), Variant(OptionalCFrame{expected}));
  EXPECT_EQ(explicit_value(R"({"OptionalCFrame": null})"), Variant(OptionalCFrame{}));
  EXPECT_EQ(explicit_failure(R"({"CFrame": {"position": [1, 2, 3], "orientation": [[1, 0, 0], [0, 1, 0]]}})").message(),
            "Folder.Unknown: CFrame expects {\"position\": [x, y, z], \"orientation\": [[R00, R01, R02], [R10, R11, "
            "R12], [R20, R21, R22]]}, got an array of 2 arrays at orientation");
}

TEST(ExplicitValue, Ray) {
  EXPECT_EQ(explicit_value(R"({"Ray": {"origin": [1, 2, 3], "direction": [0, 0, -1]}})"),
            Variant(Ray{{1, 2, 3}, {0, 0, -1}}));
}

TEST(ExplicitValue, PhysicalProperties) {
  EXPECT_EQ(explicit_value(R"({"PhysicalProperties": "Default"})"), Variant(PhysicalProperties{}));
  PhysicalProperties custom{true, 1, 0.5F, 0, 6, 5, std::nullopt};
  EXPECT_EQ(explicit_value(R"({"PhysicalProperties": {"density": 1, "friction": 0.5, "elasticity": 0,
                                                      "frictionWeight": 6, "elasticityWeight": 5}})"),
            Variant(custom));
  custom.acoustic_absorption = 1;
  EXPECT_EQ(explicit_value(R"({"PhysicalProperties": {"density": 1, "friction": 0.5, "elasticity": 0,
                           "frictionWeight": 6, "elasticityWeight": 5, "acousticAbsorption": 1}})"),
            Variant(custom));
}

TEST(ExplicitValue, FacesAndAxes) {
  EXPECT_EQ(explicit_value(R"({"Faces": ["Right", "Front", "Right"]})"), Variant(Faces{33}));
  EXPECT_EQ(explicit_value(R"({"Axes": ["X", "Z"]})"), Variant(Axes{5}));
  EXPECT_EQ(explicit_failure(R"({"Faces": ["calzone"]})").message(), "Folder.Unknown: Faces has no face 'calzone'");
}

TEST(ExplicitValue, TagsAndStrings) {
  EXPECT_EQ(explicit_value(R"({"Tags": ["a", "b"]})"), Variant(Tags{{"a", "b"}}));
  EXPECT_EQ(explicit_value(R"({"ContentId": "rbxassetid://1"})"), Variant(ContentId{"rbxassetid://1"}));
  EXPECT_EQ(explicit_value(R"({"BinaryString": "aGVsbG8="})"), Variant(BinaryString{"hello"}));
  EXPECT_EQ(explicit_value(R"({"SharedString": "aGVsbG8="})"), Variant(SharedString{"hello"}));
  EXPECT_EQ(explicit_failure(R"({"BinaryString": "not base64!"})").code(), ErrorCode::invalid_input);
}

TEST(ExplicitValue, Font) {
  EXPECT_EQ(explicit_value(R"({"Font": {"family": "rbxasset://fonts/families/Ubuntu.json", "weight": "Bold",
                                         "style": "Italic", "cachedFaceId": "rbxasset://fonts/Ubuntu-Bold.ttf"}})"),
            Variant(Font{"rbxasset://fonts/families/Ubuntu.json", 700, 1, "rbxasset://fonts/Ubuntu-Bold.ttf"}));
  EXPECT_EQ(explicit_failure(R"({"Font": {"family": "f", "weight": "Fat", "style": "Normal"}})").message(),
            "Folder.Unknown: Font has no weight 'Fat'; weights: Thin, ExtraLight, Light, Regular, Medium, SemiBold, "
            "Bold, ExtraBold, Heavy");
}

TEST(ExplicitValue, Content) {
  EXPECT_EQ(explicit_value(R"({"Content": "None"})"), Variant(Content{}));
  EXPECT_EQ(explicit_value(R"({"Content": {"Uri": "rbxassetid://1"}})"),
            Variant(Content{Content::Kind::uri, "rbxassetid://1", k_null_instance}));
  EXPECT_EQ(explicit_failure(R"({"Content": {"Object": "0000000000000000000000000000000a"}})").code(),
            ErrorCode::invalid_input);
}

TEST(ExplicitValue, AttributesHoldOnlyAttributeTypes) {
  Attributes expected{{{"A", Variant(1.5)}, {"B", Variant(Vector3{1, 2, 3})}}};
  EXPECT_EQ(explicit_value(R"({"Attributes": {"B": {"Vector3": [1, 2, 3]}, "A": {"Float64": 1.5}}})"),
            Variant(expected));
  EXPECT_EQ(explicit_failure(R"({"Attributes": {"Big": {"Int64": 1}}})").message(),
            "Folder.Unknown: attribute 'Big': attributes cannot hold Int64 values; they hold Bool, BrickColor, "
            "CFrame, Color3, ColorSequence, EnumItem, Float32, Float64, Font, Int32, NumberRange, NumberSequence, "
            "Rect, String, UDim, UDim2, Vector2, Vector3");
}

TEST(ExplicitValue, MaterialColorsRejectUnknownMaterials) {
  EXPECT_EQ(explicit_failure(R"({"MaterialColors": {"Lava": [1, 2, 3]}})").message(),
            "Folder.Unknown: MaterialColors has no material 'Lava'; materials: Grass, Slate, Concrete, Brick, Sand, "
            "WoodPlanks, Rock, Glacier, Snow, Sandstone, Mud, Basalt, Ground, CrackedLava, Asphalt, Cobblestone, Ice, "
            "LeafyGrass, Salt, Limestone, Pavement");
}

TEST(ExplicitValue, IdentifiersAndCapabilities) {
  EXPECT_EQ(explicit_value(R"({"UniqueId": "0badf00dc0ffee4200133700deadbeef"})"),
            Variant(UniqueId{0xdeadbeef, 0x00133700, 0x0badf00dc0ffee42}));
  EXPECT_EQ(explicit_failure(R"({"UniqueId": "f badf00dc0ffee4200133700deadbeef"})").code(), ErrorCode::invalid_input);
  EXPECT_EQ(explicit_value(R"({"SecurityCapabilities": 18446744073709551615})"),
            Variant(SecurityCapabilities{std::numeric_limits<std::uint64_t>::max()}));
  EXPECT_EQ(explicit_value(R"({"EnumItem": {"type": "Material", "value": 256}})"), Variant(EnumItem{"Material", 256}));
}

TEST(ExplicitValue, OnlyTheNullRefCanBeWritten) {
  EXPECT_EQ(explicit_value(R"({"Ref": "00000000000000000000000000000000"})"), Variant(Ref{}));
  EXPECT_EQ(explicit_failure(R"({"Ref": "0000000000000000000000000000001e"})").message(),
            "Folder.Unknown: a Ref value cannot point at an instance; give the target a Rojo_Id attribute and this "
            "instance an attribute named Rojo_Target_<property> holding that id");
}

TEST(ExplicitValue, Region3IsUnsupported) {
  auto error = explicit_failure(R"({"Region3": [[0, 0, 0], [1, 1, 1]]})");
  EXPECT_EQ(error.code(), ErrorCode::unsupported);
  EXPECT_EQ(error.message(), "Folder.Unknown: rbxpipe cannot hold Region3 values");
}

// ---- attributes ($attributes, meta and model "attributes")

TEST(AttributeValue, ImplicitBoolNumberAndString) {
  EXPECT_EQ(attribute("true"), Variant(true));
  EXPECT_EQ(attribute("0.5"), Variant(0.5));
  EXPECT_EQ(attribute("3"), Variant(3.0));
  EXPECT_EQ(attribute("\"Grandma\""), Variant(std::string("Grandma")));
}

TEST(AttributeValue, ExplicitValueOfAnAttributeType) {
  EXPECT_EQ(attribute(R"({"Vector3": [4, 5, 6]})"), Variant(Vector3{4, 5, 6}));
  EXPECT_EQ(attribute(R"({"Int32": 4})"), Variant(std::int32_t{4}));
}

TEST(AttributeValue, OtherImplicitShapesMustBeExplicit) {
  auto error = attribute_failure("[1, 2, 3]");
  EXPECT_EQ(error.code(), ErrorCode::invalid_input);
  EXPECT_EQ(error.message(),
            "an attribute value must be a bool, a number, a string or an explicit value such as "
            "{\"Vector3\": [1, 2, 3]}, got an array of 3 numbers");
  EXPECT_EQ(attribute_failure("null").code(), ErrorCode::invalid_input);
  EXPECT_EQ(attribute_failure("{]").message(), "the attribute value is not valid JSON");
}

TEST(AttributeValue, TypesAttributesCannotHoldAreRejected) {
  EXPECT_EQ(attribute_failure(R"({"Color3uint8": [1, 2, 3]})").code(), ErrorCode::invalid_input);
  EXPECT_EQ(attribute_failure(R"({"Int64": 1})").message(),
            "attributes cannot hold Int64 values; they hold Bool, BrickColor, CFrame, Color3, ColorSequence, "
            "EnumItem, Float32, Float64, Font, Int32, NumberRange, NumberSequence, Rect, String, UDim, UDim2, "
            "Vector2, Vector3");
}

TEST(AttributeValue, ExplicitDecodeErrorsAreReported) {
  EXPECT_EQ(attribute_failure(R"({"Vector3": [1, 2]})").message(),
            "Vector3 expects [x, y, z] numbers, got an array of 2 numbers");
}

}  // namespace
}  // namespace rbxpipe::rojo
