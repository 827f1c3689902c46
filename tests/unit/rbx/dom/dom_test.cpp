#include "rbx/dom/dom.h"

#include <gtest/gtest.h>

#include "rbx/dom/dump.h"

namespace rbxpipe::rbx::dom {
namespace {

TEST(Dom, StartsWithARootDataModel) {
  Dom dom;
  EXPECT_EQ(dom.size(), 1u);
  EXPECT_EQ(dom.get(dom.root()).class_name, "DataModel");
  EXPECT_EQ(dom.get(dom.root()).parent, k_null_instance);
}

TEST(Dom, InsertKeepsChildOrderAndParents) {
  Dom dom;
  auto a = dom.insert(dom.root(), "Folder", "A");
  auto b = dom.insert(dom.root(), "Folder", "B");
  auto c = dom.insert(a, "Part", "C");
  EXPECT_EQ(dom.get(dom.root()).children, (std::vector<InstanceId>{a, b}));
  EXPECT_EQ(dom.get(c).parent, a);
  EXPECT_EQ(dom.find_child(dom.root(), "B"), b);
  EXPECT_EQ(dom.find_child(dom.root(), "Z"), k_null_instance);
  EXPECT_EQ(dom.descendants(dom.root()), (std::vector<InstanceId>{dom.root(), a, c, b}));
}

TEST(Dom, ReparentRefusesCyclesAndTheRoot) {
  Dom dom;
  auto a = dom.insert(dom.root(), "Folder", "A");
  auto b = dom.insert(a, "Folder", "B");
  EXPECT_FALSE(dom.reparent(a, b).ok());
  EXPECT_FALSE(dom.reparent(a, a).ok());
  EXPECT_FALSE(dom.reparent(dom.root(), a).ok());
  ASSERT_TRUE(dom.reparent(b, dom.root()).ok());
  EXPECT_EQ(dom.get(dom.root()).children, (std::vector<InstanceId>{a, b}));
  EXPECT_TRUE(dom.get(a).children.empty());
}

TEST(Dom, DestroyRemovesTheSubtree) {
  Dom dom;
  auto a = dom.insert(dom.root(), "Folder", "A");
  auto b = dom.insert(a, "Folder", "B");
  dom.destroy(a);
  EXPECT_FALSE(dom.contains(a));
  EXPECT_FALSE(dom.contains(b));
  EXPECT_EQ(dom.size(), 1u);
  EXPECT_TRUE(dom.get(dom.root()).children.empty());
}

TEST(Dom, DeepTreesNeedNoRecursion) {
  Dom dom;
  InstanceId at = dom.root();
  for (int i = 0; i < 20000; ++i) at = dom.insert(at, "Folder", "F");
  EXPECT_EQ(dom.descendants(dom.root()).size(), 20001u);
  EXPECT_FALSE(dump_text(dom, dom.root()).empty());
}

TEST(Dom, FirstDifferenceComparesRefsByPosition) {
  Dom a;
  auto a1 = a.insert(a.root(), "Part", "P");
  auto a2 = a.insert(a.root(), "ObjectValue", "V");
  a.set_property(a2, "Value", types::Ref{a1});
  Dom b;
  b.insert(b.root(), "Folder", "padding");
  b.destroy(b.get(b.root()).children[0]);
  auto b1 = b.insert(b.root(), "Part", "P");
  auto b2 = b.insert(b.root(), "ObjectValue", "V");
  b.set_property(b2, "Value", types::Ref{b1});
  EXPECT_NE(a1, b1);
  EXPECT_EQ(first_difference(a, a.root(), b, b.root()), "");
  b.set_property(b2, "Value", types::Ref{b2});
  EXPECT_EQ(first_difference(a, a.root(), b, b.root()), "V: property Value refers to different instances");
  b.set_property(b2, "Value", types::Ref{b1});
  b.set_property(b1, "Anchored", true);
  EXPECT_EQ(first_difference(a, a.root(), b, b.root()), "P: property Anchored missing on the left");
}

TEST(Dump, TextIsStableAndNamesRefsByPath) {
  Dom dom;
  auto model = dom.insert(dom.root(), "Model", "Volcano");
  auto first = dom.insert(model, "Part", "Rock");
  auto second = dom.insert(model, "Part", "Rock");
  dom.set_property(first, "Size", types::Vector3{4, 1.5f, 2});
  dom.set_property(first, "Anchored", true);
  dom.set_property(model, "PrimaryPart", types::Ref{second});
  dom.set_property(second, "Tags", types::Tags{{"lava", "hot"}});
  EXPECT_EQ(dump_text(dom, model),
            "Model \"Volcano\"\n"
            "  PrimaryPart: Ref = @Rock[2]\n"
            "  Part \"Rock\"\n"
            "    Anchored: Bool = true\n"
            "    Size: Vector3 = 4, 1.5, 2\n"
            "  Part \"Rock\"\n"
            "    Tags: Tags = [\"lava\", \"hot\"]\n");
}

TEST(Dump, JsonNestsChildrenAndTypesValues) {
  Dom dom;
  auto part = dom.insert(dom.root(), "Part", "P");
  dom.set_property(part, "CFrame", types::CFrame{{1, 2, 3}, {1, 0, 0, 0, 1, 0, 0, 0, 1}});
  dom.set_property(part, "Transparency", 0.25f);
  EXPECT_EQ(dump_json(dom, part),
            "{\n"
            "  \"class\": \"Part\",\n"
            "  \"name\": \"P\",\n"
            "  \"properties\": {\n"
            "    \"CFrame\": {\n"
            "      \"type\": \"CFrame\",\n"
            "      \"value\": {\n"
            "        \"position\": [\n          1.0,\n          2.0,\n          3.0\n        ],\n"
            "        \"rotation\": [\n          1.0,\n          0.0,\n          0.0,\n          0.0,\n          1.0,\n"
            "          0.0,\n          0.0,\n          0.0,\n          1.0\n        ]\n"
            "      }\n"
            "    },\n"
            "    \"Transparency\": {\n      \"type\": \"Float32\",\n      \"value\": 0.25\n    }\n"
            "  },\n"
            "  \"children\": []\n"
            "}\n");
}

TEST(Dump, InstancePathsDisambiguateSiblings) {
  Dom dom;
  auto a = dom.insert(dom.root(), "Folder", "A");
  dom.insert(a, "Folder", "X");
  auto x2 = dom.insert(a, "Folder", "X");
  auto leaf = dom.insert(x2, "Part", "Leaf");
  EXPECT_EQ(instance_path(dom, dom.root(), leaf), "A.X[2].Leaf");
  EXPECT_EQ(instance_path(dom, a, leaf), "X[2].Leaf");
}

TEST(Variant, TypeNamesRoundTrip) {
  for (int i = 0; i < static_cast<int>(std::variant_size_v<types::Variant>); ++i) {
    auto type = static_cast<types::VariantType>(i);
    EXPECT_EQ(types::variant_type_from_name(types::variant_type_name(type)), type);
    EXPECT_EQ(types::type_of(types::default_value(type)), type);
  }
  EXPECT_EQ(types::variant_type_from_name("CoordinateFrame"), types::VariantType::CFrame);
  EXPECT_FALSE(types::variant_type_from_name("Nope").has_value());
  EXPECT_EQ(std::get<types::CFrame>(types::default_value(types::VariantType::CFrame)).rotation[4], 1.0f);
}

}  // namespace
}  // namespace rbxpipe::rbx::dom
