#include "bundle/bundle_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "base/file_io.h"
#include "bundle/bundle_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/bundle/archive_builders.h"

namespace rbxpipe::bundle {
namespace {

using testing::ArchiveEntry;
using testing::ArchiveKind;
using testing::EntryType;

class BundleReaderTest : public ::testing::Test {
 protected:
  // Every path under the test folder, relative, sorted: what a refused extraction must leave unchanged.
  std::vector<std::string> tree() const {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_dir.path())) {
      paths.push_back(base::display_path(entry.path(), m_dir.path()));
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  // Refuses `bytes` from memory and from disk with the same message; the extraction leaves nothing behind.
  std::string refused(const std::string& bytes, const ReadLimits& limits = {}) {
    auto from_memory = read_bundle_bytes(bytes, limits);
    EXPECT_FALSE(from_memory.ok());
    if (from_memory.ok()) return "accepted";
    EXPECT_EQ(from_memory.error().code(), base::ErrorCode::invalid_input);
    const auto archive = m_dir.write("bundle.bin", bytes);
    std::filesystem::create_directories(m_dir / "out");
    auto extracted = extract_bundle(archive, m_dir / "out/target", limits);
    EXPECT_FALSE(extracted.ok());
    if (extracted.ok()) return "extracted";
    EXPECT_EQ(extracted.error().code(), base::ErrorCode::invalid_input);
    EXPECT_EQ(extracted.error().message(), from_memory.error().message());
    EXPECT_EQ(tree(), (std::vector<std::string>{"bundle.bin", "out"}));
    return from_memory.error().message();
  }

  // The sample bundle's entries plus `extra`, as one archive of `kind`.
  static std::string sample_with(std::vector<ArchiveEntry> extra, ArchiveKind kind = ArchiveKind::tar_gz) {
    auto entries = testing::bundle_entries(testing::sample_contents());
    entries.insert(entries.end(), extra.begin(), extra.end());
    return testing::build_archive(entries, kind);
  }

  rbxpipe::testing::TempDir m_dir;
};

TEST_F(BundleReaderTest, ReadsEveryFormatByContentWhateverTheExtension) {
  const BundleContents expected = testing::sample_contents();
  for (ArchiveKind kind : {ArchiveKind::tar, ArchiveKind::tar_gz, ArchiveKind::tar_zst, ArchiveKind::zip}) {
    const auto path = m_dir.write("misnamed.zip", testing::build_archive(testing::bundle_entries(expected), kind));
    auto read = read_bundle(path);
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_EQ(read->files, expected.files);
    EXPECT_EQ(release_id(read->manifest), release_id(expected.manifest));
  }
}

TEST_F(BundleReaderTest, KeepsNonAsciiNamesInEveryFormat) {
  BundleContents contents = testing::sample_contents();
  add_file(contents, "assets/lava é 溶岩.png", "png", FileRole::asset);
  contents.manifest.assets[0].file = "assets/lava é 溶岩.png";
  for (ArchiveKind kind : {ArchiveKind::tar_gz, ArchiveKind::zip}) {
    auto read = read_bundle_bytes(testing::build_archive(testing::bundle_entries(contents), kind));
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_EQ(read->files, contents.files);
  }
  auto read = read_bundle_bytes(encode_bundle(contents).value());
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->files.count("assets/lava é 溶岩.png"), 1u);
}

TEST_F(BundleReaderTest, ExtractsIntoAnEmptyTargetFolder) {
  const auto archive = m_dir.write("bundle.bin", encode_bundle(testing::sample_contents()).value());
  std::filesystem::create_directories(m_dir / "out/target");
  auto manifest = extract_bundle(archive, m_dir / "out/target");
  ASSERT_TRUE(manifest.ok()) << manifest.error().to_string();
  EXPECT_EQ(m_dir.read("out/target/sourcemap.json"), "{}");
}

TEST_F(BundleReaderTest, AcceptsTheDotSlashNamesAndFoldersTarWrites) {
  std::vector<ArchiveEntry> entries{{"./", "", EntryType::folder, ""}};
  for (ArchiveEntry entry : testing::bundle_entries(testing::sample_contents())) {
    entry.path = "./" + entry.path;
    entries.push_back(entry);
  }
  entries.push_back(ArchiveEntry{"./models/", "", EntryType::folder, ""});
  auto read = read_bundle_bytes(testing::build_archive(entries, ArchiveKind::tar_gz));
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(read->files, testing::sample_contents().files);
}

TEST_F(BundleReaderTest, ExtractsTheVerifiedBundleIntoTheTargetOnly) {
  const BundleContents contents = testing::sample_contents();
  const auto archive = m_dir.write("bundle.bin", encode_bundle(contents).value());
  auto manifest = extract_bundle(archive, m_dir / "out/target/");
  ASSERT_TRUE(manifest.ok()) << manifest.error().to_string();
  EXPECT_EQ(release_id(*manifest), release_id(contents.manifest));
  EXPECT_EQ(tree(), (std::vector<std::string>{
                        "bundle.bin", "out", "out/target", "out/target/assets", "out/target/assets/rumble.ogg",
                        "out/target/assets/sheet-0.png", "out/target/models", "out/target/models/lava.rbxm",
                        "out/target/place.rbxl", "out/target/release.json", "out/target/sourcemap.json"}));
  EXPECT_EQ(m_dir.read("out/target/place.rbxl"), contents.files.at("place.rbxl"));
  EXPECT_EQ(m_dir.read("out/target/release.json"), encode_manifest(contents.manifest));
}

TEST_F(BundleReaderTest, ExtractRefusesATargetThatHoldsAnything) {
  const auto archive = m_dir.write("bundle.bin", encode_bundle(testing::sample_contents()).value());
  m_dir.write("out/target/keep.txt", "mine");
  auto manifest = extract_bundle(archive, m_dir / "out/target");
  ASSERT_FALSE(manifest.ok());
  EXPECT_EQ(manifest.error().code(), base::ErrorCode::already_exists);
  EXPECT_EQ(tree(), (std::vector<std::string>{"bundle.bin", "out", "out/target", "out/target/keep.txt"}));
}

TEST_F(BundleReaderTest, RefusesParentComponents) {
  EXPECT_EQ(refused(sample_with({{"../evil.txt", "x", EntryType::file, ""}})),
            "entry '../evil.txt' has a '..' component (it would leave the bundle)");
  EXPECT_EQ(refused(sample_with({{"assets/../../evil.txt", "x", EntryType::file, ""}}, ArchiveKind::zip)),
            "entry 'assets/../../evil.txt' has a '..' component (it would leave the bundle)");
}

TEST_F(BundleReaderTest, RefusesAbsolutePaths) {
  const std::string escaped = (m_dir / "escaped.txt").string();
  EXPECT_EQ(refused(sample_with({{escaped, "x", EntryType::file, ""}}, ArchiveKind::tar)),
            "entry '" + escaped + "' is absolute");
}

TEST_F(BundleReaderTest, RefusesSymbolicAndHardLinks) {
  EXPECT_EQ(refused(sample_with({{"assets/etc", "", EntryType::symlink, "/etc"}}, ArchiveKind::tar_zst)),
            "entry 'assets/etc' is a symbolic link to '/etc'");
  EXPECT_EQ(refused(sample_with({{"link", "", EntryType::symlink, "../../outside"}}, ArchiveKind::zip)),
            "entry 'link' is a symbolic link to '../../outside'");
  EXPECT_EQ(refused(sample_with({{"copy", "", EntryType::hardlink, "/etc/passwd"}}, ArchiveKind::tar)),
            "entry 'copy' is a hard link to '/etc/passwd'");
}

TEST_F(BundleReaderTest, RefusesDevicesAndFifos) {
  EXPECT_EQ(refused(sample_with({{"dev/tty", "", EntryType::char_device, ""}})), "entry 'dev/tty' is a device");
  EXPECT_EQ(refused(sample_with({{"pipe", "", EntryType::fifo, ""}}, ArchiveKind::tar)), "entry 'pipe' is a FIFO");
}

TEST_F(BundleReaderTest, RefusesZipSlipAndBackslashTricks) {
  const std::string manifest = encode_manifest(testing::sample_contents().manifest);
  EXPECT_EQ(refused(testing::build_raw_zip({testing::stored_entry("release.json", manifest),
                                            testing::stored_entry("../../evil.sh", "#!/bin/sh")})),
            "entry '../../evil.sh' has a '..' component (it would leave the bundle)");
  // libarchive's zip reader turns '\' into '/' (zips made on Windows use it), so the '..' rule catches this one...
  EXPECT_EQ(refused(testing::build_raw_zip({testing::stored_entry("release.json", manifest),
                                            testing::stored_entry("..\\..\\evil.sh", "#!/bin/sh")})),
            "entry '../../evil.sh' has a '..' component (it would leave the bundle)");
  // ...while tar keeps the name as stored, and a backslash is refused outright.
  EXPECT_EQ(refused(sample_with({{"..\\evil.sh", "x", EntryType::file, ""}}, ArchiveKind::tar)),
            "entry '..\\evil.sh' contains a backslash");
  EXPECT_EQ(refused(testing::build_raw_zip({testing::stored_entry("C:/evil.sh", "#!/bin/sh")})),
            "entry 'C:/evil.sh' contains a colon (drive letter or stream name)");
}

TEST_F(BundleReaderTest, RefusesDuplicateAndOverlappingEntries) {
  EXPECT_EQ(refused(sample_with({{"release.json", "{}", EntryType::file, ""}})),
            "entry 'release.json' appears twice");
  EXPECT_EQ(refused(sample_with({{"./place.rbxl", "other", EntryType::file, ""}}, ArchiveKind::zip)),
            "entry './place.rbxl' appears twice");
  EXPECT_EQ(refused(sample_with({{"place.rbxl/inner", "x", EntryType::file, ""}}, ArchiveKind::tar)),
            "entry 'place.rbxl/inner' lies inside the file 'place.rbxl'");
}

TEST_F(BundleReaderTest, StopsAZipBombLongBeforeItIsInflated) {
  const testing::RawZipEntry bomb = testing::zero_bomb_entry("assets/zeros.bin", 1024);
  ASSERT_LT(bomb.data.size(), std::size_t{2} << 20);  // 1 GiB of zeros in about 1 MiB
  const std::string message = refused(testing::build_raw_zip(
      {testing::stored_entry("release.json", encode_manifest(testing::sample_contents().manifest)), bomb}));
  EXPECT_NE(message.find("entry 'assets/zeros.bin' inflates to more than 200 times its compressed size"),
            std::string::npos)
      << message;
  unsigned long long produced = 0;
  ASSERT_EQ(std::sscanf(message.c_str() + message.find('('), "(%llu bytes", &produced), 1) << message;
  EXPECT_LT(produced, 4ull << 20);
}

TEST_F(BundleReaderTest, StopsACompressedTarBomb) {
  const std::string message = refused(sample_with({{"zeros.bin", std::string(16 << 20, '\0'), EntryType::file, ""}}));
  EXPECT_NE(message.find("entry 'zeros.bin' inflates to more than 200 times"), std::string::npos) << message;
}

TEST_F(BundleReaderTest, RefusesMoreEntriesThanTheLimit) {
  std::vector<ArchiveEntry> entries;
  entries.reserve(100'000);
  for (int i = 0; i < 100'000; ++i) entries.push_back(ArchiveEntry{"f/" + std::to_string(i), "", EntryType::file, ""});
  EXPECT_EQ(refused(testing::build_archive(entries, ArchiveKind::tar_gz)), "the bundle has more than 10000 entries");
}

TEST_F(BundleReaderTest, RefusesMoreBytesThanTheLimit) {
  ReadLimits limits;
  limits.max_total_bytes = 3000;
  // Entries come in path order after release.json; three small files precede the place.
  const std::size_t before = encode_manifest(testing::sample_contents().manifest).size() + 11 + 10 + 12;
  EXPECT_EQ(refused(sample_with({}), limits),
            "entry 'place.rbxl' declares 3008 bytes, more than the " + std::to_string(3000 - before) +
                " left under the limit of 3000 bytes");
  limits = ReadLimits{};
  limits.max_manifest_bytes = 100;
  EXPECT_EQ(refused(sample_with({}, ArchiveKind::zip), limits),
            "release.json declares " + std::to_string(before - 33) + " bytes, over the limit of 100");
}

TEST_F(BundleReaderTest, RefusesEntriesWhoseDeclaredSizeIsALie) {
  const std::string manifest = encode_manifest(testing::sample_contents().manifest);
  // For a stored entry libarchive itself compares the sizes; either way the entry is named.
  testing::RawZipEntry longer = testing::stored_entry("place.rbxl", std::string(3008, 'p'));
  longer.size = 5;
  EXPECT_EQ(refused(testing::build_raw_zip({testing::stored_entry("release.json", manifest), longer})),
            "cannot read entry 'place.rbxl': ZIP uncompressed data is wrong size (read 3008, expected 5)");
  testing::RawZipEntry bomb = testing::zero_bomb_entry("zeros.bin", 2);
  bomb.size = 4096;
  EXPECT_EQ(refused(testing::build_raw_zip({testing::stored_entry("release.json", manifest), bomb})),
            "entry 'zeros.bin' holds more than the 4096 bytes it declares");
}

TEST_F(BundleReaderTest, RefusesTruncatedArchives) {
  const std::string zip = encode_bundle(testing::sample_contents()).value();
  EXPECT_EQ(refused(zip.substr(0, zip.size() / 2)), "cannot read entry 'release.json': ZIP decompression failed (-5)");
  const std::string tar_gz = sample_with({});
  EXPECT_NE(refused(tar_gz.substr(0, tar_gz.size() / 2)).find("truncated"), std::string::npos);
}

TEST_F(BundleReaderTest, RefusesFilesThatDoNotMatchTheManifest) {
  const BundleContents contents = testing::sample_contents();
  auto entries = testing::bundle_entries(contents);
  entries[3].data[0] = 'X';  // same size, other bytes
  const std::string message = refused(testing::build_archive(entries, ArchiveKind::tar_gz));
  EXPECT_EQ(message.rfind("file '" + entries[3].path + "' has SHA-256 ", 0), 0u) << message;
  EXPECT_NE(message.find(", release.json lists "), std::string::npos);
}

TEST_F(BundleReaderTest, RefusesUnlistedAndMissingFiles) {
  EXPECT_EQ(refused(sample_with({{"notes.txt", "hi", EntryType::file, ""}})),
            "file 'notes.txt' is in the bundle but not listed in release.json");
  auto entries = testing::bundle_entries(testing::sample_contents());
  entries.pop_back();
  EXPECT_EQ(refused(testing::build_archive(entries, ArchiveKind::zip)),
            "file 'sourcemap.json' is listed in release.json but missing from the bundle");
  entries.erase(entries.begin());
  EXPECT_EQ(refused(testing::build_archive(entries, ArchiveKind::tar)), "the bundle has no release.json");
}

TEST_F(BundleReaderTest, RefusesABadManifest) {
  auto entries = testing::bundle_entries(testing::sample_contents());
  entries[0].data = "{\"format_version\":1}";
  EXPECT_EQ(refused(testing::build_archive(entries, ArchiveKind::tar)), "name: missing");
}

TEST_F(BundleReaderTest, RefusesBytesThatAreNoArchive) {
  EXPECT_EQ(refused("just some text, not an archive").rfind("not a zip, tar, tar.gz or tar.zst archive", 0), 0u);
  EXPECT_FALSE(read_bundle_bytes("").ok());
}

TEST_F(BundleReaderTest, ReportsAMissingBundleAsNotFound) {
  auto read = read_bundle(m_dir / "missing.zip");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), base::ErrorCode::not_found);
  EXPECT_EQ(read.error().to_string(), "read bundle '" + (m_dir / "missing.zip").string() + "': no such file");
}

}  // namespace
}  // namespace rbxpipe::bundle
