// The canonical <-> file mapping the codecs share: renames, aliases, type conversions, migrations, idempotence.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "rbx/reflection/serialization.h"
#include "rbx/types/attributes.h"

namespace rbxpipe::rbx::reflection {
namespace {

using namespace types;

const Database& db() { return Database::shipped(); }

std::pair<std::string, Variant> canon(std::string_view class_name, std::string_view name, Variant value) {
  return canonicalize(db(), class_name, name, std::move(value));
}

std::vector<SerializedProperty> write(std::string_view class_name, std::string_view name, const Variant& value,
                                      std::vector<std::string> present = {}) {
  return serialize(db(), class_name, name, value, [&](std::string_view n) {
    for (const auto& p : present) {
      if (p == n) return true;
    }
    return false;
  });
}

void expect_one(const std::vector<SerializedProperty>& out, std::string_view name, const Variant& value) {
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].name, name);
  EXPECT_EQ(out[0].value, value);
}

TEST(Canonicalize, MapsSerializedNamesAndAliases) {
  EXPECT_EQ(canon("Part", "size", Vector3{1, 2, 3}), std::make_pair(std::string("Size"), Variant(Vector3{1, 2, 3})));
  EXPECT_EQ(canon("Part", "shape", Enum{0}).first, "Shape");
  EXPECT_EQ(canon("Part", "formFactorRaw", Enum{1}).first, "FormFactor");
  EXPECT_EQ(canon("Part", "formFactor", Enum{1}).first, "FormFactor");
  EXPECT_EQ(canon("Folder", "archivable", true).first, "Archivable");
  EXPECT_EQ(canon("Folder", "DefinesCapabilities", true).first, "Sandboxed");
  EXPECT_EQ(canon("Model", "ScaleFactor", 2.0F).first, "Scale");
  EXPECT_EQ(canon("MeshPart", "MaterialVariantSerialized", std::string("Moss")).first, "MaterialVariant");
  EXPECT_EQ(canon("Sound", "xmlRead_MaxDistance_3", 100.0F).first, "RollOffMaxDistance");
  EXPECT_EQ(canon("Sound", "EmitterSize", 5.0F).first, "RollOffMinDistance");
  EXPECT_EQ(canon("Sound", "MaxDistance", 100.0F).first, "RollOffMaxDistance");
  EXPECT_EQ(canon("WeldConstraint", "Part0Internal", Ref{3}), std::make_pair(std::string("Part0"), Variant(Ref{3})));
  EXPECT_EQ(canon("WeldConstraint", "Part1Internal", Ref{4}).first, "Part1");
  EXPECT_EQ(canon("Workspace", "SignalBehavior2", Enum{2}).first, "SignalBehavior");
  EXPECT_EQ(canon("Fire", "size_xml", 5.0F).first, "Size");
  EXPECT_EQ(canon("Players", "MaxPlayersInternal", std::int32_t{30}).first, "MaxPlayers");
}

