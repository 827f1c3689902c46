// Values in rbxpipe's reflection format: every value type decodes from its documented shape and survives a
// write/read cycle unchanged.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <variant>
#include <string>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {
namespace {

using types::Variant;

// One typed default per value type, in the shapes config/reflection/README.md documents.
constexpr std::string_view k_every_type = R"({"classes": {"Thing": {"defaults": {
  "String": {"type": "String", "value": "text"},
  "BinaryString": {"type": "BinaryString", "value": "AAH/"},
  "ProtectedString": {"type": "ProtectedString", "value": "print(1)\n"},
  "ContentId": {"type": "ContentId", "value": "rbxassetid://1"},
  "Bool": {"type": "Bool", "value": true},
  "Int32": {"type": "Int32", "value": -7},
  "Int64": {"type": "Int64", "value": 1099511627776},
  "Float32": {"type": "Float32", "value": 0.1},
  "Float32Inf": {"type": "Float32", "value": "inf"},
  "Float64": {"type": "Float64", "value": "-inf"},
  "Float64Third": {"type": "Float64", "value": 0.3333333333333333},
  "UDim": {"type": "UDim", "value": [0.5, -3]},
  "UDim2": {"type": "UDim2", "value": [[1, 2], [3, 4]]},
  "Ray": {"type": "Ray", "value": {"origin": [1, 2, 3], "direction": [0, -1, 0]}},
  "Faces": {"type": "Faces", "value": ["Right", "Back", "Left", "Front"]},
  "Axes": {"type": "Axes", "value": ["Y", "Z"]},
  "BrickColor": {"type": "BrickColor", "value": 21},
  "Color3": {"type": "Color3", "value": [0.25, 0.5, 1]},
  "Color3uint8": {"type": "Color3uint8", "value": [1, 2, 255]},
  "Vector2": {"type": "Vector2", "value": [1.5, -2]},
  "Vector2int16": {"type": "Vector2int16", "value": [-3, 4]},
  "Vector3": {"type": "Vector3", "value": [1, 2, 3]},
  "Vector3int16": {"type": "Vector3int16", "value": [-1, 0, 1]},
  "CFrame": {"type": "CFrame", "value": [1, 2, 3, 0, 1, 0, -1, 0, 0, 0, 0, 1]},
  "OptionalCFrameNone": {"type": "OptionalCFrame", "value": null},
  "OptionalCFrame": {"type": "OptionalCFrame", "value": [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]},
  "Enum": {"type": "Enum", "value": 288},
  "EnumItem": {"type": "EnumItem", "value": {"enum": "Material", "value": 256}},
  "Ref": {"type": "Ref", "value": null},
  "NumberSequence": {"type": "NumberSequence", "value": [[0, 1, 0], [1, 0.5, 0.1]]},
  "ColorSequence": {"type": "ColorSequence", "value": [[0, 1, 0, 0, 0], [1, 0, 0, 1, 0]]},
  "NumberRange": {"type": "NumberRange", "value": [1, 5]},
  "Rect": {"type": "Rect", "value": [[0, 1], [2, 3]]},
  "PhysicalDefault": {"type": "PhysicalProperties", "value": null},
  "PhysicalCustom": {"type": "PhysicalProperties", "value": {"density": 1, "friction": 0.3, "elasticity": 0.5,
                     "friction_weight": 1, "elasticity_weight": 1, "acoustic_absorption": 0.2}},
  "SharedString": {"type": "SharedString", "value": "c2hhcmVk"},
  "UniqueId": {"type": "UniqueId", "value": "ffffffffffffffd60001e24000000007"},
  "Font": {"type": "Font", "value": {"family": "rbxasset://fonts/families/Ubuntu.json", "weight": "Bold",
           "style": "Italic", "cached_face_id": "x"}},
  "SecurityCapabilities": {"type": "SecurityCapabilities", "value": 18446744073709551615},
  "ContentNone": {"type": "Content", "value": null},
  "ContentUri": {"type": "Content", "value": "rbxassetid://9"},
  "ContentObject": {"type": "Content", "value": {"object": 3}},
  "Tags": {"type": "Tags", "value": ["a", "b"]},
  "Attributes": {"type": "Attributes", "value": {"Speed": {"type": "Float64", "value": 2.5},
                 "Tint": {"type": "Color3", "value": [1, 0.5, 0]}}},
  "MaterialColors": {"type": "MaterialColors", "value": [[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0],[1,2,3]]},
  "Bytecode": {"type": "Bytecode", "value": "Gw=="}
}}}})";

