#include "base/glob.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace rbxpipe::base {
namespace {

using Paths = std::vector<std::string>;

Glob must_compile(std::string_view pattern) {
  auto glob = Glob::compile(pattern);
  if (!glob.ok()) ADD_FAILURE() << "pattern '" << pattern << "': " << glob.error().to_string();
  return std::move(glob).value();
}

bool glob_matches(std::string_view pattern, std::string_view path) { return must_compile(pattern).matches(path); }

// Offset reported for an invalid pattern; SIZE_MAX when it unexpectedly compiled.
std::size_t error_offset_of(std::string_view pattern) {
  std::size_t offset = 12345;
  auto glob = Glob::compile(pattern, &offset);
  if (glob.ok()) return SIZE_MAX;
  EXPECT_EQ(glob.error().code(), ErrorCode::invalid_input) << pattern;
  return offset;
}

TEST(Glob, LiteralPatternMatchesOnlyItself) {
  EXPECT_TRUE(glob_matches("assets/lava.png", "assets/lava.png"));
  EXPECT_FALSE(glob_matches("assets/lava.png", "assets/lava.pngx"));
  EXPECT_FALSE(glob_matches("assets/lava.png", "other/assets/lava.png"));
  EXPECT_FALSE(glob_matches("assets/lava.png", ""));
}

TEST(Glob, MatchingIsCaseSensitive) { EXPECT_FALSE(glob_matches("Lava.png", "lava.png")); }

TEST(Glob, StarMatchesWithinOneSegment) {
  EXPECT_TRUE(glob_matches("*.png", "lava.png"));
  EXPECT_TRUE(glob_matches("*.png", ".png"));
  EXPECT_TRUE(glob_matches("a*b*c", "abc"));
  EXPECT_TRUE(glob_matches("a*b*c", "axxbyybzc"));
  EXPECT_FALSE(glob_matches("a*b*c", "axxbyybzcd"));
}

TEST(Glob, StarNeverCrossesSlash) {
  EXPECT_FALSE(glob_matches("*.png", "images/lava.png"));
  EXPECT_FALSE(glob_matches("a*", "ab/c"));
  EXPECT_TRUE(glob_matches("*/*.png", "images/lava.png"));
}

TEST(Glob, QuestionMarkMatchesExactlyOneCharacterButNotSlash) {
  EXPECT_TRUE(glob_matches("lev?l.lua", "level.lua"));
  EXPECT_FALSE(glob_matches("lev?l.lua", "levl.lua"));
  EXPECT_FALSE(glob_matches("a?b", "a/b"));
}

TEST(Glob, DoubleStarMatchesZeroSegments) {
  EXPECT_TRUE(glob_matches("a/**/b.txt", "a/b.txt"));
  EXPECT_TRUE(glob_matches("**/b.txt", "b.txt"));
}

TEST(Glob, DoubleStarMatchesManySegments) {
  EXPECT_TRUE(glob_matches("a/**/b.txt", "a/x/b.txt"));
  EXPECT_TRUE(glob_matches("a/**/b.txt", "a/x/y/z/b.txt"));
  EXPECT_TRUE(glob_matches("**/*.lua", "src/server/main.lua"));
  EXPECT_FALSE(glob_matches("a/**/b.txt", "c/x/b.txt"));
}

TEST(Glob, TrailingDoubleStarMatchesEverythingBelow) {
  EXPECT_TRUE(glob_matches("a/**", "a/b"));
  EXPECT_TRUE(glob_matches("a/**", "a/b/c/d.png"));
  EXPECT_FALSE(glob_matches("a/**", "ab/c"));
  EXPECT_FALSE(glob_matches("a/**", "b/a/c"));
}

TEST(Glob, SeveralDoubleStarsBacktrack) {
  EXPECT_TRUE(glob_matches("**/x/**/y/*.txt", "p/x/q/x/r/y/f.txt"));
  EXPECT_FALSE(glob_matches("**/x/**/y/*.txt", "p/x/q/y/r/f.txt"));
}

TEST(Glob, DoubleStarInsideSegmentActsLikeStar) {
  EXPECT_TRUE(glob_matches("a**.png", "abc.png"));
  EXPECT_FALSE(glob_matches("a**.png", "a/b.png"));
}

TEST(Glob, CharacterClassesMatchListedCharacters) {
  EXPECT_TRUE(glob_matches("file[abc].txt", "fileb.txt"));
  EXPECT_FALSE(glob_matches("file[abc].txt", "filed.txt"));
  EXPECT_TRUE(glob_matches("v[0-9].lua", "v7.lua"));
  EXPECT_FALSE(glob_matches("v[0-9].lua", "vx.lua"));
  EXPECT_TRUE(glob_matches("[a-cx-z]", "y"));
  EXPECT_TRUE(glob_matches("[-a]", "-"));
  EXPECT_TRUE(glob_matches("[a-]", "-"));
}

TEST(Glob, NegatedClassMatchesOtherCharacters) {
  EXPECT_TRUE(glob_matches("[!x].txt", "y.txt"));
  EXPECT_FALSE(glob_matches("[!x].txt", "x.txt"));
  EXPECT_FALSE(glob_matches("[!a-z]", "q"));
  EXPECT_TRUE(glob_matches("[!a-z]", "Q"));
}

TEST(Glob, ClassNeverMatchesSlash) { EXPECT_FALSE(glob_matches("a[!x]b", "a/b")); }

TEST(Glob, BracesExpandAlternatives) {
  const Glob glob = must_compile("images/*.{png,jpg}");
  EXPECT_TRUE(glob.matches("images/a.png"));
  EXPECT_TRUE(glob.matches("images/a.jpg"));
  EXPECT_FALSE(glob.matches("images/a.gif"));
}

TEST(Glob, NestedBracesExpand) {
  const Glob glob = must_compile("{src/{client,server},shared}/*.lua");
  EXPECT_TRUE(glob.matches("src/client/a.lua"));
  EXPECT_TRUE(glob.matches("src/server/a.lua"));
  EXPECT_TRUE(glob.matches("shared/a.lua"));
  EXPECT_FALSE(glob.matches("src/a.lua"));
}

TEST(Glob, EmptyAlternativeIsAllowed) {
  const Glob glob = must_compile("lava{,-old}.png");
  EXPECT_TRUE(glob.matches("lava.png"));
  EXPECT_TRUE(glob.matches("lava-old.png"));
}

TEST(Glob, CommaOutsideBracesAndBraceInsideClassAreLiteral) {
  EXPECT_TRUE(glob_matches("a,b.txt", "a,b.txt"));
  EXPECT_TRUE(glob_matches("[{]x", "{x"));
  EXPECT_TRUE(glob_matches("{[a,b],c}", ","));
}

TEST(Glob, PatternIsKeptAsWritten) { EXPECT_EQ(must_compile("a/{b,c}/*.png").pattern(), "a/{b,c}/*.png"); }

TEST(Glob, FixedPrefixIsLeadingLiteralFolders) {
  EXPECT_EQ(must_compile("assets/images/**/*.png").fixed_prefix(), "assets/images/");
  EXPECT_EQ(must_compile("assets/lava.png").fixed_prefix(), "assets/");
  EXPECT_EQ(must_compile("assets/im*/x.png").fixed_prefix(), "assets/");
}

TEST(Glob, FixedPrefixIsEmptyWhenFirstSegmentHasWildcard) {
  EXPECT_EQ(must_compile("*/lava.png").fixed_prefix(), "");
  EXPECT_EQ(must_compile("**/*.png").fixed_prefix(), "");
  EXPECT_EQ(must_compile("lava.png").fixed_prefix(), "");
  EXPECT_EQ(must_compile("[a]ssets/x.png").fixed_prefix(), "");
}

TEST(Glob, FixedPrefixWithBracesKeepsCommonFolders) {
  EXPECT_EQ(must_compile("assets/{images,sounds}/**").fixed_prefix(), "assets/");
  EXPECT_EQ(must_compile("{assets,src}/x/*.png").fixed_prefix(), "");
  EXPECT_EQ(must_compile("a/b/{c/d,c/e}/*").fixed_prefix(), "a/b/c/");
  EXPECT_EQ(must_compile("{abc,abd}/x").fixed_prefix(), "");
  EXPECT_EQ(must_compile("a/{x,y}.png").fixed_prefix(), "a/");
}

TEST(Glob, EmptyPatternIsInvalid) { EXPECT_EQ(error_offset_of(""), 0u); }

TEST(Glob, AbsolutePatternIsInvalid) {
  EXPECT_EQ(error_offset_of("/etc/*"), 0u);
}

TEST(Glob, AbsoluteAlternativeIsInvalid) { EXPECT_EQ(error_offset_of("{/etc,src}/*"), 1u); }

TEST(Glob, DotDotSegmentIsInvalidAtItsOffset) {
  EXPECT_EQ(error_offset_of("../secret"), 0u);
  EXPECT_EQ(error_offset_of("a/../b"), 2u);
  EXPECT_EQ(error_offset_of("a/{b,..}/c"), 5u);
  EXPECT_TRUE(Glob::compile("a/..b/c").ok());
}

TEST(Glob, EmptyAndDotSegmentsAreInvalid) {
  EXPECT_EQ(error_offset_of("a//b"), 2u);
  EXPECT_EQ(error_offset_of("a/"), 2u);
  EXPECT_EQ(error_offset_of("./a"), 0u);
}

TEST(Glob, BackslashIsInvalidAtItsOffset) { EXPECT_EQ(error_offset_of("src\\*.lua"), 3u); }

TEST(Glob, UnbalancedBracesReportOffset) {
  EXPECT_EQ(error_offset_of("a/{b,c"), 2u);
  EXPECT_EQ(error_offset_of("a}b"), 1u);
  EXPECT_EQ(error_offset_of("{a,{b}"), 0u);
  EXPECT_EQ(error_offset_of("{a}{b"), 3u);
}

TEST(Glob, InvalidBracketsReportOffset) {
  EXPECT_EQ(error_offset_of("img/[abc.png"), 4u);
  EXPECT_EQ(error_offset_of("x[]y"), 1u);
  EXPECT_EQ(error_offset_of("x[!]y"), 1u);
  EXPECT_EQ(error_offset_of("ab]c"), 2u);
  EXPECT_EQ(error_offset_of("[z-a]"), 1u);
  EXPECT_EQ(error_offset_of("a[b/c]"), 3u);
}

TEST(Glob, ErrorMessageNamesPatternAndOffset) {
  auto glob = Glob::compile("a/{b");
  ASSERT_FALSE(glob.ok());
  EXPECT_NE(glob.error().message().find("a/{b"), std::string::npos);
  EXPECT_NE(glob.error().message().find("offset 2"), std::string::npos);
}

TEST(Glob, ErrorMessageIsJustTheProblemWhenTheCallerTakesTheOffset) {
  std::size_t offset = 0;
  auto glob = Glob::compile("a/{b", &offset);
  ASSERT_FALSE(glob.ok());
  EXPECT_EQ(offset, 2u);
  EXPECT_EQ(glob.error().message().find("a/{b"), std::string::npos);
}

TEST(Glob, CompileWithoutOffsetPointerStillFails) { EXPECT_FALSE(Glob::compile("a/[").ok()); }

TEST(Glob, TooManyAlternativesIsInvalid) {
  std::string pattern;
  for (int i = 0; i < 12; ++i) pattern += "{a,b}";
  EXPECT_EQ(error_offset_of(pattern), 0u);
}

TEST(Glob, ExpandListsMatchingRegularFilesSorted) {
  testing::TempDir dir;
  dir.write("assets/images/b.png", "b");
  dir.write("assets/images/a.png", "a");
  dir.write("assets/images/ui/c.png", "c");
  dir.write("assets/images/notes.txt", "n");
  dir.write("assets/sounds/boom.ogg", "s");
  dir.write("top.png", "t");
  auto found = must_compile("assets/**/*.png").expand(dir.path());
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(*found, (Paths{"assets/images/a.png", "assets/images/b.png", "assets/images/ui/c.png"}));
}

TEST(Glob, ExpandDeduplicatesOverlappingAlternatives) {
  testing::TempDir dir;
  dir.write("src/a.lua", "");
  dir.write("src/b.luau", "");
  auto found = must_compile("{src/*.lua,src/a.*,**/*.luau}").expand(dir.path());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (Paths{"src/a.lua", "src/b.luau"}));
}