TEST(Canonicalize, ConvertsFileTypesToCanonicalTypes) {
  EXPECT_EQ(canon("Part", "Color3uint8", Color3uint8{255, 0, 51}),
            std::make_pair(std::string("Color"), Variant(Color3{1, 0, 51 / 255.0F})));
  Attributes attributes;
  attributes.entries.push_back({"Speed", Variant(2.5)});
  auto blob = encode_attributes(attributes);
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(canon("Part", "AttributesSerialize", BinaryString{*blob}),
            std::make_pair(std::string("Attributes"), Variant(attributes)));
  EXPECT_EQ(canon("Part", "AttributesSerialize", *blob).second, Variant(attributes));  // binary files: plain string
  EXPECT_EQ(canon("Part", "Tags", BinaryString{std::string("a\0b", 3)}).second, Variant(Tags{{"a", "b"}}));
  EXPECT_EQ(canon("Part", "Tags", std::string()).second, Variant(Tags{}));
  MaterialColors colors;
  colors.colors[0] = {1, 2, 3};
  EXPECT_EQ(canon("Terrain", "MaterialColors", BinaryString{encode_material_colors(colors)}).second, Variant(colors));
  EXPECT_EQ(canon("Script", "Source", std::string("print(1)\n")).second, Variant(ProtectedString{"print(1)\n"}));
  EXPECT_EQ(canon("ModuleScript", "Source", ProtectedString{"return 1"}).second, Variant(ProtectedString{"return 1"}));
  EXPECT_EQ(canon("IntValue", "Value", std::int32_t{5}).second, Variant(std::int64_t{5}));
  EXPECT_EQ(canon("NumberValue", "Value", 0.5F).second, Variant(0.5));
  EXPECT_EQ(canon("Humanoid", "Health_XML", 100.0).second, Variant(100.0F));
  EXPECT_EQ(canon("SpawnLocation", "TeamColor", std::int32_t{21}).second, Variant(BrickColor{21}));
  EXPECT_EQ(canon("Decal", "TextureContent", ContentId{"rbxassetid://5"}).second,
            Variant(Content{Content::Kind::uri, "rbxassetid://5", 0}));
  EXPECT_EQ(canon("Decal", "TextureContent", ContentId{""}).second, Variant(Content{}));
  EXPECT_EQ(canon("BaseScript", "LinkedSource", Content{}).second, Variant(ContentId{""}));
  EXPECT_EQ(canon("Model", "WorldPivotData", CFrame{}).second, Variant(OptionalCFrame{CFrame{}}));
  EXPECT_EQ(canon("MeshPart", "PhysicsData", std::string("raw")).second, Variant(BinaryString{"raw"}));
}

TEST(Canonicalize, ReadsLegacyPropertiesAsTheirReplacements) {
  const Content uri{Content::Kind::uri, "rbxassetid://5", 0};
  EXPECT_EQ(canon("Decal", "Texture", ContentId{"rbxassetid://5"}), std::make_pair(std::string("TextureContent"), Variant(uri)));
  EXPECT_EQ(canon("Decal", "Texture", std::string("rbxassetid://5")).second, Variant(uri));  // binary files
  EXPECT_EQ(canon("Texture", "Texture", ContentId{""}), std::make_pair(std::string("TextureContent"), Variant(Content{})));
  EXPECT_EQ(canon("ImageButton", "HoverImage", ContentId{"rbxassetid://5"}).first, "HoverImageContent");
  EXPECT_EQ(canon("Sound", "SoundId", ContentId{"rbxassetid://5"}).first, "AudioContent");
  EXPECT_EQ(canon("MeshPart", "MeshId", ContentId{"rbxassetid://5"}).first, "MeshContent");
  EXPECT_EQ(canon("TextLabel", "Font", Enum{3}),
            std::make_pair(std::string("FontFace"), Variant(Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 0, ""})));
  EXPECT_EQ(canon("TextLabel", "Font", Enum{100}), std::make_pair(std::string("Font"), Variant(Enum{100})));
  EXPECT_EQ(canon("ScreenGui", "IgnoreGuiInset", true), std::make_pair(std::string("ScreenInsets"), Variant(Enum{1})));
  EXPECT_EQ(canon("ScreenGui", "IgnoreGuiInset", false).second, Variant(Enum{2}));
  // BrickColor stays: files that hold it usually hold the exact Color3uint8 as well.
  EXPECT_EQ(canon("Part", "BrickColor", std::int32_t{21}), std::make_pair(std::string("BrickColor"), Variant(BrickColor{21})));
  EXPECT_EQ(canon("UICorner", "CornerRadius", UDim{0, 8}).first, "CornerRadius");
  // Readers use this to let a file's own TextureContent win over a migrated Texture.
  EXPECT_TRUE(migrates_on_read(db(), "Decal", "Texture", ContentId{"x"}));
  EXPECT_FALSE(migrates_on_read(db(), "Decal", "TextureContent", Content{}));
  EXPECT_FALSE(migrates_on_read(db(), "Part", "BrickColor", BrickColor{21}));
  EXPECT_FALSE(migrates_on_read(db(), "TextLabel", "Font", Enum{100}));
}

TEST(Canonicalize, KeepsWhatItCannotConvert) {
  EXPECT_EQ(canon("Part", "AttributesSerialize", BinaryString{"\x05"}),
            std::make_pair(std::string("Attributes"), Variant(BinaryString{"\x05"})));
  EXPECT_EQ(canon("Part", "size", std::string("big")).second, Variant(std::string("big")));
  EXPECT_EQ(canon("IntValue", "Value", std::int64_t{1} << 40).second, Variant(std::int64_t{1} << 40));
  EXPECT_EQ(canon("Part", "Mystery", 1.0F), std::make_pair(std::string("Mystery"), Variant(1.0F)));
  EXPECT_EQ(canon("NoSuchClass", "size", 1.0F), std::make_pair(std::string("size"), Variant(1.0F)));
}

