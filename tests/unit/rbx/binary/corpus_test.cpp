// The Studio-written corpus (every model reads, writes back and reads again into the same tree) and our own
// fixture files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "binary_test_support.h"

namespace rbxpipe::rbx::binary {
namespace {

std::filesystem::path corpus_dir() {
  return std::filesystem::path(RBXPIPE_SOURCE_DIR) / ".." / "shared" / "corpus" / "studio-models";
}

std::vector<std::filesystem::path> corpus_models() {
  std::vector<std::filesystem::path> folders;
  if (!std::filesystem::is_directory(corpus_dir())) return folders;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    if (std::filesystem::exists(entry.path() / "binary.rbxm")) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Reads every model, writes it in each compression, reads that back and compares the trees; writing the second
// tree must give the same bytes again.
void round_trip_corpus(const ReadOptions& read_options, WriteOptions write_options) {
  auto models = corpus_models();
  if (models.empty()) GTEST_SKIP() << "no corpus at " << corpus_dir();
  for (const auto& folder : models) {
    SCOPED_TRACE(folder.filename().string());
    auto original = read(slurp(folder / "binary.rbxm"), read_options);
    ASSERT_TRUE(original.ok()) << original.error().to_string();
    EXPECT_GT(original->size(), 1u);
    for (Compression compression : {Compression::lz4, Compression::zstd, Compression::none}) {
      write_options.compression = compression;
      auto written = write(*original, testing::top_level(*original), write_options);
      ASSERT_TRUE(written.ok()) << written.error().to_string();
      auto again = read(*written, read_options);
      ASSERT_TRUE(again.ok()) << again.error().to_string();
      EXPECT_EQ(dom::first_difference(*original, original->root(), *again, again->root()), "");
      auto rewritten = write(*again, testing::top_level(*again), write_options);
      ASSERT_TRUE(rewritten.ok()) << rewritten.error().to_string();
      EXPECT_EQ(*rewritten, *written);
    }
  }
}

// The format alone: properties exactly as the files store them.
TEST(BinaryCorpus, StudioFilesRoundTripAsStored) { round_trip_corpus(testing::plain_read(), testing::plain_write()); }

// Through the shipped reflection data: canonical names and types, migrations and defaults.
TEST(BinaryCorpus, StudioFilesRoundTripThroughReflection) { round_trip_corpus(ReadOptions{}, WriteOptions{}); }

TEST(BinaryCorpus, NaNValuesSurviveBitForBit) {
  auto path = corpus_dir() / "three-vector3values" / "binary.rbxm";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no corpus";
  std::string file = slurp(path);
  dom::Dom dom = testing::read_ok(file);
  bool found_nan = false;
  for (auto id : dom.descendants(dom.root())) {
    for (const auto& [name, value] : dom.get(id).properties) found_nan = found_nan || !(value == value);
  }
  EXPECT_TRUE(found_nan);
  EXPECT_EQ(testing::write_all(testing::read_ok(testing::write_all(dom))), testing::write_all(dom));
}

// The fixture is what the writer makes of every_type_model(); RBXPIPE_UPDATE_GOLDEN=1 rewrites it after a
// deliberate encoding change.
TEST(BinaryFixture, EveryTypeModelMatchesItsFile) {
  auto path = std::filesystem::path(RBXPIPE_SOURCE_DIR) / "fixtures/models/binary-every-type/model.rbxm";
  dom::Dom dom = testing::every_type_model();
  WriteOptions options;
  options.compression = Compression::none;
  auto bytes = write(dom, testing::top_level(dom), options);
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  if (const char* update = std::getenv("RBXPIPE_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(path, std::ios::binary) << *bytes;
  }
  std::string file = slurp(path);
  EXPECT_EQ(*bytes, file);
  auto back = read(file);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(dom::first_difference(dom, dom.root(), *back, back->root()), "");
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
