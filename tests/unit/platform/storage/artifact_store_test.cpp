// The ArtifactStore contract, run against every backend.
#include "platform/storage/artifact_store.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "base/sha256.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::storage {
namespace {

using base::ErrorCode;

constexpr std::string_view k_hello_sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

struct Backend {
  std::string name;
  std::function<std::unique_ptr<ArtifactStore>(const std::filesystem::path& home)> make;
};

class ArtifactStoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  ArtifactStoreContract() : store(GetParam().make(home.path())) {}

  testing::TempDir home;
  std::unique_ptr<ArtifactStore> store;
};

TEST_P(ArtifactStoreContract, PutReturnsTheSha256AndGetReturnsTheBytes) {
  auto hash = store->put("school-1", "hello");
  ASSERT_TRUE(hash.ok()) << hash.error().to_string();
  EXPECT_EQ(*hash, k_hello_sha256);
  auto bytes = store->get("school-1", *hash);
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  EXPECT_EQ(*bytes, "hello");
}

TEST_P(ArtifactStoreContract, PuttingTheSameBytesTwiceKeepsOneObject) {
  ASSERT_TRUE(store->put("school-1", "hello").ok());
  ASSERT_TRUE(store->put("school-1", "hello").ok());
  auto listed = store->list("school-1");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, std::vector<std::string>{std::string(k_hello_sha256)});
}

TEST_P(ArtifactStoreContract, ListIsSortedAndEmptyForAnUnknownTenant) {
  std::vector<std::string> hashes;
  for (const char* bytes : {"one", "two", "three"}) hashes.push_back(*store->put("school-1", bytes));
  std::sort(hashes.begin(), hashes.end());
  auto listed = store->list("school-1");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, hashes);
  auto empty = store->list("nobody");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST_P(ArtifactStoreContract, ExistsFollowsPutAndRemove) {
  auto hash = store->put("school-1", "hello");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(*store->exists("school-1", *hash));
  ASSERT_TRUE(store->remove("school-1", *hash).ok());
  EXPECT_FALSE(*store->exists("school-1", *hash));
  auto again = store->remove("school-1", *hash);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::not_found);
  auto gone = store->get("school-1", *hash);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::not_found);
  EXPECT_NE(gone.error().message().find("school-1/" + *hash), std::string::npos);
}

TEST_P(ArtifactStoreContract, ATenantCannotReachAnotherTenantsObjects) {
  auto hash = store->put("tenant-a", "lesson bundle");
  ASSERT_TRUE(hash.ok());
  auto get = store->get("tenant-b", *hash);
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().code(), ErrorCode::not_found);
  EXPECT_FALSE(*store->exists("tenant-b", *hash));
  EXPECT_TRUE(store->list("tenant-b")->empty());
  auto remove = store->remove("tenant-b", *hash);
  ASSERT_FALSE(remove.ok());
  EXPECT_EQ(remove.error().code(), ErrorCode::not_found);
  auto target = home / "out.bin";
  EXPECT_FALSE(store->get_file("tenant-b", *hash, target).ok());
  EXPECT_FALSE(std::filesystem::exists(target));
  // A's object is untouched by B's attempts.
  EXPECT_EQ(*store->get("tenant-a", *hash), "lesson bundle");
}

TEST_P(ArtifactStoreContract, SameBytesUnderTwoTenantsAreTwoObjects) {
  auto a = store->put("tenant-a", "shared");
  auto b = store->put("tenant-b", "shared");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  ASSERT_TRUE(store->remove("tenant-a", *a).ok());
  EXPECT_EQ(*store->get("tenant-b", *b), "shared");
}

TEST_P(ArtifactStoreContract, RejectsTenantIdsThatCouldEscapeThePrefix) {
  const std::string hash(k_hello_sha256);
  const std::vector<std::string> tenants = {"",  "..", ".",  "../a", "a/b",
                                           "A", "a b", "-a", "a-",   "a\nb",
                                           std::string(64, 'a'), std::string("a\0b", 3)};
  for (const std::string& tenant : tenants) {
    SCOPED_TRACE(tenant);
    auto put = store->put(tenant, "x");
    ASSERT_FALSE(put.ok());
    EXPECT_EQ(put.error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(store->get(tenant, hash).error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(store->list(tenant).error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(store->remove(tenant, hash).error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(store->exists(tenant, hash).error().code(), ErrorCode::invalid_input);
  }
  EXPECT_TRUE(validate_tenant(std::string(63, 'a')).ok());
  EXPECT_TRUE(validate_tenant("district-9").ok());
}

TEST_P(ArtifactStoreContract, RejectsHashesThatAreNotSha256Hex) {
  const std::vector<std::string> hashes = {"../../keys.sealed",  std::string(63, 'a'), std::string(65, 'a'),
                                           std::string(64, 'A'), std::string(64, 'g'), ""};
  for (const std::string& hash : hashes) {
    SCOPED_TRACE(hash);
    auto get = store->get("school-1", hash);
    ASSERT_FALSE(get.ok());
    EXPECT_EQ(get.error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(store->remove("school-1", hash).error().code(), ErrorCode::invalid_input);
  }
}

TEST_P(ArtifactStoreContract, FilesGoInAndOutInChunks) {
  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) % 251);
  const auto source = home.write("input/bundle.zip", big);
  auto hash = store->put_file("school-1", source);
  ASSERT_TRUE(hash.ok()) << hash.error().to_string();
  EXPECT_EQ(*hash, base::sha256_hex(big));
  const auto copy = home / "output/nested/bundle.zip";
  auto written = store->get_file("school-1", *hash, copy);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_EQ(home.read("output/nested/bundle.zip"), big);
  EXPECT_EQ(*store->get("school-1", *hash), big);
}

TEST_P(ArtifactStoreContract, PutFileOfAMissingFileIsNotFound) {
  auto hash = store->put_file("school-1", home / "missing.zip");
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.error().code(), ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, ArtifactStoreContract,
    ::testing::Values(
        Backend{"local", [](const std::filesystem::path& home) { return make_local_artifact_store(artifacts_root(home)); }},
        Backend{"memory", [](const std::filesystem::path&) { return make_memory_artifact_store(); }}),
    [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace rbxpipe::platform::storage