Database every_type() {
  Database database;
  auto merged = database.merge_rbxpipe_json(k_every_type);
  EXPECT_TRUE(merged.ok()) << merged.error().to_string();
  return database;
}

TEST(ValueFormat, CoversEveryValueType) {
  Database database = every_type();
  std::set<types::VariantType> seen;
  for (const auto& [name, value] : database.find_class("Thing")->defaults) seen.insert(types::type_of(value));
  EXPECT_EQ(seen.size(), std::variant_size_v<Variant>);
}

TEST(ValueFormat, DecodesTheDocumentedShapes) {
  Database database = every_type();
  auto get = [&](std::string_view name) { return *database.default_value("Thing", name); };
  EXPECT_EQ(get("BinaryString"), Variant(types::BinaryString{std::string("\0\x01\xff", 3)}));
  EXPECT_TRUE(std::isinf(std::get<float>(get("Float32Inf"))));
  EXPECT_EQ(std::get<double>(get("Float64")), -INFINITY);
  EXPECT_EQ(get("Float32"), Variant(0.1F));
  EXPECT_EQ(get("Faces"), Variant(types::Faces{0b101101}));
  EXPECT_EQ(get("Axes"), Variant(types::Axes{0b110}));
  EXPECT_EQ(get("UniqueId"), Variant(types::UniqueId{7, 123456, -42}));
  EXPECT_EQ(get("Font"), Variant(types::Font{"rbxasset://fonts/families/Ubuntu.json", 700, 1, "x"}));
  EXPECT_EQ(get("SecurityCapabilities"), Variant(types::SecurityCapabilities{~std::uint64_t{0}}));
  EXPECT_EQ(get("ContentObject"), Variant(types::Content{types::Content::Kind::object, "", 3}));
  EXPECT_EQ(get("ContentNone"), Variant(types::Content{}));
  EXPECT_EQ(get("CFrame"), Variant(types::CFrame{{1, 2, 3}, {0, 1, 0, -1, 0, 0, 0, 0, 1}}));
  EXPECT_EQ(get("PhysicalCustom"), Variant(types::PhysicalProperties{true, 1, 0.3F, 0.5F, 1, 1, 0.2F}));
  const Variant colors = get("MaterialColors");
  EXPECT_EQ(std::get<types::MaterialColors>(colors).colors[20], (types::Color3uint8{1, 2, 3}));
  const Variant attributes_value = get("Attributes");
  const auto& attributes = std::get<types::Attributes>(attributes_value);
  ASSERT_EQ(attributes.entries.size(), 2U);
  EXPECT_EQ(attributes.entries[1].value, Variant(types::Color3{1, 0.5F, 0}));
}

TEST(ValueFormat, SurvivesAWriteReadCycle) {
  Database database = every_type();
  std::string written = database.to_rbxpipe_json();
  Database copy;
  auto merged = copy.merge_rbxpipe_json(written);
  ASSERT_TRUE(merged.ok()) << merged.error().to_string() << "\n" << written;
  EXPECT_TRUE(copy == database);
  EXPECT_EQ(copy.to_rbxpipe_json(), written);
  // Short floats stay short in the written text.
  EXPECT_NE(written.find("0.1"), std::string::npos);
  EXPECT_EQ(written.find("0.10000000149"), std::string::npos);
}

TEST(ValueFormat, RejectsWrongShapes) {
  for (std::string_view bad : {R"({"type": "Vector3", "value": [1, 2]})", R"({"type": "Int32", "value": 1.5})",
                               R"({"type": "Int32", "value": 4294967296})", R"({"type": "UniqueId", "value": "xyz"})",
                               R"({"type": "Color3uint8", "value": [256, 0, 0]})",
                               R"({"type": "BinaryString", "value": "!!"})", R"({"type": "Nope", "value": 1})",
                               R"({"type": "Faces", "value": ["Up"]})"}) {
    Database database;
    std::string json = R"({"classes": {"T": {"defaults": {"P": )" + std::string(bad) + "}}}}";
    EXPECT_FALSE(database.merge_rbxpipe_json(json).ok()) << bad;
  }
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
