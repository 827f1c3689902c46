// How the binary format uses reflection: service markers, serialized names, defaults and legacy properties.
#include <gtest/gtest.h>

#include "binary_test_support.h"
#include "rbx/binary/values.h"

namespace rbxpipe::rbx::binary {
namespace {

using testing::FileBuilder;
using testing::top_level;

const reflection::Database& test_database() {
  static const reflection::Database database = [] {
    reflection::Database made;
    auto merged = made.merge_rbxpipe_json(R"({
      "version": 1,
      "classes": {
        "TestService": {"service": true},
        "TestPart": {
          "properties": {
            "Size": {"type": "Vector3", "serialized_name": "size"},
            "Count": "Int32"
          },
          "defaults": {"Size": [4, 1.25, 2], "Count": 7}
        },
        "TestDecal": {
          "properties": {
            "Texture": {"type": "ContentId", "migration": "content_id_to_content", "migrate_to": "TextureContent"},
            "TextureContent": "Content"
          }
        }
      }
    })");
    EXPECT_TRUE(merged.ok()) << (merged.ok() ? "" : merged.error().to_string());
    return made;
  }();
  return database;
}

ReadOptions test_read() {
  ReadOptions options;
  options.database = &test_database();
  return options;
}

WriteOptions test_write() {
  WriteOptions options;
  options.database = &test_database();
  options.compression = Compression::none;
  return options;
}

// The INST chunk of `class_name` in an uncompressed file: its object format and service markers.
std::pair<int, std::string> inst_format(const std::string& file, const std::string& class_name) {
  ChunkStream stream(file, test_read());
  while (true) {
    auto chunk = stream.next();
    if (!chunk || chunk->name == "END") return {-1, ""};
    if (chunk->name != "INST") continue;
    ByteReader reader(chunk->body);
    reader.read_u32();
    if (reader.read_string() != class_name) continue;
    int format = reader.read_u8();
    std::uint32_t count = reader.read_u32();
    read_referents(reader, count);
    return {format, format == 1 ? std::string(reader.read_bytes(count)) : std::string()};
  }
}

TEST(BinaryReflection, ServicesDirectlyUnderTheRootAreMarked) {
  dom::Dom dom;
  dom.insert(dom.root(), "TestService", "AtRoot");
  auto folder = dom.insert(dom.root(), "Folder", "Folder");
  dom.insert(folder, "TestService", "Nested");
  auto file = write(dom, top_level(dom), test_write());
  ASSERT_TRUE(file.ok()) << file.error().to_string();
  // Post-order referents: AtRoot 0, Nested 1, Folder 2.
  EXPECT_EQ(inst_format(*file, "TestService"), std::make_pair(1, std::string("\1\0", 2)));
  EXPECT_EQ(inst_format(*file, "Folder").first, 0);
  dom::Dom back = testing::read_ok(*file);
  EXPECT_EQ(dom::first_difference(dom, dom.root(), back, back.root()), "");
}

TEST(BinaryReflection, PropertiesUseSerializedNamesInFilesAndCanonicalNamesInTheTree) {
  dom::Dom dom;
  auto part = dom.insert(dom.root(), "TestPart", "Part");
  dom.set_property(part, "Size", types::Vector3{1, 2, 3});
  dom.set_property(part, "Count", std::int32_t{3});
  auto file = write(dom, top_level(dom), test_write());
  ASSERT_TRUE(file.ok());
  EXPECT_NE(file->find(std::string("\4\0\0\0size", 8)), std::string::npos);
  EXPECT_EQ(file->find(std::string("\4\0\0\0Size", 8)), std::string::npos);
  auto back = read(*file, test_read());
  ASSERT_TRUE(back.ok());
  const auto& properties = back->get(top_level(*back)[0]).properties;
  EXPECT_EQ(properties.at("Size"), types::Variant(types::Vector3{1, 2, 3}));
  EXPECT_FALSE(properties.contains("size"));
}

TEST(BinaryReflection, InstancesLackingAPropertyGetTheReflectionDefault) {
  dom::Dom dom;
  auto full = dom.insert(dom.root(), "TestPart", "Full");
  dom.insert(dom.root(), "TestPart", "Bare");
  dom.set_property(full, "Size", types::Vector3{1, 2, 3});
  dom.set_property(full, "Count", std::int32_t{3});
  auto file = write(dom, top_level(dom), test_write());
  ASSERT_TRUE(file.ok());
  auto back = read(*file, test_read());
  ASSERT_TRUE(back.ok());
  const auto& bare = back->get(top_level(*back)[1]).properties;
  EXPECT_EQ(bare.at("Size"), types::Variant(types::Vector3{4, 1.25F, 2}));
  EXPECT_EQ(bare.at("Count"), types::Variant(std::int32_t{7}));
}

std::string content_uri_values(const std::string& uri) {
  ByteWriter writer;
  EncodeContext context{[](types::InstanceId) { return -1; }, [](const std::string&) { return 0U; }};
  types::Variant value = types::Content{types::Content::Kind::uri, uri, types::k_null_instance};
  EXPECT_TRUE(encode_values(TypeId::content, std::span(&value, 1), context, writer).ok());
  return writer.take();
}

std::string string_values(const std::string& text) {
  ByteWriter writer;
  writer.write_string(text);
  return writer.take();
}

TEST(BinaryReflection, TheNewerPropertyWinsOverTheLegacyOneInEitherOrder) {
  std::string legacy_first = FileBuilder(1, 1)
                                 .inst(0, "TestDecal", {0})
                                 .prop(0, "Texture", 0x01, string_values("rbxassetid://1"))
                                 .prop(0, "TextureContent", 0x22, content_uri_values("rbxassetid://2"))
                                 .end()
                                 .bytes();
  std::string newer_first = FileBuilder(1, 1)
                                .inst(0, "TestDecal", {0})
                                .prop(0, "TextureContent", 0x22, content_uri_values("rbxassetid://2"))
                                .prop(0, "Texture", 0x01, string_values("rbxassetid://1"))
                                .end()
                                .bytes();
  types::Variant expected = types::Content{types::Content::Kind::uri, "rbxassetid://2", types::k_null_instance};
  for (const std::string& file : {legacy_first, newer_first}) {
    auto dom = read(file, test_read());
    ASSERT_TRUE(dom.ok()) << dom.error().to_string();
    const auto& properties = dom->get(top_level(*dom)[0]).properties;
    EXPECT_EQ(properties.at("TextureContent"), expected);
    EXPECT_FALSE(properties.contains("Texture"));
  }
  // Alone, the legacy property reads as its replacement.
  std::string legacy_only = FileBuilder(1, 1)
                                .inst(0, "TestDecal", {0})
                                .prop(0, "Texture", 0x01, string_values("rbxassetid://1"))
                                .end()
                                .bytes();
  auto dom = read(legacy_only, test_read());
  ASSERT_TRUE(dom.ok());
  EXPECT_EQ(dom->get(top_level(*dom)[0]).properties.at("TextureContent"),
            types::Variant(types::Content{types::Content::Kind::uri, "rbxassetid://1", types::k_null_instance}));
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
