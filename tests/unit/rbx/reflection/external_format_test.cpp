// Importing rbx-dom databases and Roblox API dumps, and the import command's file handling.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "base/file_io.h"
#include "rbx/reflection/database.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::rbx::reflection {
namespace {

using types::Variant;

// A trimmed database.json in rbx-dom's shape, written for these tests.
constexpr std::string_view k_rbx_dom = R"({
  "Version": [0, 700, 0, 1],
  "Classes": {
    "Instance": {"Name": "Instance", "Superclass": null, "Tags": ["NotCreatable"],
      "Properties": {
        "Attributes": {"Name": "Attributes", "DataType": {"Value": "Attributes"},
                       "Kind": {"Canonical": {"Serialization": {"SerializesAs": "AttributesSerialize"}}}},
        "AttributesSerialize": {"Name": "AttributesSerialize", "DataType": {"Value": "BinaryString"},
                                "Kind": {"Alias": {"AliasFor": "Attributes"}}}
      },
      "DefaultProperties": {}},
    "Gadget": {"Name": "Gadget", "Superclass": "Instance", "Tags": [],
      "Properties": {
        "Size": {"Name": "Size", "DataType": {"Value": "Vector3"},
                 "Kind": {"Canonical": {"Serialization": {"SerializesAs": "size"}}}},
        "size": {"Name": "size", "DataType": {"Value": "Vector3"}, "Kind": {"Alias": {"AliasFor": "Size"}}},
        "Mode": {"Name": "Mode", "DataType": {"Enum": "GadgetMode"}, "Kind": {"Canonical": {"Serialization": "Serializes"}}},
        "Spin": {"Name": "Spin", "DataType": {"Value": "Float32"},
                 "Kind": {"Canonical": {"Serialization": "DoesNotSerialize"}}},
        "Image": {"Name": "Image", "DataType": {"Value": "ContentId"},
                  "Kind": {"Canonical": {"Serialization": {"Migrate": {"To": "ImageContent", "Migration": "ContentIdToContent"}}}}},
        "ImageContent": {"Name": "ImageContent", "DataType": {"Value": "Content"},
                         "Kind": {"Canonical": {"Serialization": "Serializes"}}},
        "Region": {"Name": "Region", "DataType": {"Value": "Region3"}, "Kind": {"Canonical": {"Serialization": "Serializes"}}}
      },
      "DefaultProperties": {
        "Size": {"Vector3": [1, 2, 3]}, "Mode": {"Enum": 1}, "ImageContent": {"Content": "None"},
        "Pivot": {"CFrame": {"position": [1, 2, 3], "orientation": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}},
        "Face": {"Font": {"family": "rbxasset://fonts/families/Ubuntu.json", "weight": "Bold", "style": "Normal"}},
        "Physics": {"PhysicalProperties": "Default"},
        "Curve": {"NumberSequence": {"keypoints": [{"time": 0, "value": 1, "envelope": 0}, {"time": 1, "value": 0, "envelope": 0}]}},
        "Region": {"Region3": {"min": [0, 0, 0], "max": [1, 1, 1]}}
      }},
    "GadgetService": {"Name": "GadgetService", "Superclass": "Instance", "Tags": ["Service", "NotCreatable"],
      "Properties": {}, "DefaultProperties": {}}
  },
  "Enums": {"GadgetMode": {"name": "GadgetMode", "items": {"Off": 0, "On": 1}}}
})";

// A trimmed Full-API-Dump.json in Roblox's shape, written for these tests.
constexpr std::string_view k_api_dump = R"({
  "Version": 1,
  "Classes": [
    {"Name": "Instance", "Superclass": "<<<ROOT>>>", "Tags": ["NotCreatable"], "Members": [
      {"MemberType": "Property", "Name": "Name", "ValueType": {"Category": "Primitive", "Name": "string"},
       "Serialization": {"CanLoad": true, "CanSave": true}}]},
    {"Name": "Widget", "Superclass": "Instance", "Members": [
      {"MemberType": "Property", "Name": "Count", "ValueType": {"Category": "Primitive", "Name": "int"},
       "Serialization": {"CanLoad": true, "CanSave": true}},
      {"MemberType": "Property", "Name": "Speed", "ValueType": {"Category": "Primitive", "Name": "double"},
       "Serialization": {"CanLoad": false, "CanSave": false}},
      {"MemberType": "Property", "Name": "Style", "ValueType": {"Category": "Enum", "Name": "WidgetStyle"},
       "Serialization": {"CanLoad": true, "CanSave": true}},
      {"MemberType": "Property", "Name": "Target", "ValueType": {"Category": "Class", "Name": "BasePart"},
       "Serialization": {"CanLoad": true, "CanSave": true}},
      {"MemberType": "Property", "Name": "Future", "ValueType": {"Category": "DataType", "Name": "Hologram"},
       "Serialization": {"CanLoad": true, "CanSave": true}},
      {"MemberType": "Function", "Name": "Spin", "Parameters": []}]},
    {"Name": "WidgetService", "Superclass": "Instance", "Tags": ["Service"], "Members": []}
  ],
  "Enums": [{"Name": "WidgetStyle", "Items": [{"Name": "Flat", "Value": 0}, {"Name": "Round", "Value": 1}]}]
})";

