#include "rojo/value_resolver.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace rbxpipe::rojo {
namespace {

using base::ErrorCode;
using rbx::reflection::Database;
using namespace rbx::types;

const Database& database() { return Database::shipped(); }

// Resolves a value that must resolve; a failure is reported with its message.
ResolvedProperty resolve(std::string_view class_name, std::string_view property, std::string_view json) {
  auto resolved = resolve_property(database(), class_name, property, json);
  EXPECT_TRUE(resolved.ok()) << (resolved.ok() ? "" : resolved.error().to_string());
  return resolved.ok() ? resolved.value() : ResolvedProperty{"<failed>", {}};
}

// The value alone, for tests about typing rather than naming.
Variant value_of(std::string_view class_name, std::string_view property, std::string_view json) {
  return resolve(class_name, property, json).value;
}

// Resolves a value that must fail, returning the error.
base::Error failure(std::string_view class_name, std::string_view property, std::string_view json) {
  auto resolved = resolve_property(database(), class_name, property, json);
  EXPECT_FALSE(resolved.ok()) << "resolved to a " << variant_type_name(type_of(resolved.value().value));
  return resolved.ok() ? base::Error(ErrorCode::internal, "resolved") : resolved.error();
}

// ---- implicit values, typed by the declared property type

TEST(ValueResolver, ImplicitBoolResolvesToBool) {
  auto resolved = resolve("BoolValue", "Value", "false");
  EXPECT_EQ(resolved.name, "Value");
  EXPECT_EQ(resolved.value, Variant(false));
}

TEST(ValueResolver, ImplicitValueWalksSuperclasses) {
  // Disabled is declared on BaseScript, Anchored on BasePart.
  EXPECT_EQ(value_of("Script", "Disabled", "true"), Variant(true));
  EXPECT_EQ(value_of("Part", "Anchored", "true"), Variant(true));
}

TEST(ValueResolver, SerializedNameResolvesToCanonicalName) {
  auto resolved = resolve("Part", "size", "[4, 5, 6]");
  EXPECT_EQ(resolved.name, "Size");
  EXPECT_EQ(resolved.value, Variant(Vector3{4, 5, 6}));
}

TEST(ValueResolver, ImplicitStringResolvesToString) {
  EXPECT_EQ(value_of("StringValue", "Value", "\"Hello!\""), Variant(std::string("Hello!")));
}

TEST(ValueResolver, ScriptSourceBecomesProtectedStringAsReadersStoreIt) {
  EXPECT_EQ(value_of("Script", "Source", "\"print(1)\\n\""), Variant(ProtectedString{"print(1)\n"}));
  // An explicit String is converted to the declared type too.
  EXPECT_EQ(value_of("Script", "Source", "{\"String\": \"x\"}"), Variant(ProtectedString{"x"}));
}

TEST(ValueResolver, ImplicitNumbersFollowDeclaredNumericType) {
  EXPECT_EQ(value_of("Part", "Transparency", "1"), Variant(1.0F));
  EXPECT_EQ(value_of("NumberValue", "Value", "0.1"), Variant(0.1));
  EXPECT_EQ(value_of("Part", "CollisionGroupId", "123"), Variant(std::int32_t{123}));
  EXPECT_EQ(value_of("IntValue", "Value", "532413"), Variant(std::int64_t{532413}));
}

TEST(ValueResolver, ImplicitIntegersCastLikeRustAs) {
  EXPECT_EQ(value_of("Part", "CollisionGroupId", "1.9"), Variant(std::int32_t{1}));
  EXPECT_EQ(value_of("Part", "CollisionGroupId", "-1.9"), Variant(std::int32_t{-1}));
  EXPECT_EQ(value_of("Part", "CollisionGroupId", "3000000000"), Variant(std::numeric_limits<std::int32_t>::max()));
  EXPECT_EQ(value_of("Part", "CollisionGroupId", "-1e10"), Variant(std::numeric_limits<std::int32_t>::min()));
  EXPECT_EQ(value_of("IntValue", "Value", "1e300"), Variant(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(value_of("IntValue", "Value", "18446744073709551615"), Variant(std::numeric_limits<std::int64_t>::max()));
}

TEST(ValueResolver, ImplicitInt64KeepsLargeIntegerLiteralsExact) {
  EXPECT_EQ(value_of("IntValue", "Value", "9007199254740993"), Variant(std::int64_t{9007199254740993}));
}

TEST(ValueResolver, ImplicitFloat32OverflowsToInfinityLikeRustAs) {
  EXPECT_EQ(value_of("Part", "Transparency", "1e300"), Variant(std::numeric_limits<float>::infinity()));
  EXPECT_EQ(value_of("Part", "Transparency", "-1e300"), Variant(-std::numeric_limits<float>::infinity()));
  // Just above FLT_MAX but within half an ulp still rounds to FLT_MAX.
  EXPECT_EQ(value_of("Part", "Transparency", "3.4028235e38"), Variant(std::numeric_limits<float>::max()));
}

TEST(ValueResolver, ImplicitVectors) {
  EXPECT_EQ(value_of("ParticleEmitter", "SpreadAngle", "[1, 2]"), Variant(Vector2{1, 2}));
  EXPECT_EQ(value_of("Part", "Size", "[4, 5.5, -6]"), Variant(Vector3{4, 5.5F, -6}));
}

TEST(ValueResolver, ImplicitColor3IsNotClampedAtResolveTime) {
  EXPECT_EQ(value_of("Part", "Color", "[0.5, 0.25, 2]"), Variant(Color3{0.5F, 0.25F, 2.0F}));
}

TEST(ValueResolver, ImplicitCFrameIsPositionThenRotationRows) {
  CFrame expected;
  expected.position = Vector3{1, 2, 3};
  expected.rotation = {0, 1, 0, 0, 0, 1, 1, 0, 0};
  EXPECT_EQ(value_of("Part", "CFrame", "[1, 2, 3, 0, 1, 0, 0, 0, 1, 1, 0, 0]"), Variant(expected));
}

TEST(ValueResolver, ImplicitContentIsAUriEvenWhenEmpty) {
  EXPECT_EQ(value_of("MeshPart", "MeshContent", "\"rbxassetid://1\""),
            Variant(Content{Content::Kind::uri, "rbxassetid://1", k_null_instance}));
  EXPECT_EQ(value_of("MeshPart", "MeshContent", "\"\""), Variant(Content{Content::Kind::uri, "", k_null_instance}));
}

TEST(ValueResolver, ImplicitContentIdResolvesToContentId) {
  EXPECT_EQ(value_of("Script", "LinkedSource", "\"rbxassetid://7\""), Variant(ContentId{"rbxassetid://7"}));
}

TEST(ValueResolver, LegacyContentIdPropertyComesBackAsItsReplacement) {
  auto resolved = resolve("Decal", "Texture", "\"rbxassetid://5\"");
  EXPECT_EQ(resolved.name, "TextureContent");
  EXPECT_EQ(resolved.value, Variant(Content{Content::Kind::uri, "rbxassetid://5", k_null_instance}));
  EXPECT_EQ(value_of("Decal", "Texture", "\"\""), Variant(Content{}));
}

TEST(ValueResolver, ImplicitTags) {
  EXPECT_EQ(value_of("Folder", "Tags", "[\"a\", \"b\"]"), Variant(Tags{{"a", "b"}}));
  EXPECT_EQ(value_of("Folder", "Tags", "[]"), Variant(Tags{}));
}

TEST(ValueResolver, ImplicitAttributesHoldExplicitValuesSortedByName) {
  Attributes expected{{{"Hello", Variant(std::string("World"))}, {"Vector", Variant(Vector3{1, 2, 3})}}};
  EXPECT_EQ(value_of("Folder", "Attributes", R"({"Vector": {"Vector3": [1, 2, 3]}, "Hello": {"String": "World"}})"),
            Variant(expected));
}

TEST(ValueResolver, ImplicitAttributesObjectWithOneTypeNamedAttributeFallsBackFromExplicit) {
  Attributes expected{{{"Color3", Variant(Color3{1, 0, 0})}}};
  EXPECT_EQ(value_of("Folder", "Attributes", R"({"Color3": {"Color3": [1, 0, 0]}})"), Variant(expected));
}

TEST(ValueResolver, ImplicitAttributeEntriesMustBeExplicit) {
  EXPECT_EQ(failure("Folder", "Attributes", R"({"Hey": "Grandma"})").message(),
            "Folder.Attributes: attribute 'Hey' needs an explicit value such as {\"String\": \"...\"}, got a string");
}

TEST(ValueResolver, ImplicitFontWithoutCachedFaceId) {
  Font expected{"rbxasset://fonts/families/RobotoMono.json", 100, 0, ""};
  EXPECT_EQ(value_of("TextLabel", "FontFace",
                     R"({"family": "rbxasset://fonts/families/RobotoMono.json", "weight": "Thin", "style": "Normal"})"),
            Variant(expected));
}

TEST(ValueResolver, ImplicitMaterialColorsKeepDefaultsForMaterialsLeftOut) {
  auto value = value_of("Terrain", "MaterialColors", R"({"Grass": [10, 20, 30], "LeafyGrass": [255, 155, 55]})");
  ASSERT_TRUE(std::holds_alternative<MaterialColors>(value));
  const auto& colors = std::get<MaterialColors>(value).colors;
  EXPECT_EQ(colors[0], (Color3uint8{10, 20, 30}));      // Grass
  EXPECT_EQ(colors[1], (Color3uint8{63, 127, 107}));    // Slate, rbx-dom's default
  EXPECT_EQ(colors[17], (Color3uint8{255, 155, 55}));   // LeafyGrass
  EXPECT_EQ(colors[20], (Color3uint8{148, 148, 140}));  // Pavement, rbx-dom's default
}

TEST(ValueResolver, ImplicitEnumItemName) {
  EXPECT_EQ(value_of("Lighting", "Technology", "\"Voxel\""), Variant(Enum{1}));
  EXPECT_EQ(value_of("Part", "Shape", "\"Ball\""), Variant(Enum{0}));
}

TEST(ValueResolver, LegacyFontEnumComesBackAsFontFace) {
  auto resolved = resolve("TextLabel", "Font", "\"SourceSans\"");
  EXPECT_EQ(resolved.name, "FontFace");
  EXPECT_EQ(resolved.value, Variant(Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 0, ""}));
}

// ---- implicit value errors

TEST(ValueResolver, UnknownEnumItemListsAllItemsOfASmallEnum) {
  auto error = failure("Part", "Shape", "\"Bal\"");
  EXPECT_EQ(error.code(), ErrorCode::invalid_input);
  EXPECT_EQ(error.message(),
            "Part.Shape: Enum.PartType has no item 'Bal'; valid items: Ball, Block, CornerWedge, Cylinder, Wedge");
}

TEST(ValueResolver, UnknownEnumItemListsClosestItemsOfALargeEnum) {
  EXPECT_EQ(failure("Part", "Material", "\"Plastik\"").message(),
            "Part.Material: Enum.Material has no item 'Plastik'; closest valid items: Plastic, Plaster, Glass, Slate, "
            "Basalt (and 40 more)");
}

TEST(ValueResolver, EnumGivenANumberAsksForAnItemName) {
  EXPECT_EQ(failure("Part", "Material", "256").message(),
            "Part.Material expects Enum.Material (an item name such as \"Plastic\"), got a number");
}

TEST(ValueResolver, RefPropertyPointsToRojoTargetAttribute) {
  EXPECT_EQ(failure("Model", "PrimaryPart", "\"Handle\"").message(),
            "Model.PrimaryPart is a Ref and cannot be set from a value; give the target instance a Rojo_Id attribute "
            "and this one an attribute named Rojo_Target_PrimaryPart holding that id");
}

TEST(ValueResolver, TypeWithoutImplicitFormNamesTheExplicitForm) {
  EXPECT_EQ(failure("Frame", "Size", "[0, 100, 0, 50]").message(),
            "Frame.Size is of type UDim2, which has no implicit form; write it explicitly, e.g. "
            "{\"UDim2\": [[0, 100], [0, 50]]}");
  EXPECT_EQ(failure("MeshPart", "PhysicsData", "\"aGVsbG8=\"").code(), ErrorCode::invalid_input);
}

TEST(ValueResolver, WrongImplicitShapeNamesExpectedTypeAndWhatWasGiven) {
  EXPECT_EQ(failure("Part", "Size", "\"big\"").message(), "Part.Size expects Vector3 ([x, y, z]), got a string");
  EXPECT_EQ(failure("Part", "Size", "[1, 2]").message(),
            "Part.Size expects Vector3 ([x, y, z]), got an array of 2 numbers");
  EXPECT_EQ(failure("Part", "Size", "[1, \"2\", 3]").message(),
            "Part.Size expects Vector3 ([x, y, z]), got a string at [1]");
  EXPECT_EQ(failure("Part", "Anchored", "1").message(), "Part.Anchored expects Bool (true or false), got a number");
}

TEST(ValueResolver, UnknownPropertySuggestsCloseName) {
  auto error = failure("Part", "Sizee", "[1, 2, 3]");
  EXPECT_EQ(error.code(), ErrorCode::not_found);
  EXPECT_EQ(error.message(), "Part has no property 'Sizee'; did you mean 'Size'?");
}

TEST(ValueResolver, UnknownPropertyWithoutCloseNameAsksForExplicitValue) {
  EXPECT_EQ(failure("Part", "Wobble", "true").message(),
            "Part has no property 'Wobble'; a property the reflection database does not know needs an explicit "
            "value such as {\"Vector3\": [1, 2, 3]}");
  EXPECT_EQ(failure("Gizmo", "Spin", "true").code(), ErrorCode::not_found);
}

TEST(ValueResolver, UnknownPropertyWithExplicitValueKeepsItsNameAndValue) {
  auto resolved = resolve("Part", "FutureThing", "{\"Int64\": 5}");
  EXPECT_EQ(resolved.name, "FutureThing");
  EXPECT_EQ(resolved.value, Variant(std::int64_t{5}));
}

TEST(ValueResolver, InvalidJsonIsInvalidInput) {
  auto error = failure("Part", "Size", "[1, 2,");
  EXPECT_EQ(error.code(), ErrorCode::invalid_input);
  EXPECT_EQ(error.message(), "Part.Size: the value is not valid JSON");
}

}  // namespace
}  // namespace rbxpipe::rojo