TEST(Canonicalize, IsIdempotent) {
  Attributes attributes;
  attributes.entries.push_back({"A", Variant(true)});
  const std::vector<std::tuple<std::string, std::string, Variant>> inputs = {
      {"Part", "size", Vector3{1, 2, 3}}, {"Part", "Color3uint8", Color3uint8{10, 20, 30}},
      {"Part", "AttributesSerialize", BinaryString{*encode_attributes(attributes)}},
      {"Part", "Tags", BinaryString{"x"}}, {"Script", "Source", std::string("a")},
      {"IntValue", "Value", std::int32_t{1}}, {"Decal", "TextureContent", ContentId{"u"}},
      {"Decal", "Texture", ContentId{"u"}}, {"Sound", "xmlRead_MaxDistance_3", 1.0F},
      {"Part", "AttributesSerialize", BinaryString{"\x05"}}, {"Part", "Unknown", 1.0}, {"Nope", "x", true},
      {"TextLabel", "Font", Enum{3}}, {"ScreenGui", "IgnoreGuiInset", true}, {"Part", "BrickColor", BrickColor{21}},
  };
  for (const auto& [class_name, name, value] : inputs) {
    auto once = canon(class_name, name, value);
    auto twice = canon(class_name, once.first, once.second);
    EXPECT_EQ(twice, once) << class_name << "." << name;
  }
}

TEST(Serialize, UsesFileNamesAndTypes) {
  expect_one(write("Part", "Size", Vector3{1, 2, 3}), "size", Vector3{1, 2, 3});
  expect_one(write("Part", "Color", Color3{1, 0.5F, 0}), "Color3uint8", Color3uint8{255, 128, 0});
  expect_one(write("Part", "Color", Color3{2, -1, 0.2F}), "Color3uint8", Color3uint8{255, 0, 51});
  expect_one(write("Part", "Tags", Tags{{"a", "b"}}), "Tags", BinaryString{std::string("a\0b", 3)});
  expect_one(write("Part", "Tags", Tags{}), "Tags", BinaryString{});
  Attributes attributes;
  attributes.entries.push_back({"Speed", Variant(2.5)});
  expect_one(write("Part", "Attributes", attributes), "AttributesSerialize", BinaryString{*encode_attributes(attributes)});
  expect_one(write("Script", "Source", ProtectedString{"print(1)"}), "Source", std::string("print(1)"));
  expect_one(write("Folder", "Archivable", true), "archivable", true);
  expect_one(write("Folder", "Sandboxed", true), "DefinesCapabilities", true);
  expect_one(write("Model", "Scale", 2.0F), "ScaleFactor", 2.0F);
  expect_one(write("Part", "MaterialVariant", std::string("Moss")), "MaterialVariantSerialized", std::string("Moss"));
  expect_one(write("Sound", "RollOffMaxDistance", 50.0F), "xmlRead_MaxDistance_3", 50.0F);
  expect_one(write("Sound", "RollOffMinDistance", 5.0F), "EmitterSize", 5.0F);
  expect_one(write("WeldConstraint", "Part0", Ref{2}), "Part0Internal", Ref{2});
  expect_one(write("WeldConstraint", "Part1", Ref{3}), "Part1Internal", Ref{3});
  expect_one(write("Part", "Shape", Enum{0}), "shape", Enum{0});
  expect_one(write("Part", "FormFactor", Enum{3}), "formFactorRaw", Enum{3});
  expect_one(write("IntValue", "Value", std::int32_t{7}), "Value", std::int64_t{7});
  expect_one(write("Part", "Mystery", 1.0F), "Mystery", 1.0F);
  expect_one(write("NoSuchClass", "Thing", true), "Thing", true);
}

