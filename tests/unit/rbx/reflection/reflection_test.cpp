// Database lookups and rbxpipe's own reflection format: parsing, errors, and lossless round trips.
#include <gtest/gtest.h>

#include <string>

#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {
namespace {

using types::Variant;

// A small database in our format with inheritance, a rename, an alias, an enum and defaults.
constexpr std::string_view k_small = R"({
  "version": 1,
  "enums": {"Shape": {"Ball": 0, "Block": 1}},
  "classes": {
    "Instance": {"properties": {"Name": "String", "Archivable": {"type": "Bool", "serialized_name": "archivable"}},
                 "defaults": {"Archivable": true}},
    "Brick": {"superclass": "Instance",
              "properties": {"Size": {"type": "Vector3", "serialized_name": "size", "aliases": ["sz"]},
                             "Shape": "Enum.Shape", "Position": {"type": "Vector3", "serializes": false}},
              "defaults": {"Size": [4, 1.2, 2], "Shape": "Block"}},
    "Ball": {"superclass": "Brick", "defaults": {"Shape": "Ball", "size": [2, 2, 2]}},
    "Store": {"superclass": "Instance", "service": true}
  }
})";

Database small() {
  Database database;
  auto merged = database.merge_rbxpipe_json(k_small);
  EXPECT_TRUE(merged.ok()) << merged.error().to_string();
  return database;
}

