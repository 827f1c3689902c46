#include "base/file_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace rbxpipe::base {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FileIo, WriteThenReadRoundTripsBinaryBytes) {
  testing::TempDir dir;
  const std::string bytes("line one\n\0binary\xff\r\n", 19);
  ASSERT_TRUE(write_file_atomic(dir / "out.bin", bytes).ok());
  auto read = read_file(dir / "out.bin");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(*read, bytes);
}

TEST(FileIo, WriteCreatesParentFolders) {
  testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "a/b/c/file.txt", "deep").ok());
  EXPECT_EQ(dir.read("a/b/c/file.txt"), "deep");
}

TEST(FileIo, WriteOverwritesExistingFile) {
  testing::TempDir dir;
  dir.write("state.json", "old contents that are longer than the new ones");
  ASSERT_TRUE(write_file_atomic(dir / "state.json", "new").ok());
  EXPECT_EQ(dir.read("state.json"), "new");
}

TEST(FileIo, WriteLeavesNoTempFilesBehind) {
  testing::TempDir dir;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(write_file_atomic(dir / "file.txt", std::to_string(i)).ok());
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"file.txt"});
}

TEST(FileIo, WriteEmptyContentsCreatesEmptyFile) {
  testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "empty", "").ok());
  EXPECT_TRUE(fs::exists(dir / "empty"));
  EXPECT_EQ(fs::file_size(dir / "empty"), 0u);
}

TEST(FileIo, WriteCreatesFileWithMode0644BeforeUmask) {
  testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "mode.txt", "x").ok());
  const auto perms = fs::status(dir / "mode.txt").permissions();
  EXPECT_EQ(perms & (fs::perms::owner_exec | fs::perms::group_write | fs::perms::others_write), fs::perms::none);
  EXPECT_NE(perms & fs::perms::owner_write, fs::perms::none);
}

TEST(FileIo, WriteUnderRegularFileFailsCleanly) {
  testing::TempDir dir;
  dir.write("blocker", "i am a file");
  auto written = write_file_atomic(dir / "blocker/child.txt", "x");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), ErrorCode::io_error);
  EXPECT_EQ(dir.read("blocker"), "i am a file");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"blocker"});
}

TEST(FileIo, WriteOverFolderFailsAndRemovesTempFile) {
  testing::TempDir dir;
  fs::create_directories(dir / "target/inside");
  auto written = write_file_atomic(dir / "target", "x");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), ErrorCode::io_error);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"target"});
}

TEST(FileIo, ReadMissingFileIsNotFoundNamingThePath) {
  testing::TempDir dir;
  auto read = read_file(dir / "nope.txt");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), ErrorCode::not_found);
  EXPECT_NE(read.error().message().find((dir / "nope.txt").string()), std::string::npos);
}

TEST(FileIo, ReadOverLimitIsTooLargeNamingThePath) {
  testing::TempDir dir;
  const auto path = dir.write("big.txt", std::string(101, 'x'));
  auto read = read_file(path, 100);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), ErrorCode::too_large);
  EXPECT_NE(read.error().message().find(path.string()), std::string::npos);
}

TEST(FileIo, ReadExactlyAtLimitSucceeds) {
  testing::TempDir dir;
  const auto path = dir.write("edge.txt", std::string(100, 'y'));
  auto read = read_file(path, 100);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->size(), 100u);
}

TEST(FileIo, ReadFolderIsIoError) {
  testing::TempDir dir;
  auto read = read_file(dir.path());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), ErrorCode::io_error);
}

TEST(FileIo, ReadLargerThanOneBufferRoundTrips) {
  testing::TempDir dir;
  std::string bytes;
  for (int i = 0; i < 50'000; ++i) bytes += std::to_string(i);
  ASSERT_TRUE(write_file_atomic(dir / "large", bytes).ok());
  auto read = read_file(dir / "large");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, bytes);
}

TEST(FileIo, DisplayPathIsRelativeUnderBase) {
  EXPECT_EQ(display_path("/work/project/assets/lava.png", "/work/project"), "assets/lava.png");
  EXPECT_EQ(display_path("/work/project/assets/lava.png", "/work/project/"), "assets/lava.png");
  EXPECT_EQ(display_path("/work/project/./assets/../src/a.lua", "/work/project"), "src/a.lua");
}

TEST(FileIo, DisplayPathOutsideBaseIsUnchanged) {
  EXPECT_EQ(display_path("/other/place/file.txt", "/work/project"), "/other/place/file.txt");
  // A sibling sharing a name prefix is not "under" the base.
  EXPECT_EQ(display_path("/work/project-old/file.txt", "/work/project"), "/work/project-old/file.txt");
}

TEST(FileIo, DisplayPathOfBaseItselfIsDot) { EXPECT_EQ(display_path("/work/project", "/work/project"), "."); }

}  // namespace
}  // namespace rbxpipe::base
