// String escapes and number spellings, decoded on their own.
#include "luau/literals.h"

#include <gtest/gtest.h>

#include <cmath>

namespace rbxpipe::luau {
namespace {

std::string decode(std::string_view raw, std::size_t* error_count = nullptr) {
  std::string out;
  std::vector<EscapeError> errors;
  decode_string(raw, out, errors);
  if (error_count != nullptr) *error_count = errors.size();
  return out;
}

TEST(DecodeString, SimpleEscapes) { EXPECT_EQ(decode("\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'"), "\a\b\f\n\r\t\v\\\"'"); }

TEST(DecodeString, DecimalEscapesTakeUpToThreeDigits) { EXPECT_EQ(decode("\\0651\\9\\255"), "A1\t\xff"); }

TEST(DecodeString, HexAndUnicodeEscapes) {
  EXPECT_EQ(decode("\\x41\\x7a"), "Az");
  EXPECT_EQ(decode("\\u{48}\\u{e9}\\u{20AC}\\u{1F600}"), "H\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

TEST(DecodeString, NewlineEscapesBecomeOneNewline) {
  EXPECT_EQ(decode("a\\\nb"), "a\nb");
  EXPECT_EQ(decode("a\\\r\nb"), "a\nb");
  EXPECT_EQ(decode("a\\\n\rb"), "a\nb");
}

TEST(DecodeString, SkipWhitespaceEscape) { EXPECT_EQ(decode("a\\z  \n\t b"), "ab"); }

TEST(DecodeString, UnknownEscapeIsTheCharacter) { EXPECT_EQ(decode("\\q\\{\\`"), "q{`"); }

TEST(DecodeString, BytesPassThrough) { EXPECT_EQ(decode("\xff\x80\x00"), std::string("\xff\x80", 2)); }

TEST(DecodeString, MalformedEscapesAreReportedWithTheirPlace) {
  std::string out;
  std::vector<EscapeError> errors;
  decode_string("ok\\x4g \\u{110000} \\256 \\u{}", out, errors);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].offset, 2u);
  EXPECT_EQ(errors[0].length, 4u);
  EXPECT_EQ(errors[1].offset, 7u);
  EXPECT_EQ(errors[1].length, 10u);
  EXPECT_EQ(errors[2].offset, 18u);
  EXPECT_EQ(errors[2].length, 4u);
  EXPECT_EQ(errors[3].offset, 23u);
}

TEST(DecodeNumber, Forms) {
  EXPECT_EQ(decode_number("42").value, 42);
  EXPECT_EQ(decode_number("3.").value, 3);
  EXPECT_EQ(decode_number(".25").value, 0.25);
  EXPECT_EQ(decode_number("1e-3").value, 0.001);
  EXPECT_EQ(decode_number("0xff").value, 255);
  EXPECT_EQ(decode_number("0B101").value, 5);
  EXPECT_EQ(decode_number("1_000_000").value, 1000000);
  EXPECT_EQ(decode_number("0x_FF").value, 255);
  EXPECT_TRUE(std::isinf(decode_number("1e400").value));
  EXPECT_EQ(decode_number("1e-400").value, 0);
  EXPECT_EQ(decode_number("0x10000000000000000").status, NumberStatus::number);
}

TEST(DecodeNumber, Integers) {
  EXPECT_EQ(decode_number("123i").integer, 123);
  EXPECT_EQ(decode_number("0xFFi").integer, 255);
  EXPECT_EQ(decode_number("0b1010i").integer, 10);
  EXPECT_EQ(decode_number("0xFFFFFFFFFFFFFFFFi").integer, -1);
  EXPECT_EQ(decode_number("9223372036854775808i").status, NumberStatus::integer);
  EXPECT_EQ(decode_number("9223372036854775809i").status, NumberStatus::integer_overflow);
  EXPECT_EQ(decode_number("0x1_0000_0000_0000_0000i").status, NumberStatus::integer_overflow);
}

TEST(DecodeNumber, Malformed) {
  for (const char* text : {"123x", "0xg", "0b2", "4.5.", "0x1p4", "1e", "1..2", "0x", "0b", "1.5i", "1e5i", "i"}) {
    EXPECT_EQ(decode_number(text).status, NumberStatus::malformed) << text;
  }
}

}  // namespace
}  // namespace rbxpipe::luau