TEST(Database, FindsPropertiesThroughSuperclasses) {
  Database database = small();
  const PropertyDescriptor* name = database.find_property("Ball", "Name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->class_name, "Instance");
  EXPECT_EQ(name->type, types::VariantType::String);
  EXPECT_EQ(database.find_property("Ball", "Nope"), nullptr);
  EXPECT_EQ(database.find_property("NoClass", "Name"), nullptr);
}

TEST(Database, FindsPropertiesBySerializedNameAndAlias) {
  Database database = small();
  const PropertyDescriptor* by_file = database.find_property("Ball", "size");
  const PropertyDescriptor* by_alias = database.find_property("Ball", "sz");
  ASSERT_NE(by_file, nullptr);
  EXPECT_EQ(by_file->name, "Size");
  EXPECT_EQ(by_alias, by_file);
  EXPECT_EQ(database.find_property("Ball", "archivable")->name, "Archivable");
  EXPECT_FALSE(database.find_property("Brick", "Position")->serializes);
}

TEST(Database, EnumsAndServices) {
  Database database = small();
  const EnumDescriptor* shape = database.find_enum("Shape");
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(shape->item_value("Block"), 1U);
  EXPECT_EQ(shape->item_name(0), "Ball");
  EXPECT_EQ(shape->item_name(7), std::nullopt);
  EXPECT_EQ(database.find_property("Brick", "Shape")->enum_name, "Shape");
  EXPECT_TRUE(database.is_service("Store"));
  EXPECT_FALSE(database.is_service("Ball"));
  EXPECT_TRUE(database.is_a("Ball", "Instance"));
  EXPECT_TRUE(database.is_a("Ball", "Ball"));
  EXPECT_FALSE(database.is_a("Brick", "Ball"));
  EXPECT_EQ(database.class_names(), (std::vector<std::string>{"Ball", "Brick", "Instance", "Store"}));
  EXPECT_EQ(database.class_count(), 4U);
  EXPECT_EQ(database.enum_count(), 1U);
}

TEST(Database, DefaultsWalkSuperclassesAndSubclassesOverride) {
  Database database = small();
  EXPECT_EQ(database.default_value("Brick", "Size"), Variant(types::Vector3{4, 1.2F, 2}));
  EXPECT_EQ(database.default_value("Ball", "Size"), Variant(types::Vector3{2, 2, 2}));  // set via its file name
  EXPECT_EQ(database.default_value("Ball", "size"), Variant(types::Vector3{2, 2, 2}));
  EXPECT_EQ(database.default_value("Ball", "Shape"), Variant(types::Enum{0}));
  EXPECT_EQ(database.default_value("Brick", "Shape"), Variant(types::Enum{1}));
  EXPECT_EQ(database.default_value("Ball", "Archivable"), Variant(true));
  EXPECT_EQ(database.default_value("Ball", "Name"), std::nullopt);
}

TEST(Database, SuperclassCyclesDoNotHang) {
  Database database;
  ASSERT_TRUE(database.merge_rbxpipe_json(R"({"classes": {"A": {"superclass": "B"}, "B": {"superclass": "A"}}})"));
  EXPECT_EQ(database.find_property("A", "X"), nullptr);
  EXPECT_FALSE(database.is_a("A", "C"));
  EXPECT_EQ(database.default_value("A", "X"), std::nullopt);
}

TEST(Database, MergingOverlaysPropertiesAndDefaults) {
  Database database = small();
  ASSERT_TRUE(database.merge_rbxpipe_json(R"({"enums": {"Shape": {"Cone": 2}},
    "classes": {"Brick": {"properties": {"Color": "Color3"}, "defaults": {"Color": [1, 0, 0]}}}})"));
  EXPECT_EQ(database.find_enum("Shape")->items.size(), 3U);
  EXPECT_NE(database.find_property("Brick", "Color"), nullptr);
  EXPECT_NE(database.find_property("Brick", "Size"), nullptr);  // kept
  EXPECT_EQ(database.find_class("Brick")->superclass, "Instance");
  EXPECT_EQ(database.default_value("Brick", "Size"), Variant(types::Vector3{4, 1.2F, 2}));
}

struct BadInput {
  std::string json;
  std::string message;  // expected in the error text
};

class DatabaseRejects : public ::testing::TestWithParam<BadInput> {};

TEST_P(DatabaseRejects, WithALocatedMessageAndNoChange) {
  Database database = small();
  auto merged = database.merge_rbxpipe_json(GetParam().json);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error().code(), base::ErrorCode::invalid_input);
  EXPECT_NE(merged.error().message().find(GetParam().message), std::string::npos) << merged.error().message();
  EXPECT_TRUE(database == small());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DatabaseRejects,
    ::testing::Values(
        BadInput{"{", "not valid JSON"}, BadInput{"[]", "expected an object"},
        BadInput{R"({"clases": {}})", "unknown key 'clases'"},
        BadInput{R"({"version": 2})", "unsupported reflection format version 2"},
        BadInput{R"({"classes": {"X": {"properties": {"P": "Vector9"}}}})", "classes.X.properties.P: unknown type"},
        BadInput{R"({"classes": {"X": {"properties": {"P": {"type": "Enum"}}}}})", "Enum without 'enum'"},
        BadInput{R"({"classes": {"X": {"properties": {"P": {"type": "Bool", "migration": "x", "migrate_to": "Q"}}}}})",
                 "unknown migration 'x'"},
        BadInput{R"({"classes": {"X": {"propertys": {}}}})", "classes.X: unknown key 'propertys'"},
        BadInput{R"({"classes": {"Brick": {"defaults": {"Size": [1, 2]}}}})",
                 "classes.Brick.defaults.Size: expected a Vector3 value"},
        BadInput{R"({"classes": {"Brick": {"defaults": {"Shape": "Cube"}}}})", "not an item of the enum"},
        BadInput{R"({"classes": {"Brick": {"defaults": {"Mystery": 1}}}})", "value has no type"},
        BadInput{R"({"enums": {"E": {"A": -1}}})", "enums.E.A: expected an unsigned 32-bit value"},
        BadInput{R"({"brick_colors": {"x": {"name": "n", "color": [1, 2, 3]}}})", "brick_colors.x: expected a number"},
        BadInput{R"({"font_faces": {"1": {"weight": 400}}})", "font_faces.1"}));

TEST(Database, RoundTripsItsOwnFormat) {
  Database database = small();
  Database copy;
  ASSERT_TRUE(copy.merge_rbxpipe_json(database.to_rbxpipe_json()));
  EXPECT_TRUE(copy == database);
}

TEST(Database, RoundTripsTheShippedData) {
  const Database& shipped = Database::shipped();
  std::string json = shipped.to_rbxpipe_json();
  Database copy;
  auto merged = copy.merge_rbxpipe_json(json);
  ASSERT_TRUE(merged.ok()) << merged.error().to_string();
  EXPECT_TRUE(copy == shipped);
  EXPECT_EQ(copy.to_rbxpipe_json(), json);
}

}  // namespace
}  // namespace rbxpipe::rbx::reflection
