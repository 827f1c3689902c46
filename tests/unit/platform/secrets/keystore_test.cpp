#include "platform/secrets/keystore.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <mutex>
#include <string>
#include <vector>

#include "platform/secrets/sealed_box.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::secrets {
namespace {

using base::ErrorCode;

const std::string k_key = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const std::string k_other_key = "0000000000000000000000000000000000000000000000000000000000000001";
const std::string k_unopenable = "cannot be opened with this master key, or it was modified";

class KeystoreTest : public ::testing::Test {
 protected:
  KeystoreOptions options(std::optional<std::string> key = k_key) {
    KeystoreOptions result;
    result.home = home.path();
    result.master_key = std::move(key);
    result.logger = &logger;
    return result;
  }

  Keystore open(KeystoreOptions given) {
    auto store = Keystore::open(std::move(given));
    EXPECT_TRUE(store.ok()) << store.error().to_string();
    return std::move(store).value();
  }

  Keystore open() { return open(options()); }

  std::vector<std::string> logged(const std::string& message) {
    lines.clear();
    logger.log(base::LogLevel::info, message);
    return lines;
  }

  testing::TempDir home;
  std::vector<std::string> lines;
  base::Logger logger{base::LogLevel::info, base::LogFormat::human,
                      [this](std::string_view line) { lines.emplace_back(line); }};
};

TEST_F(KeystoreTest, SecretsRoundTripThroughTheSealedFile) {
  {
    Keystore store = open();
    ASSERT_TRUE(store.set("staging-key", "s3cr3t-staging").ok());
    ASSERT_TRUE(store.set("PROD_KEY", "s3cr3t-prod").ok());
  }
  Keystore store = open();
  EXPECT_EQ(store.list(), (std::vector<std::string>{"PROD_KEY", "staging-key"}));
  EXPECT_EQ(*store.get("staging-key"), "s3cr3t-staging");
  EXPECT_EQ(*store.get("PROD_KEY"), "s3cr3t-prod");
  EXPECT_EQ(store.path(), home / "keys.sealed");
  EXPECT_EQ(store.key_source(), KeySource::environment);
}

TEST_F(KeystoreTest, TheFileHoldsNeitherNamesNorValuesInTheClear) {
  Keystore store = open();
  ASSERT_TRUE(store.set("staging-key", "s3cr3t-staging").ok());
  const std::string bytes = home.read("keys.sealed");
  EXPECT_EQ(bytes.find("s3cr3t"), std::string::npos);
  EXPECT_EQ(bytes.find("staging-key"), std::string::npos);
  struct stat info {};
  ASSERT_EQ(::stat((home / "keys.sealed").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(KeystoreTest, ReplacingAndRemovingSecrets) {
  Keystore store = open();
  ASSERT_TRUE(store.set("a", "one-value").ok());
  ASSERT_TRUE(store.set("a", "two-value").ok());
  ASSERT_TRUE(store.set("b", "bee-value").ok());
  ASSERT_TRUE(store.remove("b").ok());
  Keystore reopened = open();
  EXPECT_EQ(reopened.list(), std::vector<std::string>{"a"});
  EXPECT_EQ(*reopened.get("a"), "two-value");
  EXPECT_EQ(reopened.get("b").error().code(), ErrorCode::not_found);
  auto missing = reopened.remove("b");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
  EXPECT_EQ(missing.error().message(), "there is no secret named 'b' in the keystore");
}

TEST_F(KeystoreTest, EveryWriteSealsWithAFreshNonce) {
  Keystore store = open();
  ASSERT_TRUE(store.set("a", "same-value").ok());
  const std::string first = home.read("keys.sealed");
  ASSERT_TRUE(store.set("a", "same-value").ok());
  const std::string second = home.read("keys.sealed");
  ASSERT_EQ(first.size(), second.size());
  EXPECT_NE(first.substr(k_sealed_header_size, k_sealed_nonce_size),
            second.substr(k_sealed_header_size, k_sealed_nonce_size));
}

TEST_F(KeystoreTest, WrongKeyIsAClearError) {
  ASSERT_TRUE(open().set("a", "value-a").ok());
  auto store = Keystore::open(options(k_other_key));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::invalid_input);
  EXPECT_NE(store.error().message().find(k_unopenable), std::string::npos) << store.error().message();
  EXPECT_NE(store.error().message().find((home / "keys.sealed").string()), std::string::npos);
}

TEST_F(KeystoreTest, AFlippedByteInAnyRegionIsAClearError) {
  ASSERT_TRUE(open().set("a", "value-a").ok());
  const std::string good = home.read("keys.sealed");
  const std::vector<std::pair<std::string, std::size_t>> regions = {
      {"header", 3}, {"nonce", k_sealed_header_size + 5}, {"ciphertext", k_sealed_header_size + k_sealed_nonce_size + 2},
      {"tag", good.size() - 4}};
  for (const auto& [region, offset] : regions) {
    SCOPED_TRACE(region);
    std::string damaged = good;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x04);
    home.write("keys.sealed", damaged);
    auto store = Keystore::open(options());
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code(), ErrorCode::invalid_input);
    EXPECT_NE(store.error().message().find("modified"), std::string::npos) << store.error().message();
  }
}

TEST_F(KeystoreTest, FirstWriteWithoutAKeyCreatesAPrivateKeyFile) {
  KeystoreOptions first = options(std::nullopt);
  first.create_key = true;
  Keystore store = open(first);
  EXPECT_EQ(store.key_source(), KeySource::none);
  ASSERT_TRUE(store.set("a", "value-a").ok());
  EXPECT_EQ(store.key_source(), KeySource::created);
  EXPECT_EQ(store.key_file(), home / "master.key");
  struct stat info {};
  ASSERT_EQ(::stat(store.key_file().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  Keystore reopened = open(options(std::nullopt));
  EXPECT_EQ(reopened.key_source(), KeySource::key_file);
  EXPECT_EQ(*reopened.get("a"), "value-a");
}

TEST_F(KeystoreTest, WithoutAKeyReadingAnEmptyHomeWorksButWritingNeedsPermissionToCreateOne) {
  Keystore store = open(options(std::nullopt));
  EXPECT_TRUE(store.list().empty());
  EXPECT_EQ(store.get("a").error().code(), ErrorCode::not_found);
  EXPECT_EQ(store.remove("a").error().code(), ErrorCode::not_found);
  auto set = store.set("a", "value-a");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code(), ErrorCode::invalid_input);
  EXPECT_NE(set.error().message().find("no master key"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(home / "master.key"));
  EXPECT_FALSE(std::filesystem::exists(home / "keys.sealed"));
}

TEST_F(KeystoreTest, AKeystoreWithNoKeyToOpenItIsRefused) {
  ASSERT_TRUE(open().set("a", "value-a").ok());
  KeystoreOptions keyless = options(std::nullopt);
  keyless.create_key = true;  // never replaces the key of an existing keystore
  auto store = Keystore::open(keyless);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::invalid_input);
  EXPECT_NE(store.error().message().find("no master key to open it"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(home / "master.key"));
}

TEST_F(KeystoreTest, AKeyFileOthersCanReadIsRefused) {
  KeystoreOptions first = options(std::nullopt);
  first.create_key = true;
  ASSERT_TRUE(open(first).set("a", "value-a").ok());
  ASSERT_EQ(::chmod((home / "master.key").c_str(), 0644), 0);
  auto store = Keystore::open(options(std::nullopt));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::invalid_input);
  EXPECT_NE(store.error().message().find("chmod 600"), std::string::npos);
}

TEST_F(KeystoreTest, AnEnvironmentKeyWinsOverTheKeyFile) {
  KeystoreOptions first = options(std::nullopt);
  first.create_key = true;
  ASSERT_TRUE(open(first).set("a", "value-a").ok());
  auto store = Keystore::open(options(k_other_key));
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message().find(k_unopenable), std::string::npos);
}

TEST_F(KeystoreTest, ABadEnvironmentKeyIsNamed) {
  auto store = Keystore::open(options("too-short"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), ErrorCode::invalid_input);
  EXPECT_EQ(store.error().to_string().rfind("RBXPIPE_MASTER_KEY: ", 0), 0u) << store.error().to_string();
}

TEST_F(KeystoreTest, WritersWithStaleViewsKeepEachOthersSecrets) {
  Keystore first = open();
  Keystore second = open();
  ASSERT_TRUE(first.set("from-first", "value-one").ok());
  ASSERT_TRUE(second.set("from-second", "value-two").ok());
  EXPECT_EQ(open().list(), (std::vector<std::string>{"from-first", "from-second"}));
}

TEST_F(KeystoreTest, RefusesBadNamesAndValues) {
  Keystore store = open();
  const std::vector<std::string> names = {"", "a b", "a/b", "\xc3\xa4", std::string(129, 'a')};
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    EXPECT_EQ(store.set(name, "value").error().code(), ErrorCode::invalid_input);
  }
  EXPECT_TRUE(store.set(std::string(128, 'a'), "value").ok());
  EXPECT_EQ(store.set("a", "").error().code(), ErrorCode::invalid_input);
  EXPECT_EQ(store.set("a", std::string(64 * 1024 + 1, 'v')).error().code(), ErrorCode::invalid_input);
  EXPECT_TRUE(store.set("a", std::string(64 * 1024, 'v')).ok());
}

