#include "bundle/bundle_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "base/file_io.h"
#include "base/sha256.h"
#include "bundle/bundle_reader.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/bundle/archive_builders.h"

namespace rbxpipe::bundle {
namespace {

std::vector<std::string> listing(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

std::uint32_t read16(const std::string& bytes, std::size_t offset) {
  const auto low = static_cast<std::uint8_t>(bytes[offset]);
  const auto high = static_cast<std::uint8_t>(bytes[offset + 1]);
  return low | (static_cast<std::uint32_t>(high) << 8);
}

TEST(BundleWriter, RoundTripsThroughAZipFile) {
  rbxpipe::testing::TempDir dir;
  const BundleContents contents = testing::sample_contents();
  auto written = write_bundle(contents, dir / "out/volcano.zip");
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_EQ(written->release_id, release_id(contents.manifest));
  EXPECT_EQ(written->artifact_hash, artifact_hash(contents.manifest));
  EXPECT_EQ(written->archive_sha256, base::to_hex(base::sha256_file(dir / "out/volcano.zip").value()));
  EXPECT_EQ(written->archive_size, std::filesystem::file_size(dir / "out/volcano.zip"));

  auto read = read_bundle(dir / "out/volcano.zip");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->files, contents.files);
  EXPECT_EQ(encode_manifest(read->manifest), encode_manifest(contents.manifest));
  EXPECT_EQ(release_id(read->manifest), written->release_id);
  EXPECT_EQ(listing(dir / "out"), std::vector<std::string>{"volcano.zip"});
}

TEST(BundleWriter, SameContentsGiveByteIdenticalArchives) {
  rbxpipe::testing::TempDir dir;
  const BundleContents contents = testing::sample_contents();
  ASSERT_TRUE(write_bundle(contents, dir / "a.zip").ok());
  ASSERT_TRUE(write_bundle(contents, dir / "b.zip").ok());
  const std::string first = base::read_file(dir / "a.zip").value();
  EXPECT_EQ(base::read_file(dir / "b.zip").value(), first);
  EXPECT_EQ(encode_bundle(contents).value(), first);

  BundleContents reordered = contents;
  std::reverse(reordered.manifest.files.begin(), reordered.manifest.files.end());
  std::reverse(reordered.manifest.assets.begin(), reordered.manifest.assets.end());
  EXPECT_EQ(encode_bundle(reordered).value(), first);
}

TEST(BundleWriter, ArchiveBytesDoNotDependOnTheTimeZone) {
  const BundleContents contents = testing::sample_contents();
  const char* saved = std::getenv("TZ");
  const std::string previous = saved != nullptr ? saved : "";
  setenv("TZ", "UTC", 1);
  tzset();
  const std::string utc = encode_bundle(contents).value();
  setenv("TZ", "NZST-12", 1);
  tzset();
  const std::string auckland = encode_bundle(contents).value();
  if (saved != nullptr) {
    setenv("TZ", previous.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  EXPECT_EQ(auckland, utc);
}

TEST(BundleWriter, PutsReleaseJsonFirstWithTheZipEpochAndMode0644) {
  const std::string bytes = encode_bundle(testing::sample_contents()).value();
  ASSERT_GT(bytes.size(), 42u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(read16(bytes, 10), 0u);     // DOS time 00:00:00
  EXPECT_EQ(read16(bytes, 12), 0x21u);  // DOS date 1980-01-01
  EXPECT_EQ(bytes.substr(30, read16(bytes, 26)), "release.json");
  // The central directory's external attributes hold the Unix mode in their high half.
  const std::size_t central = bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(central, std::string::npos);
  EXPECT_EQ(read16(bytes, central + 40), 0100644u);
  EXPECT_EQ(bytes.substr(central + 46, read16(bytes, central + 28)), "release.json");
}

TEST(BundleWriter, RefusesContentsThatDisagreeWithTheManifestAndWritesNothing) {
  rbxpipe::testing::TempDir dir;
  BundleContents contents = testing::sample_contents();
  contents.files["place.rbxl"] += "tampered";
  auto written = write_bundle(contents, dir / "bad.zip");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), base::ErrorCode::invalid_input);
  EXPECT_EQ(written.error().message(), "file 'place.rbxl' holds 3016 bytes, release.json lists 3008");
  EXPECT_TRUE(listing(dir.path()).empty());

  contents = testing::sample_contents();
  contents.files["notes.txt"] = "unlisted";
  EXPECT_EQ(encode_bundle(contents).error().message(),
            "file 'notes.txt' is in the bundle but not listed in release.json");
}

TEST(BundleWriter, ReplacesAnExistingBundleWhole) {
  rbxpipe::testing::TempDir dir;
  const auto path = dir.write("volcano.zip", "old bytes");
  ASSERT_TRUE(write_bundle(testing::sample_contents(), path).ok());
  EXPECT_TRUE(read_bundle(path).ok());
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"volcano.zip"});
}

TEST(BundleWriter, AddFileReplacesTheListingAtTheSamePath) {
  BundleContents contents = testing::sample_contents();
  const std::size_t listed = contents.manifest.files.size();
  add_file(contents, "place.rbxl", "new", FileRole::place);
  EXPECT_EQ(contents.manifest.files.size(), listed);
  EXPECT_TRUE(check_contents(contents).ok());
  EXPECT_EQ(contents.files.at("place.rbxl"), "new");
}

}  // namespace
}  // namespace rbxpipe::bundle