TEST(ExternalFormat, MergesAnRbxDomDatabase) {
  Database database;
  auto changed = database.merge_external_json(k_rbx_dom);
  ASSERT_TRUE(changed.ok()) << changed.error().to_string();
  EXPECT_EQ(*changed, 3U);
  EXPECT_TRUE(database.is_service("GadgetService"));
  EXPECT_TRUE(database.is_a("Gadget", "Instance"));

  const PropertyDescriptor* size = database.find_property("Gadget", "size");
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->name, "Size");
  EXPECT_EQ(size->serialized_name, "size");
  const PropertyDescriptor* attributes = database.find_property("Gadget", "AttributesSerialize");
  ASSERT_NE(attributes, nullptr);
  EXPECT_EQ(attributes->name, "Attributes");
  EXPECT_EQ(attributes->file_type, types::VariantType::BinaryString);
  EXPECT_EQ(database.find_property("Gadget", "Mode")->enum_name, "GadgetMode");
  EXPECT_FALSE(database.find_property("Gadget", "Spin")->serializes);
  const PropertyDescriptor* image = database.find_property("Gadget", "Image");
  EXPECT_EQ(image->migration, Migration::content_id_to_content);
  EXPECT_EQ(image->migrate_to, "ImageContent");
  EXPECT_EQ(database.find_property("Gadget", "Region"), nullptr);  // a type rbxpipe does not hold is skipped

  EXPECT_EQ(database.default_value("Gadget", "Size"), Variant(types::Vector3{1, 2, 3}));
  EXPECT_EQ(database.default_value("Gadget", "Mode"), Variant(types::Enum{1}));
  EXPECT_EQ(database.default_value("Gadget", "ImageContent"), Variant(types::Content{}));
  EXPECT_EQ(database.default_value("Gadget", "Pivot"), Variant(types::CFrame{{1, 2, 3}, {1, 0, 0, 0, 1, 0, 0, 0, 1}}));
  EXPECT_EQ(database.default_value("Gadget", "Face"),
            Variant(types::Font{"rbxasset://fonts/families/Ubuntu.json", 700, 0, ""}));
  EXPECT_EQ(database.default_value("Gadget", "Physics"), Variant(types::PhysicalProperties{}));
  EXPECT_EQ(database.default_value("Gadget", "Curve"), Variant(types::NumberSequence{{{0, 1, 0}, {1, 0, 0}}}));
  EXPECT_EQ(database.default_value("Gadget", "Region"), std::nullopt);
  EXPECT_EQ(database.find_enum("GadgetMode")->item_value("On"), 1U);

  // The result is an ordinary database: it round-trips through our format.
  Database copy;
  ASSERT_TRUE(copy.merge_rbxpipe_json(database.to_rbxpipe_json()));
  EXPECT_TRUE(copy == database);
}

TEST(ExternalFormat, MergesAnApiDump) {
  Database database;
  auto changed = database.merge_external_json(k_api_dump);
  ASSERT_TRUE(changed.ok()) << changed.error().to_string();
  EXPECT_EQ(*changed, 3U);
  EXPECT_EQ(database.find_class("Instance")->superclass, "");
  EXPECT_TRUE(database.is_service("WidgetService"));
  EXPECT_EQ(database.find_property("Widget", "Count")->type, types::VariantType::Int32);
  EXPECT_EQ(database.find_property("Widget", "Speed")->type, types::VariantType::Float64);
  EXPECT_FALSE(database.find_property("Widget", "Speed")->serializes);
  EXPECT_EQ(database.find_property("Widget", "Style")->enum_name, "WidgetStyle");
  EXPECT_EQ(database.find_property("Widget", "Target")->type, types::VariantType::Ref);
  EXPECT_EQ(database.find_property("Widget", "Future"), nullptr);
  EXPECT_EQ(database.find_property("Widget", "Spin"), nullptr);
  EXPECT_EQ(database.find_enum("WidgetStyle")->item_value("Round"), 1U);
}

