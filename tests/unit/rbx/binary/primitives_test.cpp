#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <string>

#include "rbx/binary/arrays.h"
#include "rbx/binary/bytes.h"

namespace rbxpipe::rbx::binary {
namespace {

std::string bytes_of(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST(BinaryPrimitives, InterleaveWritesColumnByColumn) {
  // A0 A1 B0 B1 C0 C1 -> A0 B0 C0 A1 B1 C1
  EXPECT_EQ(interleave(bytes_of({0xA0, 0xA1, 0xB0, 0xB1, 0xC0, 0xC1}), 2),
            bytes_of({0xA0, 0xB0, 0xC0, 0xA1, 0xB1, 0xC1}));
  EXPECT_EQ(deinterleave(bytes_of({0xA0, 0xB0, 0xC0, 0xA1, 0xB1, 0xC1}), 2),
            bytes_of({0xA0, 0xA1, 0xB0, 0xB1, 0xC0, 0xC1}));
}

TEST(BinaryPrimitives, ZigzagMapsSmallMagnitudesToSmallCodes) {
  EXPECT_EQ(zigzag_encode(0), 0u);
  EXPECT_EQ(zigzag_encode(-1), 1u);
  EXPECT_EQ(zigzag_encode(1), 2u);
  EXPECT_EQ(zigzag_encode(-2), 3u);
  EXPECT_EQ(zigzag_encode(INT32_MAX), 0xFFFFFFFEu);
  EXPECT_EQ(zigzag_encode(INT32_MIN), 0xFFFFFFFFu);
  for (std::int32_t value : {0, 1, -1, 12345, -98765, INT32_MAX, INT32_MIN}) {
    EXPECT_EQ(zigzag_decode(zigzag_encode(value)), value);
  }
  for (std::int64_t value : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1} << 40, INT64_MAX, INT64_MIN}) {
    EXPECT_EQ(zigzag_decode64(zigzag_encode64(value)), value);
  }
  EXPECT_EQ(zigzag_encode64(INT64_MIN), UINT64_MAX);
}

TEST(BinaryPrimitives, RobloxFloatMovesTheSignBitLast) {
  EXPECT_EQ(float_to_roblox(-0.15625F), 0x7C400001u);
  EXPECT_EQ(float_from_roblox(0x7C400001u), -0.15625F);
  ByteWriter writer;
  write_f32_array(writer, std::vector<float>{-0.15625F});
  EXPECT_EQ(writer.bytes(), bytes_of({0x7C, 0x40, 0x00, 0x01}));
}

TEST(BinaryPrimitives, Int32ArraysAreZigzaggedBigEndianAndInterleaved) {
  ByteWriter writer;
  write_i32_array(writer, std::vector<std::int32_t>{1, -1});
  // zigzag: 2 and 1, big-endian 00 00 00 02 / 00 00 00 01, interleaved.
  EXPECT_EQ(writer.bytes(), bytes_of({0, 0, 0, 0, 0, 0, 2, 1}));
  ByteReader reader(writer.bytes());
  EXPECT_EQ(read_i32_array(reader, 2), (std::vector<std::int32_t>{1, -1}));
}

TEST(BinaryPrimitives, ReferentsAreDeltaEncoded) {
  std::vector<std::int32_t> referents{5, 6, 7, -1, 3};
  ByteWriter writer;
  write_referents(writer, referents);
  ByteReader deltas_reader(writer.bytes());
  EXPECT_EQ(read_i32_array(deltas_reader, 5), (std::vector<std::int32_t>{5, 1, 1, -8, 4}));
  ByteReader reader(writer.bytes());
  EXPECT_EQ(read_referents(reader, 5), referents);
}

TEST(BinaryPrimitives, ReferentSumsWrapInsteadOfOverflowing) {
  ByteWriter writer;
  write_i32_array(writer, std::vector<std::int32_t>{INT32_MAX, INT32_MAX, INT32_MAX});
  ByteReader reader(writer.bytes());
  auto values = read_referents(reader, 3);
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[1], -2);
}

TEST(BinaryPrimitives, ReaderFailsInsteadOfReadingPastTheEnd) {
  std::string data = bytes_of({1, 0, 0});
  ByteReader reader(data);
  EXPECT_EQ(reader.read_u16(), 1u);
  EXPECT_EQ(reader.read_u32(), 0u);
  EXPECT_FALSE(reader.ok());
  EXPECT_EQ(reader.offset(), 2u);
  EXPECT_EQ(reader.read_u8(), 0u);  // stays failed
  EXPECT_FALSE(reader.ok());
}

TEST(BinaryPrimitives, HugeCountsDoNotWrapTheLengthCheck) {
  std::string data(16, '\0');
  ByteReader reader(data);
  EXPECT_TRUE(read_u32_array(reader, SIZE_MAX / 2).empty());
  EXPECT_FALSE(reader.ok());
  std::string lying = bytes_of({0xFF, 0xFF, 0xFF, 0xFF, 'a'});
  ByteReader strings(lying);
  EXPECT_EQ(strings.read_string(), "");
  EXPECT_FALSE(strings.ok());
}

TEST(BinaryPrimitives, LittleAndBigEndianScalarsRoundTrip) {
  ByteWriter writer;
  writer.write_u16(0x1234);
  writer.write_u32_be(0x01020304);
  writer.write_u64_be(0x0102030405060708ULL);
  writer.write_f64(-2.5);
  writer.write_i16(-7);
  writer.write_string("hi");
  EXPECT_EQ(writer.bytes().substr(0, 6), bytes_of({0x34, 0x12, 1, 2, 3, 4}));
  ByteReader reader(writer.bytes());
  EXPECT_EQ(reader.read_u16(), 0x1234);
  EXPECT_EQ(reader.read_u32_be(), 0x01020304u);
  EXPECT_EQ(reader.read_u64_be(), 0x0102030405060708ULL);
  EXPECT_EQ(reader.read_f64(), -2.5);
  EXPECT_EQ(reader.read_i16(), -7);
  EXPECT_EQ(reader.read_string(), "hi");
  EXPECT_TRUE(reader.ok());
  EXPECT_EQ(reader.remaining(), 0u);
}

}  // namespace
}  // namespace rbxpipe::rbx::binary
