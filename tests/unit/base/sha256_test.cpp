#include "base/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/temp_dir.h"

namespace rbxpipe::base {
namespace {

TEST(Sha256, EmptyInputMatchesKnownVector) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, AbcMatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FourHundredFortyEightBitMessageMatchesNistVector) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MillionAsStreamedInOddChunksEqualsOneShot) {
  const std::string million(1'000'000, 'a');
  Sha256 streamed;
  std::size_t offset = 0;
  std::size_t chunk = 1;
  while (offset < million.size()) {
    const std::size_t take = std::min(chunk, million.size() - offset);
    streamed.update(million.data() + offset, take);
    offset += take;
    chunk = chunk * 3 % 9973 + 7;  // irregular sizes that straddle the 64-byte block boundary
  }
  const std::string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  EXPECT_EQ(to_hex(streamed.finish()), expected);
  EXPECT_EQ(sha256_hex(million), expected);
}

TEST(Sha256, StringViewAndRawUpdatesAgree) {
  Sha256 by_view;
  by_view.update(std::string_view("ab"));
  by_view.update(std::string_view("c"));
  Sha256 by_pointer;
  by_pointer.update("a", 1);
  by_pointer.update("bc", 2);
  by_pointer.update(nullptr, 0);
  EXPECT_EQ(by_view.finish(), by_pointer.finish());
}

TEST(Sha256, MovedHashContinuesWhereItStopped) {
  Sha256 first;
  first.update("ab");
  Sha256 second(std::move(first));
  second.update("c");
  EXPECT_EQ(to_hex(second.finish()), sha256_hex("abc"));
}

TEST(Sha256, ToHexIsLowerCaseAndSixtyFourCharacters) {
  Sha256Digest digest{};
  digest[0] = 0xAB;
  digest[31] = 0x0F;
  const std::string hex = to_hex(digest);
  ASSERT_EQ(hex.size(), 64u);
  EXPECT_EQ(hex.substr(0, 2), "ab");
  EXPECT_EQ(hex.substr(62, 2), "0f");
}

TEST(Sha256, FileHashEqualsHashOfContents) {
  testing::TempDir dir;
  // Larger than one 64 KiB read so the chunk loop runs more than once.
  std::string contents;
  for (int i = 0; i < 20'000; ++i) contents += std::to_string(i) + ',';
  const auto path = dir.write("data.bin", contents);
  auto digest = sha256_file(path);
  ASSERT_TRUE(digest.ok()) << digest.error().to_string();
  EXPECT_EQ(to_hex(*digest), sha256_hex(contents));
}

TEST(Sha256, EmptyFileHashesLikeEmptyInput) {
  testing::TempDir dir;
  auto digest = sha256_file(dir.write("empty", ""));
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(to_hex(*digest), sha256_hex(""));
}

TEST(Sha256, MissingFileIsNotFound) {
  testing::TempDir dir;
  auto digest = sha256_file(dir / "missing.bin");
  ASSERT_FALSE(digest.ok());
  EXPECT_EQ(digest.error().code(), ErrorCode::not_found);
  EXPECT_NE(digest.error().message().find("missing.bin"), std::string::npos);
}

TEST(Sha256, FolderIsIoError) {
  testing::TempDir dir;
  auto digest = sha256_file(dir.path());
  ASSERT_FALSE(digest.ok());
  EXPECT_EQ(digest.error().code(), ErrorCode::io_error);
}

}  // namespace
}  // namespace rbxpipe::base
