#include "platform/auth/base64url.h"

#include <gtest/gtest.h>

#include <string>

namespace rbxpipe::platform::auth {
namespace {

TEST(Base64Url, EncodesTheRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(base64url_decode("-_-_").value(), "\xfb\xff\xbf");
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes += static_cast<char>(i * 37 % 256);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)).value(), bytes);
  }
}

TEST(Base64Url, RefusesEverythingButTheCanonicalUnpaddedForm) {
  for (const char* bad : {"Zg==", "Zm8=", "Zm9v+A", "Zm9v/A", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9", "Zm+"}) {
    auto decoded = base64url_decode(bad);
    EXPECT_FALSE(decoded.ok()) << bad;
    if (!decoded.ok()) {
      EXPECT_EQ(decoded.error().code(), base::ErrorCode::invalid_input);
    }
  }
  EXPECT_TRUE(base64url_decode("Zm8").ok());
}

TEST(Base64Url, AlphabetCheckKnowsBothExtraCharacters) {
  EXPECT_TRUE(is_base64url_alphabet("AZaz09-_"));
  EXPECT_FALSE(is_base64url_alphabet("a+b"));
  EXPECT_FALSE(is_base64url_alphabet("ab="));
}

}  // namespace
}  // namespace rbxpipe::platform::auth
