#include <gtest/gtest.h>

#include <limits>

#include "rbx/types/byte_reader.h"
#include "rbx/types/byte_writer.h"

namespace rbxpipe::rbx::types {
namespace {

TEST(ByteIo, EveryWidthAndOrderRoundTrips) {
  ByteWriter writer;
  writer.write_u8(0xAB);
  writer.write_u16(0x1234);
  writer.write_i16(-2);
  writer.write_u32(0xDEADBEEF);
  writer.write_u32_be(0x01020304);
  writer.write_u64_be(0x0102030405060708ULL);
  writer.write_f32(-0.15625f);
  writer.write_f64(1e300);
  ASSERT_TRUE(writer.write_string("lava"));
  std::string bytes = writer.take();
  EXPECT_EQ(bytes.substr(9, 4), std::string("\x01\x02\x03\x04", 4));  // big-endian really is big-endian

  ByteReader reader(bytes);
  EXPECT_EQ(reader.read_u8(), 0xAB);
  EXPECT_EQ(reader.read_u16(), 0x1234);
  EXPECT_EQ(reader.read_i16(), -2);
  EXPECT_EQ(reader.read_u32(), 0xDEADBEEFu);
  EXPECT_EQ(reader.read_u32_be(), 0x01020304u);
  EXPECT_EQ(reader.read_u64_be(), 0x0102030405060708ULL);
  EXPECT_EQ(reader.read_f32(), -0.15625f);
  EXPECT_EQ(reader.read_f64(), 1e300);
  EXPECT_EQ(reader.read_string(), "lava");
  EXPECT_TRUE(reader.ok());
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ByteIo, HasRefusesCountsThatCannotFitWithoutOverflowing) {
  std::string bytes(8, '\0');
  ByteReader reader(bytes);
  EXPECT_TRUE(reader.has(2, 4));
  EXPECT_FALSE(reader.has(std::numeric_limits<std::size_t>::max(), 16));
  EXPECT_FALSE(reader.ok());
  EXPECT_EQ(reader.read_u32_be(), 0u);  // failure sticks
}

TEST(ByteIo, TruncatedBigEndianReadFailsAtItsOffset) {
  ByteReader reader(std::string_view("\x01\x02\x03", 3));
  reader.read_u8();
  EXPECT_EQ(reader.read_u32_be(), 0u);
  EXPECT_FALSE(reader.ok());
  EXPECT_EQ(reader.offset(), 1u);
}

}  // namespace
}  // namespace rbxpipe::rbx::types
