// `rbxpipe import` on hostile bundles: refused with exit 2, nothing written outside the state folder's temporary
// area, no release recorded.
#include <gtest/gtest.h>

#include "base/file_io.h"
#include "tests/e2e/deploy_fixture.h"
#include "tests/unit/bundle/archive_builders.h"

namespace rbxpipe::testing {
namespace {

using bundle::testing::ArchiveEntry;
using bundle::testing::ArchiveKind;
using bundle::testing::EntryType;

std::size_t entries_under(const std::filesystem::path& folder) {
  std::size_t count = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    ++count;
  }
  return count;
}

void expect_refused(DeployFixture& fixture, const std::string& name, const std::string& archive,
                    const std::string& reason) {
  const auto folder = fixture.home().parent_path() / "incoming";
  std::filesystem::create_directories(folder);
  const auto file = folder / name;
  ASSERT_TRUE(base::write_file_atomic(file, archive).ok());
  const auto before = entries_under(fixture.home().parent_path());
  auto result = fixture.run({"import", file.string()});
  EXPECT_EQ(result.exit_code, 2) << name << ": " << result.err;
  EXPECT_NE(result.err.find(reason), std::string::npos) << name << ": " << result.err;
  EXPECT_FALSE(std::filesystem::exists(fixture.home().parent_path() / "evil")) << name;
  EXPECT_FALSE(std::filesystem::exists("/tmp/rbxpipe-evil")) << name;
  // The state folder may gain its database on the first command; nothing else appears anywhere.
  EXPECT_LE(entries_under(fixture.home().parent_path()), before + 4) << name;
  auto releases = fixture.run({"releases", "--json"});
  EXPECT_NE(releases.out.find("\"releases\": []"), std::string::npos) << name << releases.out;
}

TEST(DeployImport, HostileBundlesAreRefusedAndNothingIsWritten) {
  DeployFixture fixture;
  auto valid = bundle::testing::bundle_entries(bundle::testing::sample_contents());
  auto with = [&](ArchiveEntry extra) {
    auto entries = valid;
    entries.push_back(std::move(extra));
    return entries;
  };
  expect_refused(fixture, "slip.zip", bundle::testing::build_archive(with({"../evil/x", "boom", EntryType::file, ""}), ArchiveKind::zip),
                 "..");
  expect_refused(fixture, "absolute.tar.gz",
                 bundle::testing::build_archive(with({"/tmp/rbxpipe-evil", "boom", EntryType::file, ""}), ArchiveKind::tar_gz), "absolute");
  expect_refused(fixture, "link.tar.zst",
                 bundle::testing::build_archive(with({"project/link", "", EntryType::symlink, "/etc/passwd"}),
                                                ArchiveKind::tar_zst),
                 "link");
  expect_refused(fixture, "bomb.zip",
                 bundle::testing::build_raw_zip({bundle::testing::zero_bomb_entry("project/zeros.bin", 1024)}),
                 "decompression bomb");
  std::vector<ArchiveEntry> many = valid;
  for (int i = 0; i < 100'000; ++i) many.push_back({"f/" + std::to_string(i), "", EntryType::file, ""});
  expect_refused(fixture, "many.tar", bundle::testing::build_archive(many, ArchiveKind::tar), "entries");
}

}  // namespace
}  // namespace rbxpipe::testing
