// Checks on the data compiled in from config/reflection: it parses, it covers the classes rbxpipe promises, and it
// is internally consistent (enums exist, defaults have their property's type, migrations have targets).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {
namespace {

const Database& shipped() { return Database::shipped(); }

// The class list of the formats spec (§4.3) and the classes real lessons use most.
const std::vector<std::string> k_required_classes = {
    "Instance", "PVInstance", "BasePart", "FormFactorPart", "Part", "TriangleMeshPart", "MeshPart", "Model",
    "WorldRoot", "Workspace", "LuaSourceContainer", "BaseScript", "Script", "LocalScript", "ModuleScript", "ValueBase",
    "StringValue", "IntValue", "NumberValue", "BoolValue", "ObjectValue", "Vector3Value", "CFrameValue",
    "Color3Value", "BrickColorValue", "RayValue", "GuiBase", "GuiBase2d", "GuiObject", "GuiLabel", "GuiButton",
    "LayerCollector", "ScreenGui", "SurfaceGuiBase", "SurfaceGui", "BillboardGui", "Frame", "ScrollingFrame",
    "TextLabel", "TextButton", "TextBox", "ImageLabel", "ImageButton", "UICorner", "UIListLayout", "UIGridLayout",
    "UIPadding", "UIScale", "UIStroke", "UIGradient", "UIAspectRatioConstraint", "UISizeConstraint",
    "UITextSizeConstraint", "UIPageLayout", "UITableLayout", "UIFlexItem", "FaceInstance", "Decal", "Texture",
    "Sound", "SoundGroup", "Attachment", "Constraint", "WeldConstraint", "Weld", "Motor6D", "JointInstance",
    "HingeConstraint", "RopeConstraint", "SpringConstraint", "RodConstraint", "BallSocketConstraint",
    "AlignPosition", "AlignOrientation", "LinearVelocity", "AngularVelocity", "VectorForce", "Light", "PointLight",
    "SpotLight", "SurfaceLight", "ParticleEmitter", "Beam", "Trail", "Fire", "Smoke", "Sparkles", "Highlight",
    "ProximityPrompt", "ClickDetector", "Tool", "BackpackItem", "RemoteEvent", "RemoteFunction", "BindableEvent",
    "BindableFunction", "UnreliableRemoteEvent", "Folder", "Configuration", "LocalizationTable", "SpawnLocation",
    "Seat", "VehicleSeat", "TrussPart", "WedgePart", "CornerWedgePart", "UnionOperation", "PartOperation",
    "NegateOperation", "Camera", "Terrain", "Humanoid", "Animation", "KeyframeSequence", "Keyframe", "Pose",
    "Animator", "AnimationController", "Sky", "Atmosphere", "Clouds", "BloomEffect", "ColorCorrectionEffect",
    "BlurEffect", "SunRaysEffect", "DepthOfFieldEffect", "Team", "StarterPlayerScripts", "StarterCharacterScripts",
    "PackageLink", "BodyMover", "BodyVelocity", "BodyPosition", "BodyGyro", "BodyForce", "BodyAngularVelocity",
    "BodyThrust", "Dialog", "DialogChoice", "SurfaceAppearance", "SpecialMesh", "BlockMesh", "FileMesh",
    "DataModelMesh", "Lighting", "DataModel",
};

const std::vector<std::string> k_required_services = {
    "Workspace", "Players", "Lighting", "ReplicatedStorage", "ReplicatedFirst", "ServerScriptService",
    "ServerStorage", "StarterGui", "StarterPack", "StarterPlayer", "Teams", "SoundService", "Chat",
    "TextChatService", "LocalizationService", "TestService", "MaterialService", "CollectionService", "HttpService",
    "RunService", "TweenService", "UserInputService",
};

TEST(ShippedData, ContainsEveryRequiredClass) {
  for (const auto& name : k_required_classes) EXPECT_NE(shipped().find_class(name), nullptr) << name;
  EXPECT_GE(shipped().class_count(), 200U);
  EXPECT_GE(shipped().enum_count(), 90U);
}

TEST(ShippedData, MarksServices) {
  for (const auto& name : k_required_services) EXPECT_TRUE(shipped().is_service(name)) << name;
  EXPECT_FALSE(shipped().is_service("Part"));
  EXPECT_FALSE(shipped().is_service("DataModel"));
  EXPECT_FALSE(shipped().is_service("NoSuchClass"));
}

TEST(ShippedData, EverySuperclassChainEndsAtInstance) {
  for (const auto& name : shipped().class_names()) {
    EXPECT_TRUE(shipped().is_a(name, "Instance")) << name;
    const ClassDescriptor* descriptor = shipped().find_class(name);
    if (!descriptor->superclass.empty()) {
      EXPECT_NE(shipped().find_class(descriptor->superclass), nullptr) << name << " < " << descriptor->superclass;
    }
  }
}

TEST(ShippedData, EveryEnumPropertyNamesAKnownEnum) {
  for (const auto& name : shipped().class_names()) {
    for (const auto& [property_name, property] : shipped().find_class(name)->properties) {
      EXPECT_EQ(property.class_name, name);
      if (property.type != types::VariantType::Enum) {
        EXPECT_TRUE(property.enum_name.empty()) << name << "." << property_name;
        continue;
      }
      EXPECT_NE(shipped().find_enum(property.enum_name), nullptr) << name << "." << property_name << " names enum "
                                                                  << property.enum_name;
    }
  }
}

TEST(ShippedData, EveryDefaultHasItsPropertysType) {
  std::size_t checked = 0;
  for (const auto& name : shipped().class_names()) {
    for (const auto& [key, value] : shipped().find_class(name)->defaults) {
      const PropertyDescriptor* property = shipped().find_property(name, key);
      ASSERT_NE(property, nullptr) << name << " has a default for unknown property " << key;
      EXPECT_EQ(property->name, key) << name << ": defaults are keyed by canonical name";
      EXPECT_EQ(types::type_of(value), property->type)
          << name << "." << key << " default is " << types::variant_type_name(types::type_of(value)) << ", property is "
          << types::variant_type_name(property->type);
      if (const auto* item = std::get_if<types::Enum>(&value)) {
        const EnumDescriptor* descriptor = shipped().find_enum(property->enum_name);
        ASSERT_NE(descriptor, nullptr);
        EXPECT_TRUE(descriptor->item_name(item->value).has_value()) << name << "." << key << " = " << item->value;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 500U);
}

TEST(ShippedData, MigrationsPointAtPropertiesOfTheRightType) {
  for (const auto& name : shipped().class_names()) {
    for (const auto& [property_name, property] : shipped().find_class(name)->properties) {
      if (property.migration == Migration::none) continue;
      const PropertyDescriptor* target = shipped().find_property(name, property.migrate_to);
      ASSERT_NE(target, nullptr) << name << "." << property_name << " migrates to " << property.migrate_to;
      EXPECT_TRUE(target->serializes) << property.migrate_to;
      switch (property.migration) {
        case Migration::brick_color_to_color: EXPECT_EQ(target->type, types::VariantType::Color3); break;
        case Migration::content_id_to_content:
          EXPECT_EQ(property.type, types::VariantType::ContentId) << name << "." << property_name;
          EXPECT_EQ(target->type, types::VariantType::Content) << name << "." << property.migrate_to;
          break;
        case Migration::font_to_font_face: EXPECT_EQ(target->type, types::VariantType::Font); break;
        case Migration::ignore_gui_inset_to_screen_insets:
          EXPECT_EQ(target->type, types::VariantType::Enum);
          break;
        case Migration::corner_radius_to_corner_radii: EXPECT_EQ(target->type, types::VariantType::UDim); break;
        case Migration::none: break;
      }
    }
  }
}

TEST(ShippedData, NamesAreUnambiguousAlongEachClassChain) {
  // Reading maps a file's name to one canonical property; two properties answering to one name would make that a
  // guess. A subclass redeclaring a property under the same names is fine.
  for (const auto& name : shipped().class_names()) {
    std::map<std::string, std::string> owner;
    for (const ClassDescriptor* c = shipped().find_class(name); c != nullptr;
         c = c->superclass.empty() ? nullptr : shipped().find_class(c->superclass)) {
      for (const auto& [property_name, property] : c->properties) {
        std::vector<std::string> names = property.aliases;
        names.push_back(property.name);
        names.push_back(property.serialized_name);
        for (const auto& n : names) {
          auto [it, inserted] = owner.emplace(n, property.name);
          EXPECT_EQ(it->second, property.name) << name << ": '" << n << "' names both " << it->second << " and "
                                               << property.name;
        }
      }
    }
  }
}

TEST(ShippedData, MaterialEnumIsComplete) {
  const EnumDescriptor* material = shipped().find_enum("Material");
  ASSERT_NE(material, nullptr);
  EXPECT_EQ(material->items.size(), 45U);
  EXPECT_EQ(material->item_value("Plastic"), 256U);
  EXPECT_EQ(material->item_value("SmoothPlastic"), 272U);
  EXPECT_EQ(material->item_value("Neon"), 288U);
  EXPECT_EQ(material->item_value("ForceField"), 1584U);
  EXPECT_EQ(material->item_value("Rubber"), 2311U);
  EXPECT_EQ(material->item_name(1568), "Glass");
}

TEST(ShippedData, EnumValuesMatchRoblox) {
  auto value = [](std::string_view e, std::string_view item) { return shipped().find_enum(e)->item_value(item); };
  EXPECT_EQ(value("PartType", "Ball"), 0U);
  EXPECT_EQ(value("PartType", "CornerWedge"), 4U);
  EXPECT_EQ(value("SurfaceType", "Inlet"), 4U);
  EXPECT_EQ(value("SurfaceType", "SmoothNoOutlines"), 10U);
  EXPECT_EQ(value("NormalId", "Front"), 5U);
  EXPECT_EQ(value("RunContext", "Client"), 2U);
  EXPECT_EQ(value("Font", "SourceSans"), 3U);
  EXPECT_EQ(value("Font", "BuilderSansExtraBold"), 49U);
  EXPECT_EQ(value("FontWeight", "SemiBold"), 600U);
  EXPECT_EQ(value("TextXAlignment", "Center"), 2U);
  EXPECT_EQ(value("TextYAlignment", "Bottom"), 2U);
  EXPECT_EQ(value("ScaleType", "Crop"), 4U);
  EXPECT_EQ(value("AutomaticSize", "XY"), 3U);
  EXPECT_EQ(value("ZIndexBehavior", "Sibling"), 1U);
  EXPECT_EQ(value("ScreenInsets", "CoreUISafeInsets"), 2U);
  EXPECT_EQ(value("HumanoidRigType", "R15"), 1U);
  EXPECT_EQ(value("Technology", "Future"), 4U);
  EXPECT_EQ(value("KeyCode", "E"), 101U);
  EXPECT_EQ(value("KeyCode", "ButtonX"), 1000U);
}

TEST(ShippedData, PaletteAndFontTable) {
  const BrickColorInfo* grey = shipped().find_brick_color(194);
  ASSERT_NE(grey, nullptr);
  EXPECT_EQ(grey->name, "Medium stone grey");
  EXPECT_EQ(grey->color, (types::Color3uint8{163, 162, 165}));
  EXPECT_EQ(shipped().find_brick_color(21)->color, (types::Color3uint8{196, 40, 28}));
  EXPECT_EQ(shipped().find_brick_color(4), nullptr);

  auto source_sans = shipped().font_face_for(3);
  ASSERT_TRUE(source_sans.has_value());
  EXPECT_EQ(source_sans->family, "rbxasset://fonts/families/SourceSansPro.json");
  EXPECT_EQ(source_sans->weight, 400);
  auto bold = shipped().font_face_for(4);
  ASSERT_TRUE(bold.has_value());
  EXPECT_EQ(bold->weight, 700);
  EXPECT_EQ(shipped().font_face_for(6)->style, 1);  // SourceSansItalic
  // Every Font item but Unknown has a face.
  for (const auto& [item, value] : shipped().find_enum("Font")->items) {
    if (item != "Unknown") {
      EXPECT_TRUE(shipped().font_face_for(value).has_value()) << item;
    }
  }
}

TEST(ShippedData, PartDefaultsAreRobloxs) {
  auto color = shipped().default_value("Part", "Color");
  ASSERT_TRUE(color.has_value());
  const auto& c = std::get<types::Color3>(*color);
  EXPECT_EQ(c.r, 163 / 255.0F);
  EXPECT_EQ(c.g, 162 / 255.0F);
  EXPECT_EQ(c.b, 165 / 255.0F);
  EXPECT_EQ(shipped().default_value("Part", "Size"), types::Variant(types::Vector3{4, 1.2F, 2}));
  EXPECT_EQ(shipped().default_value("Part", "Anchored"), types::Variant(false));
  EXPECT_EQ(shipped().default_value("Part", "CanCollide"), types::Variant(true));
  EXPECT_EQ(shipped().default_value("Part", "Material"), types::Variant(types::Enum{256}));
  EXPECT_EQ(shipped().default_value("Part", "BottomSurface"), types::Variant(types::Enum{4}));
  EXPECT_EQ(shipped().default_value("Part", "TopSurface"), types::Variant(types::Enum{3}));
  EXPECT_EQ(shipped().default_value("Part", "Shape"), types::Variant(types::Enum{1}));
  EXPECT_EQ(shipped().default_value("TrussPart", "Size"), types::Variant(types::Vector3{2, 2, 2}));
  EXPECT_EQ(shipped().default_value("Part", "SourceAssetId"), types::Variant(std::int64_t{-1}));
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
