#include "platform/secrets/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "base/base64.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::secrets {
namespace {

using base::ErrorCode;

const std::string k_hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

MasterKey::Bytes counting_bytes() {
  MasterKey::Bytes bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i);
  return bytes;
}

TEST(MasterKey, ParsesSixtyFourHexDigitsInEitherCase) {
  auto lower = parse_master_key(k_hex);
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->bytes(), counting_bytes());
  std::string upper = k_hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto parsed = parse_master_key("  " + upper + "\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->bytes(), counting_bytes());
}

TEST(MasterKey, ParsesBase64OfThirtyTwoBytes) {
  const auto bytes = counting_bytes();
  const std::string text = base::base64_encode(std::string(bytes.begin(), bytes.end()));
  ASSERT_EQ(text.size(), 44u);
  auto parsed = parse_master_key(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->bytes(), bytes);
}

TEST(MasterKey, RefusesOtherLengthsWithoutEchoingTheText) {
  const std::string short_b64 = base::base64_encode(std::string(31, 'k'));
  for (const std::string& text : {k_hex.substr(1), short_b64, std::string("correct horse battery staple"),
                                  k_hex.substr(0, 63) + "g", std::string()}) {
    SCOPED_TRACE(text);
    auto parsed = parse_master_key(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code(), ErrorCode::invalid_input);
    EXPECT_NE(parsed.error().message().find("64 hex digits or the base64 of 32 bytes"), std::string::npos);
    if (!text.empty()) {
      EXPECT_EQ(parsed.error().message().find(text), std::string::npos);
    }
  }
}

TEST(MasterKey, GeneratedKeysDiffer) {
  auto a = generate_master_key();
  auto b = generate_master_key();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->bytes(), b->bytes());
}

TEST(KeyFile, RoundTripsWithOwnerOnlyMode) {
  testing::TempDir home;
  const auto path = default_key_file(home.path());
  EXPECT_EQ(path, home / "master.key");
  ASSERT_TRUE(create_key_file(path, MasterKey(counting_bytes())).ok());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(home.read("master.key"), k_hex + "\n");
  auto read = read_key_file(path);
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->bytes(), counting_bytes());
}

TEST(KeyFile, CreateNeverReplacesAFile) {
  testing::TempDir home;
  const auto path = home.write("master.key", "keep me");
  auto created = create_key_file(path, MasterKey(counting_bytes()));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code(), ErrorCode::already_exists);
  EXPECT_EQ(home.read("master.key"), "keep me");
}

TEST(KeyFile, RefusesAFileGroupOrOthersCanAccess) {
  testing::TempDir home;
  const auto path = default_key_file(home.path());
  ASSERT_TRUE(create_key_file(path, MasterKey(counting_bytes())).ok());
  for (const mode_t mode : {0640, 0604, 0620, 0602, 0644}) {
    SCOPED_TRACE(mode);
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto read = read_key_file(path);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code(), ErrorCode::invalid_input);
    EXPECT_NE(read.error().message().find("group and others must have no access"), std::string::npos);
    EXPECT_NE(read.error().message().find("chmod 600 '" + path.string() + "'"), std::string::npos);
  }
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  EXPECT_NE(read_key_file(path).error().message().find("mode 0640"), std::string::npos);
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(read_key_file(path).ok());
}

TEST(KeyFile, MissingFileIsNotFoundAndBadContentsNameTheFile) {
  testing::TempDir home;
  EXPECT_EQ(read_key_file(home / "master.key").error().code(), ErrorCode::not_found);
  const auto path = home.write("master.key", "not a key");
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto read = read_key_file(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), ErrorCode::invalid_input);
  EXPECT_NE(read.error().to_string().find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace rbxpipe::platform::secrets