TEST(ExternalFormat, ApiDumpKeepsWhatWeKnowAboutSerialization) {
  Database database;
  ASSERT_TRUE(database.merge_rbxpipe_json(R"({"classes": {"Instance": {}, "Sound": {"superclass": "Instance",
    "properties": {"RollOffMaxDistance": {"type": "Float32", "serialized_name": "xmlRead_MaxDistance_3"}}}}})"));
  constexpr std::string_view dump = R"({"Classes": [{"Name": "Sound", "Superclass": "Instance", "Members": [
    {"MemberType": "Property", "Name": "RollOffMaxDistance", "ValueType": {"Category": "Primitive", "Name": "float"},
     "Serialization": {"CanLoad": false, "CanSave": false}},
    {"MemberType": "Property", "Name": "xmlRead_MaxDistance_3", "ValueType": {"Category": "Primitive", "Name": "float"},
     "Serialization": {"CanLoad": true, "CanSave": true}},
    {"MemberType": "Property", "Name": "Volume", "ValueType": {"Category": "Primitive", "Name": "float"},
     "Serialization": {"CanLoad": true, "CanSave": true}}]}], "Enums": []})";
  auto changed = database.merge_external_json(dump);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 1U);
  const PropertyDescriptor* max = database.find_property("Sound", "xmlRead_MaxDistance_3");
  ASSERT_NE(max, nullptr);
  EXPECT_EQ(max->name, "RollOffMaxDistance");
  EXPECT_TRUE(max->serializes);
  EXPECT_NE(database.find_property("Sound", "Volume"), nullptr);
}

TEST(ExternalFormat, RejectsMalformedInputClearly) {
  Database database;
  auto bad_json = database.merge_external_json("{\"Classes\": [");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_EQ(bad_json.error().code(), base::ErrorCode::invalid_input);
  EXPECT_NE(bad_json.error().message().find("not valid JSON"), std::string::npos);
  auto no_classes = database.merge_external_json(R"({"Enums": {}})");
  ASSERT_FALSE(no_classes.ok());
  EXPECT_NE(no_classes.error().message().find("rbx-dom database.json or a Roblox API dump"), std::string::npos);
  auto wrong_shape = database.merge_external_json(R"({"Classes": 5})");
  ASSERT_FALSE(wrong_shape.ok());
  EXPECT_EQ(database.class_count(), 0U);
}

TEST(ExternalFormat, ToleratesOddEntries) {
  Database database;
  auto changed = database.merge_external_json(R"({"Classes": {"A": 5, "B": {"Properties": {"P": 1, "Q": {}},
    "DefaultProperties": {"Q": {"Vector3": "nope"}}}}, "Enums": {"E": {"items": {"X": -1}}}})");
  ASSERT_TRUE(changed.ok()) << changed.error().to_string();
  EXPECT_NE(database.find_class("B"), nullptr);
  EXPECT_EQ(database.default_value("B", "Q"), std::nullopt);
  auto dump = database.merge_external_json(R"({"Classes": [5, {"Members": 3}, {"Name": "C", "Members": [1]}]})");
  ASSERT_TRUE(dump.ok()) << dump.error().to_string();
  EXPECT_NE(database.find_class("C"), nullptr);
}

TEST(ImportReflectionFile, StoresWhatDiffersFromTheBuiltInData) {
  testing::TempDir home;
  auto dump = home.write("dump.json", k_api_dump);
  auto imported = import_reflection_file(dump, home.path() / "home");
  ASSERT_TRUE(imported.ok()) << imported.error().to_string();
  std::string stored = home.read("home/reflection.json");
  ASSERT_FALSE(stored.empty());
  Database extension;
  ASSERT_TRUE(extension.merge_rbxpipe_json(stored).ok());
  EXPECT_NE(extension.find_class("Widget"), nullptr);
  EXPECT_NE(extension.find_enum("WidgetStyle"), nullptr);
  EXPECT_EQ(extension.find_class("Part"), nullptr);  // unchanged built-in classes are not copied

  // A second import merges onto the first.
  auto second = home.write("second.json", R"({"Classes": [{"Name": "Gizmo", "Superclass": "Instance", "Members": []}]})");
  ASSERT_TRUE(import_reflection_file(second, home.path() / "home").ok());
  Database both;
  ASSERT_TRUE(both.merge_rbxpipe_json(home.read("home/reflection.json")).ok());
  EXPECT_NE(both.find_class("Widget"), nullptr);
  EXPECT_NE(both.find_class("Gizmo"), nullptr);
}

TEST(ImportReflectionFile, ReportsMissingAndBrokenFiles) {
  testing::TempDir home;
  auto missing = import_reflection_file(home.path() / "nope.json", home.path());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), base::ErrorCode::not_found);
  auto broken = import_reflection_file(home.write("broken.json", "{"), home.path());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code(), base::ErrorCode::invalid_input);
  EXPECT_NE(broken.error().to_string().find("broken.json"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(home.path() / "reflection.json"));
}

TEST(UserDatabasePath, FollowsTheHomeVariables) {
  const char* saved_home = std::getenv("RBXPIPE_HOME");
  std::string saved = saved_home != nullptr ? saved_home : "";
  ::setenv("RBXPIPE_HOME", "/tmp/rbxpipe-home", 1);
  EXPECT_EQ(user_database_path(), std::filesystem::path("/tmp/rbxpipe-home/reflection.json"));
  ::unsetenv("RBXPIPE_HOME");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(user_database_path(), std::filesystem::path("/tmp/xdg/rbxpipe/reflection.json"));
  ::unsetenv("XDG_DATA_HOME");
  if (saved_home != nullptr) ::setenv("RBXPIPE_HOME", saved.c_str(), 1);
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