TEST_F(KeystoreTest, LoadedValuesAreRedactedFromLogs) {
  ASSERT_TRUE(open().set("staging-key", "rbx-live-abcdef").ok());
  base::Logger fresh(base::LogLevel::info, base::LogFormat::human,
                     [this](std::string_view line) { lines.emplace_back(line); });
  KeystoreOptions reopen = options();
  reopen.logger = &fresh;
  Keystore store = open(reopen);
  lines.clear();
  fresh.log(base::LogLevel::info, "calling with rbx-live-abcdef now");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].find("rbx-live-abcdef"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("calling with *** now"), std::string::npos) << lines[0];
}

TEST_F(KeystoreTest, ValuesAreRedactedAsSoonAsTheyAreSet) {
  Keystore store = open();
  ASSERT_TRUE(store.set("pem", "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END KEY-----\n").ok());
  ASSERT_TRUE(store.set("token", "tok-123456").ok());
  const auto out = logged("token tok-123456 and line MIIEvQIBADANBgkqhkiG9w0B");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].find("tok-123456"), std::string::npos) << out[0];
  EXPECT_EQ(out[0].find("MIIEvQIBADANBgkqhkiG9w0B"), std::string::npos) << out[0];
}

TEST_F(KeystoreTest, AHomeThatDoesNotExistYetIsCreatedOnFirstWrite) {
  KeystoreOptions fresh = options(std::nullopt);
  fresh.home = home / "new/home";
  fresh.create_key = true;
  Keystore store = open(fresh);
  EXPECT_EQ(store.remove("a").error().code(), ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(home / "new"));
  ASSERT_TRUE(store.set("a", "value-a").ok());
  EXPECT_TRUE(std::filesystem::exists(home / "new/home/keys.sealed"));
  EXPECT_TRUE(std::filesystem::exists(home / "new/home/master.key"));
}

TEST(KeystorePath, LivesInKeysSealedUnderTheHome) {
  EXPECT_EQ(keystore_path("/srv/rbxpipe"), std::filesystem::path("/srv/rbxpipe/keys.sealed"));
  EXPECT_TRUE(validate_secret_name("RBX_STAGING-key.v2").ok());
}

}  // namespace
}  // namespace rbxpipe::platform::secrets