TEST(Glob, ExpandSkipsFoldersAndSymlinks) {
  testing::TempDir dir;
  dir.write("real/file.txt", "x");
  dir.write("outside/secret.txt", "s");
  std::filesystem::create_directories(dir / "real/empty.txt");
  std::filesystem::create_symlink(dir / "real/file.txt", dir / "real/link.txt");
  std::filesystem::create_directory_symlink(dir / "outside", dir / "real/linked");
  auto found = must_compile("real/**").expand(dir.path());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (Paths{"real/file.txt"}));
}

TEST(Glob, ExpandDoesNotFollowSymlinkedPrefixFolder) {
  testing::TempDir dir;
  dir.write("outside/secret.txt", "s");
  std::filesystem::create_directory_symlink(dir / "outside", dir / "linked");
  auto found = must_compile("linked/*.txt").expand(dir.path());
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
}

TEST(Glob, ExpandWithMissingPrefixFolderIsEmpty) {
  testing::TempDir dir;
  dir.write("a.txt", "");
  auto found = must_compile("nothing/here/*.txt").expand(dir.path());
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
}

TEST(Glob, ExpandOfMissingRootIsIoError) {
  testing::TempDir dir;
  auto found = must_compile("*").expand(dir / "missing");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code(), ErrorCode::io_error);
}

}  // namespace
}  // namespace rbxpipe::base
