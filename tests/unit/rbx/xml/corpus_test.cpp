// Files saved by Roblox Studio (the shared corpus, and small fixtures of our own): each reads, and what we write
// from it reads back into the same tree and writes the same bytes again.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rbx/reflection/database.h"
#include "tests/unit/rbx/xml/xml_test_support.h"

namespace rbxpipe::rbx::xml {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every `xml.rbxmx` one level below `directory`, sorted so failures are reported in a stable order.
std::vector<fs::path> models_in(const fs::path& directory) {
  std::vector<fs::path> models;
  if (!fs::is_directory(directory)) return models;
  for (const auto& entry : fs::directory_iterator(directory)) {
    fs::path model = entry.path() / "xml.rbxmx";
    if (fs::is_regular_file(model)) models.push_back(model);
  }
  std::sort(models.begin(), models.end());
  return models;
}

// Reads `text`, writes it, reads that back: the two trees must be equal and writing again must give the same bytes.
void expect_round_trip(std::string_view text, const reflection::Database& database) {
  ReadOptions read_options;
  read_options.database = &database;
  WriteOptions write_options;
  write_options.database = &database;
  auto original = read(text, read_options);
  ASSERT_TRUE(original.ok()) << original.error().to_string();
  EXPECT_GT(original->size(), 1U);
  std::string written = testing::write_ok(*original, write_options);
  auto again = read(written, read_options);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(testing::write_ok(*again, write_options), written);
  EXPECT_EQ(dom::first_difference(*original, original->root(), *again, again->root()), "");
}

void expect_stable_round_trip(const fs::path& model) {
  SCOPED_TRACE(model.string());
  std::string text = slurp(model);
  // Without reflection data every property passes through as the file spells it, so this checks the XML layer
  // alone: nothing may be lost or changed.
  static const reflection::Database k_no_reflection;
  expect_round_trip(text, k_no_reflection);
  // With the shipped data, the first write may migrate properties (PackageId -> PackageContent, BrickColor ->
  // Color), so it is the tree read back from our own output that must then survive unchanged.
  auto dom = read(text);
  ASSERT_TRUE(dom.ok()) << dom.error().to_string();
  expect_round_trip(testing::write_ok(*dom), reflection::Database::shipped());
}

TEST(XmlCorpus, StudioModelsRoundTrip) {
  fs::path corpus = fs::path(RBXPIPE_SOURCE_DIR) / "../shared/corpus/studio-models";
  auto models = models_in(corpus);
  if (models.empty()) GTEST_SKIP() << "no corpus at " << corpus;
  for (const fs::path& model : models) expect_stable_round_trip(model);
}

TEST(XmlCorpus, FixtureModelsRoundTrip) {
  std::vector<fs::path> models;
  for (const auto& entry : fs::directory_iterator(fs::path(RBXPIPE_SOURCE_DIR) / "fixtures/models")) {
    if (entry.path().filename().string().starts_with("xml-")) models.push_back(entry.path() / "model.rbxmx");
  }
  ASSERT_FALSE(models.empty());
  std::sort(models.begin(), models.end());
  for (const fs::path& model : models) expect_stable_round_trip(model);
}

TEST(XmlCorpus, ReadsTheDefaultPartAsStudioSavedIt) {
  fs::path model = fs::path(RBXPIPE_SOURCE_DIR) / "../shared/corpus/studio-models/default-inserted-part/xml.rbxmx";
  if (!fs::is_regular_file(model)) GTEST_SKIP() << "no corpus";
  auto dom = read(slurp(model));
  ASSERT_TRUE(dom.ok()) << dom.error().to_string();
  auto top = testing::top_level(*dom);
  ASSERT_EQ(top.size(), 1U);
  const dom::Instance& part = dom->get(top[0]);
  EXPECT_EQ(part.class_name, "Part");
  EXPECT_EQ(part.name, "Part");
  EXPECT_TRUE(part.children.empty());
  // Values as the file spells them; reflection may rename and convert, so look under either name.
  auto find = [&](std::initializer_list<const char*> names) -> const types::Variant* {
    for (const char* name : names) {
      if (auto found = part.properties.find(name); found != part.properties.end()) return &found->second;
    }
    return nullptr;
  };
  const types::Variant* size = find({"size", "Size"});
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(*size, types::Variant(types::Vector3{4, 1, 2}));
  const types::Variant* cframe = find({"CFrame"});
  ASSERT_NE(cframe, nullptr);
  EXPECT_EQ(std::get<types::CFrame>(*cframe).position, (types::Vector3{-14, 15.5F, -7}));
}

}  // namespace
}  // namespace rbxpipe::rbx::xml
