// What only the local backend has: its layout on disk, and what it does when those files are changed behind it.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "platform/storage/artifact_store.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::platform::storage {
namespace {

using base::ErrorCode;

class LocalArtifactStoreTest : public ::testing::Test {
 protected:
  LocalArtifactStoreTest() : store(make_local_artifact_store(artifacts_root(home.path()))) {}

  std::filesystem::path object(const std::string& tenant, const std::string& hash) const {
    return home / ("artifacts/" + tenant + "/" + hash);
  }

  testing::TempDir home;
  std::unique_ptr<ArtifactStore> store;
};

TEST_F(LocalArtifactStoreTest, ObjectsLiveUnderArtifactsTenantHash) {
  EXPECT_EQ(artifacts_root("/srv/rbxpipe"), std::filesystem::path("/srv/rbxpipe/artifacts"));
  auto hash = store->put("school-1", "bundle");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(home.read("artifacts/school-1/" + *hash), "bundle");
}

TEST_F(LocalArtifactStoreTest, TamperedFileIsAnErrorNamingIt) {
  auto hash = store->put("school-1", "original bytes");
  ASSERT_TRUE(hash.ok());
  home.write("artifacts/school-1/" + *hash, "original bytez");
  auto get = store->get("school-1", *hash);
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().code(), ErrorCode::io_error);
  const std::string message = get.error().to_string();
  EXPECT_NE(message.find("school-1/" + *hash), std::string::npos) << message;
  EXPECT_NE(message.find(object("school-1", *hash).string()), std::string::npos) << message;
  EXPECT_NE(message.find("modified or damaged"), std::string::npos) << message;

  const auto target = home / "out/copy.bin";
  auto copied = store->get_file("school-1", *hash, target);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message().find("modified or damaged"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(target));
  // Nothing half-written is left next to the destination either.
  EXPECT_TRUE(std::filesystem::is_empty(home / "out"));
}

TEST_F(LocalArtifactStoreTest, PuttingTheBytesAgainRepairsADamagedCopy) {
  auto hash = store->put("school-1", "original bytes");
  ASSERT_TRUE(hash.ok());
  home.write("artifacts/school-1/" + *hash, "garbage");
  ASSERT_TRUE(store->put("school-1", "original bytes").ok());
  auto get = store->get("school-1", *hash);
  ASSERT_TRUE(get.ok()) << get.error().to_string();
  EXPECT_EQ(*get, "original bytes");
}

TEST_F(LocalArtifactStoreTest, ListSkipsTempFilesAndForeignNames) {
  auto hash = store->put("school-1", "bundle");
  ASSERT_TRUE(hash.ok());
  home.write("artifacts/school-1/.tmp-123-456", "partial");
  home.write("artifacts/school-1/notes.txt", "hello");
  home.write("artifacts/school-1/" + std::string(64, 'b') + "/inner", "a folder named like a hash");
  auto listed = store->list("school-1");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, std::vector<std::string>{*hash});
}

TEST_F(LocalArtifactStoreTest, NoTempFilesRemainAfterPuts) {
  ASSERT_TRUE(store->put("school-1", "one").ok());
  ASSERT_TRUE(store->put_file("school-1", home.write("in.bin", "two")).ok());
  ASSERT_TRUE(store->put_file("school-1", home.write("again.bin", "two")).ok());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(home / "artifacts/school-1")) {
    EXPECT_EQ(entry.path().filename().string().size(), 64u) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2);
}

}  // namespace
}  // namespace rbxpipe::platform::storage