TEST(Serialize, DropsPropertiesFilesNeverHold) {
  EXPECT_TRUE(write("Part", "Position", Vector3{}).empty());
  EXPECT_TRUE(write("Part", "Orientation", Vector3{}).empty());
  EXPECT_TRUE(write("Part", "Rotation", Vector3{}).empty());
  EXPECT_TRUE(write("Script", "Enabled", true).empty());
  EXPECT_TRUE(write("Frame", "Transparency", 0.5F).empty());
  EXPECT_TRUE(write("WeldConstraint", "Enabled", true).empty());
}

TEST(Serialize, MigratesBrickColorUnlessColorIsSet) {
  expect_one(write("Part", "BrickColor", BrickColor{21}), "Color3uint8", Color3uint8{196, 40, 28});
  expect_one(write("Part", "brickColor", BrickColor{194}), "Color3uint8", Color3uint8{163, 162, 165});
  EXPECT_TRUE(write("Part", "BrickColor", BrickColor{21}, {"Color"}).empty());
  expect_one(write("Part", "BrickColor", BrickColor{4}), "BrickColor", BrickColor{4});  // not in the palette
}

TEST(Serialize, MigratesContentIdsToContent) {
  const Content uri{Content::Kind::uri, "rbxassetid://1", 0};
  expect_one(write("Decal", "Texture", ContentId{"rbxassetid://1"}), "TextureContent", uri);
  expect_one(write("Texture", "Texture", ContentId{""}), "TextureContent", Content{});
  EXPECT_TRUE(write("Decal", "Texture", ContentId{"rbxassetid://1"}, {"TextureContent"}).empty());
  expect_one(write("ImageLabel", "Image", ContentId{"rbxassetid://1"}), "ImageContent", uri);
  expect_one(write("ImageButton", "HoverImage", ContentId{"rbxassetid://1"}), "HoverImageContent", uri);
  expect_one(write("ImageButton", "PressedImage", ContentId{"rbxassetid://1"}), "PressedImageContent", uri);
  expect_one(write("Sound", "SoundId", ContentId{"rbxassetid://1"}), "AudioContent", uri);
  expect_one(write("MeshPart", "MeshId", ContentId{"rbxassetid://1"}), "MeshContent", uri);
  expect_one(write("MeshPart", "TextureID", ContentId{"rbxassetid://1"}), "TextureContent", uri);
  expect_one(write("ParticleEmitter", "Texture", ContentId{"rbxassetid://1"}), "TextureContent", uri);
  expect_one(write("Beam", "Texture", ContentId{"rbxassetid://1"}), "TextureContent", uri);
  expect_one(write("Trail", "Texture", ContentId{"rbxassetid://1"}), "TextureContent", uri);
  expect_one(write("ClickDetector", "CursorIcon", ContentId{"rbxassetid://1"}), "CursorIconContent", uri);
  expect_one(write("Animation", "AnimationId", std::string("rbxassetid://1")), "AnimationContent", uri);
  expect_one(write("Sky", "SkyboxBk", ContentId{"rbxassetid://1"}), "SkyboxBackContent", uri);
  expect_one(write("SurfaceAppearance", "ColorMap", ContentId{"rbxassetid://1"}), "ColorMapContent", uri);
  expect_one(write("SpecialMesh", "MeshId", ContentId{"rbxassetid://1"}), "MeshContent", uri);
}

TEST(Serialize, MigratesFontToFontFace) {
  expect_one(write("TextLabel", "Font", Enum{3}), "FontFace",
             Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 0, ""});
  expect_one(write("TextButton", "Font", Enum{4}), "FontFace",
             Font{"rbxasset://fonts/families/SourceSansPro.json", 700, 0, ""});
  expect_one(write("TextBox", "Font", Enum{6}), "FontFace",
             Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 1, ""});
  EXPECT_TRUE(write("TextLabel", "Font", Enum{3}, {"FontFace"}).empty());
  expect_one(write("TextLabel", "Font", Enum{100}), "Font", Enum{100});  // Unknown has no face
}

TEST(Serialize, MigratesIgnoreGuiInsetToScreenInsets) {
  expect_one(write("ScreenGui", "IgnoreGuiInset", true), "ScreenInsets", Enum{1});
  expect_one(write("ScreenGui", "IgnoreGuiInset", false), "ScreenInsets", Enum{2});
  EXPECT_TRUE(write("ScreenGui", "IgnoreGuiInset", true, {"ScreenInsets"}).empty());
}

