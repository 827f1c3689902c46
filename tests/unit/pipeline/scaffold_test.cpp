#include "pipeline/scaffold.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/project_loader.h"
#include "tests/support/temp_dir.h"

namespace rbxpipe::pipeline {
namespace {

using rbxpipe::testing::TempDir;

TEST(Scaffold, LessonIdFromFolderName) {
  EXPECT_EQ(lesson_id_from("My Lesson_2"), "my-lesson-2");
  EXPECT_EQ(lesson_id_from("--Volcano--"), "volcano");
  EXPECT_EQ(lesson_id_from("日本"), "lesson");
  EXPECT_EQ(lesson_id_from(std::string(100, 'a')).size(), 64u);
}

TEST(Scaffold, WritesALoadableLessonNamedAfterTheFolder) {
  TempDir dir;
  auto result = scaffold_lesson({dir / "Rock Cycle", ""});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->name, "rock-cycle");
  EXPECT_TRUE(std::find(result->files.begin(), result->files.end(), ".gitignore") != result->files.end());
  auto loaded = load_project(dir / "Rock Cycle");
  ASSERT_TRUE(loaded.ok()) << base::render_text(std::span<const base::Diagnostic>(loaded.diagnostics));
  EXPECT_EQ(loaded.project->config.name, "rock-cycle");
  ASSERT_TRUE(loaded.project->lesson.has_value());
  EXPECT_EQ(loaded.project->lesson->id, "rock-cycle");
  EXPECT_EQ(dir.read("Rock Cycle/assets/images/lava.png").substr(1, 3), "PNG");
  EXPECT_EQ(dir.read("Rock Cycle/assets/audio/rumble.wav").substr(0, 4), "RIFF");
}

TEST(Scaffold, IsDeterministic) {
  TempDir a;
  TempDir b;
  ASSERT_TRUE(scaffold_lesson({a / "x", "volcano"}).ok());
  ASSERT_TRUE(scaffold_lesson({b / "y", "volcano"}).ok());
  for (const char* file : {"rbxpipe.json", "assets/images/lava.png", "assets/audio/rumble.wav", "lesson/lesson.json"}) {
    EXPECT_EQ(a.read(std::string("x/") + file), b.read(std::string("y/") + file)) << file;
  }
}

TEST(Scaffold, RefusesWithoutTouchingAnythingWhenAFileExists) {
  TempDir dir;
  dir.write("p/lesson/lesson.json", "mine");
  auto result = scaffold_lesson({dir / "p", "p"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::already_exists);
  EXPECT_EQ(result.error().message(), "would overwrite existing files: lesson/lesson.json");
  EXPECT_FALSE(std::filesystem::exists(dir / "p/rbxpipe.json"));
}

TEST(Scaffold, RejectsAnInvalidName) {
  TempDir dir;
  auto result = scaffold_lesson({dir / "p", "Not Valid"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), base::ErrorCode::invalid_input);
}

}  // namespace
}  // namespace rbxpipe::pipeline
