// Malformed and hostile files: every one must give a clear error (never a crash, never undefined behaviour).
#include <gtest/gtest.h>

#include "binary_test_support.h"

namespace rbxpipe::rbx::binary {
namespace {

using namespace std::literals;

using testing::FileBuilder;
using testing::read_error;
using testing::read_ok;
using testing::write_all;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string small_file(Compression compression) {
  dom::Dom dom;
  auto model = dom.insert(dom.root(), "TestModel", "Model");
  auto part = dom.insert(model, "TestPart", "Part");
  dom.set_property(part, "Size", types::Vector3{1, 2, 3});
  dom.set_property(part, "Mesh", types::SharedString{"mesh"});
  dom.set_property(model, "Primary", types::Ref{part});
  return write_all(dom, compression);
}

std::string i32s(std::vector<std::int32_t> values) {
  ByteWriter writer;
  write_i32_array(writer, values);
  return writer.take();
}

TEST(BinaryHostile, EveryTruncationIsAnError) {
  for (Compression compression : {Compression::none, Compression::lz4, Compression::zstd}) {
    std::string file = small_file(compression);
    ASSERT_TRUE(read(file, testing::plain_read()).ok());
    for (std::size_t size = 0; size < file.size(); ++size) {
      auto dom = read(std::string_view(file).substr(0, size), testing::plain_read());
      ASSERT_FALSE(dom.ok()) << "truncated at " << size;
      EXPECT_EQ(dom.error().code(), base::ErrorCode::invalid_input);
    }
  }
}

TEST(BinaryHostile, EveryCorruptedByteIsSurvived) {
  // Flipping each byte must either still read or fail cleanly; the sanitizers catch anything worse.
  std::string file = small_file(Compression::none);
  for (std::size_t at = 0; at < file.size(); ++at) {
    for (int flip : {0x01, 0x80, 0xFF}) {
      std::string damaged = file;
      damaged[at] = static_cast<char>(damaged[at] ^ flip);
      (void)read(damaged, testing::plain_read());
    }
  }
}

TEST(BinaryHostile, HeaderProblemsAreNamed) {
  std::string file = small_file(Compression::none);
  EXPECT_TRUE(contains(read_error("<roblox"), "shorter than"));
  std::string bad_magic = file;
  bad_magic[0] = '[';
  EXPECT_TRUE(contains(read_error(bad_magic), "magic"));
  std::string bad_signature = file;
  bad_signature[9] = 'x';
  EXPECT_TRUE(contains(read_error(bad_signature), "signature"));
  std::string bad_version = file;
  bad_version[14] = 1;
  EXPECT_TRUE(contains(read_error(bad_version), "version"));
  std::string reserved = file;
  reserved[31] = 1;
  EXPECT_TRUE(contains(read_error(reserved), "reserved"));
}

TEST(BinaryHostile, ChunkLengthsThatLieAreRefused) {
  FileBuilder builder(0, 0);
  std::string file = builder.bytes();
  ByteWriter lying;
  lying.write_bytes("INST");
  lying.write_u32(0);
  lying.write_u32(1000);  // raw body of 1000 bytes, but only 4 follow
  lying.write_u32(0);
  lying.write_bytes("abcd");
  std::string message = read_error(file + lying.bytes());
  EXPECT_TRUE(contains(message, "INST chunk at byte 32")) << message;
  EXPECT_TRUE(contains(message, "past the end")) << message;
}

TEST(BinaryHostile, AChunkClaimingFourGigabytesIsTooLargeBeforeDecompressing) {
  ByteWriter chunk;
  chunk.write_bytes("PROP");
  chunk.write_u32(8);
  chunk.write_u32(0xFFFFFFFF);
  chunk.write_u32(0);
  chunk.write_bytes("12345678");
  std::string file = FileBuilder(0, 0).bytes() + chunk.bytes();
  auto dom = read(file, testing::plain_read());
  ASSERT_FALSE(dom.ok());
  EXPECT_EQ(dom.error().code(), base::ErrorCode::too_large);
  EXPECT_TRUE(contains(dom.error().message(), "PROP chunk at byte 32")) << dom.error().message();
}

TEST(BinaryHostile, LimitsAreHonoured) {
  std::string file = small_file(Compression::lz4);
  ReadOptions tiny_chunks = testing::plain_read();
  tiny_chunks.max_chunk_bytes = 8;
  auto dom = read(file, tiny_chunks);
  ASSERT_FALSE(dom.ok());
  EXPECT_EQ(dom.error().code(), base::ErrorCode::too_large);
  ReadOptions tiny_total = testing::plain_read();
  tiny_total.max_total_bytes = 40;
  dom = read(file, tiny_total);
  ASSERT_FALSE(dom.ok());
  EXPECT_EQ(dom.error().code(), base::ErrorCode::too_large);
  ReadOptions few_instances = testing::plain_read();
  few_instances.max_instances = 1;
  dom = read(file, few_instances);
  ASSERT_FALSE(dom.ok());
  EXPECT_EQ(dom.error().code(), base::ErrorCode::too_large);
}

TEST(BinaryHostile, CorruptCompressedDataIsRefused) {
  std::string body(64, 'x');
  std::string lz4_file = FileBuilder(1, 1).chunk("META", body, Compression::lz4).end().bytes();
  lz4_file[32 + 16] = static_cast<char>(0xFF);  // the first LZ4 token now claims a literal run past the end
  EXPECT_TRUE(contains(read_error(lz4_file), "LZ4"));
  std::string zstd_file = FileBuilder(1, 1).chunk("META", body, Compression::zstd).end().bytes();
  zstd_file[32 + 16 + 6] = static_cast<char>(zstd_file[32 + 16 + 6] ^ 0x5A);
  EXPECT_FALSE(read(zstd_file, testing::plain_read()).ok());
  // A ZSTD frame that decompresses to more or less than the header says.
  std::string sizes = FileBuilder(1, 1).chunk("META", body, Compression::zstd).end().bytes();
  sizes[32 + 8] = 63;
  EXPECT_TRUE(contains(read_error(sizes), "ZSTD"));
}

TEST(BinaryHostile, ReservedChunkFieldMustBeZero) {
  std::string file = FileBuilder(0, 0).end().bytes();
  file[32 + 12] = 1;
  EXPECT_TRUE(contains(read_error(file), "reserved field"));
}

TEST(BinaryHostile, MissingEndIsAnError) {
  std::string file = FileBuilder(1, 1).inst(0, "Folder", {0}).bytes();
  EXPECT_TRUE(contains(read_error(file), "without an END chunk"));
}

TEST(BinaryHostile, UnknownChunksAreSkipped) {
  std::string file = FileBuilder(1, 1).chunk("ZZZZ", "whatever", Compression::lz4).inst(0, "Folder", {0}).end().bytes();
  auto dom = read_ok(file);
  EXPECT_EQ(dom.size(), 2u);
}

TEST(BinaryHostile, ReferentsOutOfRangeAreRefused) {
  std::string message = read_error(FileBuilder(1, 2).inst(0, "Folder", {0, 2}).end().bytes());
  EXPECT_TRUE(contains(message, "INST chunk at byte 32")) << message;
  EXPECT_TRUE(contains(message, "out of range")) << message;
  EXPECT_TRUE(contains(read_error(FileBuilder(1, 2).inst(0, "Folder", {-1}).end().bytes()), "out of range"));
  EXPECT_TRUE(contains(read_error(FileBuilder(1, 2).inst(3, "Folder", {0}).end().bytes()), "class id 3"));
}

TEST(BinaryHostile, DuplicateReferentsAreRefused) {
  std::string file = FileBuilder(2, 2).inst(0, "Folder", {0}).inst(1, "Part", {0}).end().bytes();
  EXPECT_TRUE(contains(read_error(file), "declared twice"));
  std::string same_class = FileBuilder(2, 2).inst(0, "Folder", {0}).inst(0, "Folder", {1}).end().bytes();
  EXPECT_TRUE(contains(read_error(same_class), "second INST"));
  std::string within = FileBuilder(1, 2).inst(0, "Folder", {1, 1}).end().bytes();
  EXPECT_TRUE(contains(read_error(within), "declared twice"));
}

TEST(BinaryHostile, PropertyOfAClassWithoutInstIsRefused) {
  std::string file = FileBuilder(1, 1).inst(0, "Folder", {0}).prop(4, "Name", 0x01, "").end().bytes();
  EXPECT_TRUE(contains(read_error(file), "no INST chunk"));
}

TEST(BinaryHostile, UnknownTypeIdNamesTypeClassAndProperty) {
  std::string file = FileBuilder(1, 1).inst(0, "Folder", {0}).prop(0, "Mystery", 0x42, "abcd").end().bytes();
  std::string message = read_error(file);
  EXPECT_TRUE(contains(message, "0x42")) << message;
  EXPECT_TRUE(contains(message, "Folder.Mystery")) << message;
  EXPECT_TRUE(contains(message, "PROP chunk at byte")) << message;
}

TEST(BinaryHostile, ValueProblemsAreNamed) {
  // A CFrame whose rotation id is not one of the 24 valid ones.
  std::string cframe = std::string(1, '\x01') + std::string(12, '\0');
  std::string message = read_error(FileBuilder(1, 1).inst(0, "Part", {0}).prop(0, "CFrame", 0x10, cframe).end().bytes());
  EXPECT_TRUE(contains(message, "rotation id 0x01")) << message;
  // A SharedString index with no SSTR entry.
  message = read_error(FileBuilder(1, 1).inst(0, "Part", {0}).prop(0, "Mesh", 0x1C, "\0\0\0\x05"sv).end().bytes());
  EXPECT_TRUE(contains(message, "out of range")) << message;
  // A string value longer than the chunk.
  message = read_error(FileBuilder(1, 1).inst(0, "Part", {0}).prop(0, "Name", 0x01, "\xFF\0\0\0ab"sv).end().bytes());
  EXPECT_TRUE(contains(message, "truncated")) << message;
  // Name must be a string.
  message = read_error(FileBuilder(1, 1).inst(0, "Part", {0}).prop(0, "Name", 0x02, "\x01").end().bytes());
  EXPECT_TRUE(contains(message, "expected String")) << message;
}

TEST(BinaryHostile, ParentCyclesAreRefused) {
  std::string two = FileBuilder(1, 2).inst(0, "Folder", {0, 1}).prnt({0, 1}, {1, 0}).end().bytes();
  EXPECT_TRUE(contains(read_error(two), "cycle"));
  std::string three = FileBuilder(1, 4).inst(0, "Folder", {0, 1, 2, 3}).prnt({3, 0, 1, 2}, {-1, 2, 0, 1}).end().bytes();
  std::string message = read_error(three);
  EXPECT_TRUE(contains(message, "PRNT chunk at byte")) << message;
  EXPECT_TRUE(contains(message, "its own ancestor")) << message;
}

TEST(BinaryHostile, SelfParentingAndBadLinksAreRefused) {
  std::string self = FileBuilder(1, 1).inst(0, "Folder", {0}).prnt({0}, {0}).end().bytes();
  EXPECT_TRUE(contains(read_error(self), "its own parent"));
  std::string unknown_child = FileBuilder(1, 2).inst(0, "Folder", {0}).prnt({1}, {-1}).end().bytes();
  EXPECT_TRUE(contains(read_error(unknown_child), "no INST entry"));
  std::string unknown_parent = FileBuilder(1, 2).inst(0, "Folder", {0}).prnt({0}, {7}).end().bytes();
  EXPECT_TRUE(contains(read_error(unknown_parent), "no INST entry"));
  std::string twice = FileBuilder(1, 2).inst(0, "Folder", {0, 1}).prnt({0, 0}, {1, -1}).end().bytes();
  EXPECT_TRUE(contains(read_error(twice), "parented twice"));
}

TEST(BinaryHostile, LyingCountsInsideChunksFailWithoutHugeAllocations) {
  ByteWriter inst;
  inst.write_u32(0);
  inst.write_string("Folder");
  inst.write_u8(0);
  inst.write_u32(0x7FFFFFFF);  // two billion referents in a few bytes
  inst.write_bytes(i32s({0}));
  EXPECT_TRUE(contains(read_error(FileBuilder(1, 1).chunk("INST", inst.bytes()).end().bytes()), "truncated"));
  ByteWriter sstr;
  sstr.write_u32(0);
  sstr.write_u32(0xFFFFFFFF);
  EXPECT_TRUE(contains(read_error(FileBuilder(0, 0).chunk("SSTR", sstr.bytes()).end().bytes()), "truncated"));
  ByteWriter sequence;
  sequence.write_u32(0x40000000);  // a NumberSequence claiming a billion keypoints
  std::string file =
      FileBuilder(1, 1).inst(0, "Beam", {0}).prop(0, "Width", 0x15, sequence.bytes()).end().bytes();
  EXPECT_TRUE(contains(read_error(file), "truncated"));
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
