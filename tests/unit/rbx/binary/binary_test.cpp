// File layout, tree building and deep nesting.
#include <gtest/gtest.h>


#include "binary_test_support.h"

namespace rbxpipe::rbx::binary {
namespace {

using testing::FileBuilder;
using testing::read_ok;
using testing::top_level;
using testing::write_all;

std::string chunk_names(std::string_view file) {
  std::string names;
  ChunkStream stream(file, testing::plain_read());
  while (true) {
    auto chunk = stream.next();
    if (!chunk) return names + "<" + chunk.error().message() + ">";
    names += chunk->name + " ";
    if (chunk->name == "END") return names;
  }
}

std::string name_bytes(const std::string& name) {
  ByteWriter writer;
  writer.write_string(name);
  return writer.take();
}

TEST(BinaryLayout, ChunksComeInTheDocumentedOrder) {
  dom::Dom dom;
  auto b = dom.insert(dom.root(), "TestB", "B");
  dom.insert(b, "TestA", "A");
  dom.set_property(b, "Mesh", types::SharedString{"x"});
  std::string file = write_all(dom, Compression::none);
  EXPECT_EQ(file.substr(0, 14), std::string("<roblox!\x89\xFF\x0D\x0A\x1A\x0A", 14));
  EXPECT_EQ(chunk_names(file), "SSTR INST INST PROP PROP PROP PRNT END ");
  EXPECT_EQ(file.substr(file.size() - 25), std::string("END\0\0\0\0\0\x09\0\0\0\0\0\0\0</roblox>", 25));
  // Header: 2 classes, 2 instances.
  EXPECT_EQ(file.substr(16, 8), std::string("\x02\0\0\0\x02\0\0\0", 8));
}

TEST(BinaryLayout, ParentLinksAreWrittenInPostOrder) {
  dom::Dom dom;
  auto top = dom.insert(dom.root(), "Folder", "Top");
  auto first = dom.insert(top, "Folder", "First");
  dom.insert(first, "Folder", "Leaf");
  dom.insert(top, "Folder", "Second");
  std::string file = write_all(dom, Compression::none);
  std::size_t at = file.find("PRNT");
  ASSERT_NE(at, std::string::npos);
  ByteReader reader(std::string_view(file).substr(at + 16));
  EXPECT_EQ(reader.read_u8(), 0);
  ASSERT_EQ(reader.read_u32(), 4u);
  // Referents follow post-order: Leaf 0, First 1, Second 2, Top 3.
  EXPECT_EQ(read_referents(reader, 4), (std::vector<std::int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(read_referents(reader, 4), (std::vector<std::int32_t>{1, 3, 3, -1}));
}

TEST(BinaryTree, ParentLinksInAnyOrderBuildTheSameTree) {
  // Referents: 0 Top, 1 Child A, 2 Child B, 3 Grandchild (of B). PRNT lists parents before children here.
  std::string names = name_bytes("Top") + name_bytes("A") + name_bytes("B") + name_bytes("G");
  std::string file = FileBuilder(1, 4)
                         .inst(0, "Folder", {0, 1, 2, 3})
                         .prop(0, "Name", 0x01, names)
                         .prnt({0, 1, 2, 3}, {-1, 0, 0, 2})
                         .end()
                         .bytes();
  dom::Dom dom = read_ok(file);
  ASSERT_EQ(top_level(dom).size(), 1u);
  const auto& top = dom.get(top_level(dom)[0]);
  EXPECT_EQ(top.name, "Top");
  ASSERT_EQ(top.children.size(), 2u);
  EXPECT_EQ(dom.get(top.children[0]).name, "A");
  EXPECT_EQ(dom.get(top.children[1]).name, "B");
  ASSERT_EQ(dom.get(top.children[1]).children.size(), 1u);
  EXPECT_EQ(dom.get(dom.get(top.children[1]).children[0]).name, "G");
  EXPECT_TRUE(dom.get(top.children[0]).properties.empty());  // Name is a field, not a property
}

TEST(BinaryTree, UnparentedInstancesBecomeTopLevelAfterTheLinkedOnes) {
  std::string file = FileBuilder(1, 3)
                         .inst(0, "Folder", {0, 1, 2})
                         .prnt({2}, {-1})
                         .end()
                         .bytes();
  dom::Dom dom = read_ok(file);
  auto top = top_level(dom);
  ASSERT_EQ(top.size(), 3u);
  // Without a Name property an instance is named after its class.
  EXPECT_EQ(dom.get(top[0]).name, "Folder");
  EXPECT_EQ(dom.get(top[0]).class_name, "Folder");
}

TEST(BinaryTree, NothingToWriteGivesAnEmptyButValidFile) {
  dom::Dom dom;
  std::string file = write_all(dom);
  EXPECT_EQ(chunk_names(file), "PRNT END ");
  EXPECT_EQ(read_ok(file).size(), 1u);
}

TEST(BinaryTree, TenThousandLevelsDeepRoundTrip) {
  dom::Dom dom;
  dom::InstanceId at = dom.root();
  for (int depth = 0; depth < 10'000; ++depth) at = dom.insert(at, "Folder", "F" + std::to_string(depth));
  std::string file = write_all(dom);
  dom::Dom back = read_ok(file);
  EXPECT_EQ(back.size(), dom.size());
  EXPECT_EQ(dom::first_difference(dom, dom.root(), back, back.root()), "");
  EXPECT_EQ(write_all(back), file);
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