TEST(Serialize, SplitsCornerRadiusWhenTheDataSaysSo) {
  // The shipped data keeps CornerRadius as it is; an imported database may migrate it.
  Database database;
  ASSERT_TRUE(database.merge_rbxpipe_json(R"({"classes": {"UICorner": {"properties": {
    "CornerRadius": {"type": "UDim", "migration": "corner_radius_to_corner_radii", "migrate_to": "TopLeftRadius"},
    "BottomLeftRadius": "UDim", "BottomRightRadius": "UDim", "TopLeftRadius": "UDim", "TopRightRadius": "UDim"}}}})"));
  auto out = serialize(database, "UICorner", "CornerRadius", UDim{0, 12},
                       [](std::string_view name) { return name == "TopLeftRadius"; });
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].name, "BottomLeftRadius");
  EXPECT_EQ(out[1].name, "BottomRightRadius");
  EXPECT_EQ(out[2].name, "TopRightRadius");
  EXPECT_EQ(out[2].value, Variant(UDim{0, 12}));
  EXPECT_EQ(serialized_type(database, "UICorner", "CornerRadius", VariantType::UDim), VariantType::UDim);
  expect_one(write("UICorner", "CornerRadius", UDim{0, 12}), "CornerRadius", UDim{0, 12});
}

TEST(Serialize, MigratedValuesReadBackAsTheirTargets) {
  // Writing a legacy property and reading the result gives the newer property, as reading an old file does.
  for (const auto& [class_name, name, value] : std::vector<std::tuple<std::string, std::string, Variant>>{
           {"Decal", "Texture", ContentId{"rbxassetid://1"}}, {"TextLabel", "Font", Enum{17}},
           {"ScreenGui", "IgnoreGuiInset", true}, {"Sound", "SoundId", ContentId{""}}}) {
    auto out = write(class_name, name, value);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(canon(class_name, out[0].name, out[0].value), canon(class_name, name, value)) << class_name << "." << name;
  }
}

TEST(SerializedType, NamesTheFileType) {
  EXPECT_EQ(serialized_type(db(), "Part", "Color", VariantType::Color3), VariantType::Color3uint8);
  EXPECT_EQ(serialized_type(db(), "Part", "Attributes", VariantType::Attributes), VariantType::BinaryString);
  EXPECT_EQ(serialized_type(db(), "Part", "Tags", VariantType::Tags), VariantType::BinaryString);
  EXPECT_EQ(serialized_type(db(), "Terrain", "MaterialColors", VariantType::MaterialColors), VariantType::BinaryString);
  EXPECT_EQ(serialized_type(db(), "Script", "Source", VariantType::ProtectedString), VariantType::String);
  EXPECT_EQ(serialized_type(db(), "Part", "BrickColor", VariantType::BrickColor), VariantType::Color3uint8);
  EXPECT_EQ(serialized_type(db(), "Decal", "Texture", VariantType::ContentId), VariantType::Content);
  EXPECT_EQ(serialized_type(db(), "TextLabel", "Font", VariantType::Enum), VariantType::Font);
  EXPECT_EQ(serialized_type(db(), "IntValue", "Value", VariantType::Int32), VariantType::Int64);
  EXPECT_EQ(serialized_type(db(), "Part", "Mystery", VariantType::Ray), VariantType::Ray);
}

TEST(Serialize, EveryShippedDefaultRoundTripsThroughTheFileForm) {
  // What a writer produces for a property, a reader must turn back into the same canonical property and value.
  std::size_t checked = 0;
  for (const auto& class_name : db().class_names()) {
    for (const auto& [name, value] : db().find_class(class_name)->defaults) {
      const PropertyDescriptor* property = db().find_property(class_name, name);
      if (property->migration != Migration::none || !property->serializes) continue;
      auto out = write(class_name, name, value);
      ASSERT_EQ(out.size(), 1U) << class_name << "." << name;
      EXPECT_EQ(types::type_of(out[0].value), serialized_type(db(), class_name, name, property->type));
      EXPECT_EQ(canon(class_name, out[0].name, out[0].value), std::make_pair(std::string(name), value))
          << class_name << "." << name;
      ++checked;
    }
  }
  EXPECT_GE(checked, 400U);
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
