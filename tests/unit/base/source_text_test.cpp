#include "base/source_text.h"

#include <gtest/gtest.h>

namespace rbxpipe::base {
namespace {

TEST(SourceText, LocatesOffsetsAsOneBasedLineAndColumn) {
  SourceText text("a.json", "ab\ncd\n\nef");
  EXPECT_EQ(text.locate(0), (SourceLocation{1, 1}));
  EXPECT_EQ(text.locate(1), (SourceLocation{1, 2}));
  EXPECT_EQ(text.locate(3), (SourceLocation{2, 1}));
  EXPECT_EQ(text.locate(6), (SourceLocation{3, 1}));
  EXPECT_EQ(text.locate(8), (SourceLocation{4, 2}));
  EXPECT_EQ(text.locate(999), (SourceLocation{4, 3}));
}

TEST(SourceText, LinesExcludeTheirEndings) {
  SourceText text("a.json", "one\r\ntwo\nthree\n");
  EXPECT_EQ(text.line_count(), 3);
  EXPECT_EQ(text.line(1), "one");
  EXPECT_EQ(text.line(2), "two");
  EXPECT_EQ(text.line(3), "three");
  EXPECT_EQ(text.line(4), "");
  EXPECT_EQ(text.line(0), "");
}

TEST(SourceText, EmptyTextHasNoLines) {
  SourceText text("empty", "");
  EXPECT_EQ(text.line_count(), 0);
  EXPECT_EQ(text.locate(0), (SourceLocation{1, 1}));
}

}  // namespace
}  // namespace rbxpipe::base
