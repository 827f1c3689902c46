#include "base/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace rbxpipe::base {
namespace {

// RFC 4648 §10 test vectors: plain text and its padded encoding.
const std::vector<std::pair<std::string, std::string>> k_rfc_vectors = {
    {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
};

// The decoded text of `text`, or the error message prefixed with "error: ".
std::string decoded(std::string_view text) {
  auto result = base64_decode(text);
  if (!result) return "error: " + result.error().message();
  return *result;
}

// True when decoding `text` fails with invalid_input.
bool rejected(std::string_view text) {
  auto result = base64_decode(text);
  return !result && result.error().code() == ErrorCode::invalid_input;
}

TEST(Base64, EncodesRfc4648Vectors) {
  for (const auto& [plain, encoded] : k_rfc_vectors) EXPECT_EQ(base64_encode(plain), encoded) << plain;
}

TEST(Base64, DecodesRfc4648Vectors) {
  for (const auto& [plain, encoded] : k_rfc_vectors) EXPECT_EQ(decoded(encoded), plain) << encoded;
}

TEST(Base64, RoundTripsEveryByteValueAtEveryTailLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t cut = 250; cut <= bytes.size(); ++cut) {
    const std::string prefix = bytes.substr(0, cut);
    EXPECT_EQ(decoded(base64_encode(prefix)), prefix) << cut;
  }
}

TEST(Base64, EncodesOnOneLineWithoutBreaks) {
  const std::string encoded = base64_encode(std::string(1000, 'x'));
  EXPECT_EQ(encoded.find('\n'), std::string::npos);
  EXPECT_EQ(encoded.size(), 1336u);
}

TEST(Base64, UsesPlusAndSlashForTheLastTwoSextets) {
  EXPECT_EQ(base64_encode("\xFB\xFF\xBF"), "+/+/");
  EXPECT_EQ(decoded("+/+/"), "\xFB\xFF\xBF");
}

TEST(Base64, IgnoresWhitespaceAnywhere) {
  EXPECT_EQ(decoded("  Zm9v\r\nYmFy\n"), "foobar");
  EXPECT_EQ(decoded("Z m\t9 v Y g = =\n"), "foob");
  EXPECT_EQ(decoded(" \n\t "), "");
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_TRUE(rejected("Zm9*"));
  EXPECT_TRUE(rejected("Zm9-"));  // URL-safe alphabet is not accepted
  EXPECT_TRUE(rejected("Zm9_"));
  EXPECT_TRUE(rejected(std::string_view("Zm\0v", 4)));
  EXPECT_TRUE(rejected("Zm9\xC3\xA9"));
  EXPECT_EQ(decoded("Zm9*"), "error: base64: invalid character 0x2A at offset 3");
}

TEST(Base64, RejectsLengthsThatAreNotWholeQuanta) {
  EXPECT_TRUE(rejected("Z"));
  EXPECT_TRUE(rejected("Zm"));
  EXPECT_TRUE(rejected("Zm9"));
  EXPECT_TRUE(rejected("Zm9vY"));
  EXPECT_TRUE(rejected("Zg"));  // unpadded tails are not accepted
}

TEST(Base64, RejectsPaddingInTheMiddle) {
  EXPECT_TRUE(rejected("Zg==Zm9v"));
  EXPECT_TRUE(rejected("Zm8=Zg=="));
  EXPECT_TRUE(rejected("Zg=v"));
}

TEST(Base64, RejectsMalformedPadding) {
  EXPECT_TRUE(rejected("===="));
  EXPECT_TRUE(rejected("Z==="));
  EXPECT_TRUE(rejected("Zg="));
  EXPECT_TRUE(rejected("Zg==="));
  EXPECT_TRUE(rejected("Zg== ="));
}

TEST(Base64, RejectsNonZeroBitsUnderPadding) {
  EXPECT_TRUE(rejected("Zh=="));
  EXPECT_TRUE(rejected("Zm9="));
  EXPECT_EQ(decoded("Zm8="), "fo");
}

}  // namespace
}  // namespace rbxpipe::base
