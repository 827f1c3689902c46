#include "platform/secrets/sealed_box.h"

#include <gtest/gtest.h>

#include <string>

namespace rbxpipe::platform::secrets {
namespace {

MasterKey key_of(std::uint8_t fill) {
  MasterKey::Bytes bytes{};
  bytes.fill(fill);
  return MasterKey(bytes);
}

const std::string k_payload = "api-key\x01value with bytes \xff\x00 inside";

std::string region_of(std::size_t offset, std::size_t size) {
  if (offset < k_sealed_header_size) return "header";
  if (offset < k_sealed_header_size + k_sealed_nonce_size) return "nonce";
  if (offset < size - k_sealed_tag_size) return "ciphertext";
  return "tag";
}

TEST(SealedBox, RoundTripsAPayload) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  auto plain = unseal(key_of(1), *sealed, "'keys.sealed'");
  ASSERT_TRUE(plain.ok()) << plain.error().to_string();
  EXPECT_EQ(*plain, k_payload);
}

TEST(SealedBox, LayoutIsHeaderNonceCiphertextTag) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), k_payload.size() + 8 + 12 + 16);
  EXPECT_EQ(sealed->substr(0, 8), std::string("RBXKEYS\x01"));
  EXPECT_EQ(sealed->find("value with bytes"), std::string::npos);
}

TEST(SealedBox, EveryWriteUsesANewNonce) {
  auto first = seal(key_of(1), k_payload);
  auto second = seal(key_of(1), k_payload);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->substr(8, 12), second->substr(8, 12));
  EXPECT_NE(first->substr(20), second->substr(20));
}

TEST(SealedBox, EmptyPayloadRoundTrips) {
  auto sealed = seal(key_of(1), "");
  ASSERT_TRUE(sealed.ok());
  auto plain = unseal(key_of(1), *sealed, "'k'");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "");
}

TEST(SealedBox, WrongKeyIsAClearError) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  auto plain = unseal(key_of(2), *sealed, "'/home/u/keys.sealed'");
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(plain.error().message(),
            "the keystore '/home/u/keys.sealed' cannot be opened with this master key, or it was modified");
}

TEST(SealedBox, AFlippedBitAnywhereIsRefused) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  int regions_seen[4] = {0, 0, 0, 0};
  for (std::size_t offset = 0; offset < sealed->size(); ++offset) {
    for (const unsigned char bit : {0x01, 0x80}) {
      const std::string region = region_of(offset, sealed->size());
      SCOPED_TRACE(region + " byte " + std::to_string(offset) + " bit " + std::to_string(bit));
      std::string damaged = *sealed;
      damaged[offset] = static_cast<char>(static_cast<unsigned char>(damaged[offset]) ^ bit);
      auto plain = unseal(key_of(1), damaged, "'k'");
      ASSERT_FALSE(plain.ok());
      EXPECT_EQ(plain.error().code(), base::ErrorCode::invalid_input);
      EXPECT_NE(plain.error().message().find("modified"), std::string::npos) << plain.error().message();
      regions_seen[region == "header" ? 0 : region == "nonce" ? 1 : region == "ciphertext" ? 2 : 3]++;
    }
  }
  for (const int seen : regions_seen) EXPECT_GT(seen, 0);
}

TEST(SealedBox, FlipsInTheKeyedRegionsGiveTheKeyMessage) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  // The version byte is read before decryption; the nonce, ciphertext and tag fail authentication.
  for (const std::size_t offset : {std::size_t{9}, std::size_t{25}, sealed->size() - 1}) {
    std::string damaged = *sealed;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x10);
    auto plain = unseal(key_of(1), damaged, "'k'");
    ASSERT_FALSE(plain.ok());
    EXPECT_EQ(plain.error().message(), "the keystore 'k' cannot be opened with this master key, or it was modified");
  }
  std::string newer = *sealed;
  newer[7] = 2;
  EXPECT_NE(unseal(key_of(1), newer, "'k'").error().message().find("format version 2"), std::string::npos);
}

TEST(SealedBox, TruncationAtAnyLengthIsRefused) {
  auto sealed = seal(key_of(1), k_payload);
  ASSERT_TRUE(sealed.ok());
  for (std::size_t size = 0; size < sealed->size(); ++size) {
    SCOPED_TRACE(size);
    auto plain = unseal(key_of(1), sealed->substr(0, size), "'k'");
    ASSERT_FALSE(plain.ok());
    EXPECT_NE(plain.error().message().find("modified"), std::string::npos);
  }
}

}  // namespace
}  // namespace rbxpipe::platform::secrets
