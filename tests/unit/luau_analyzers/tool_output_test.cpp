#include "luau/analyzers/tool_output.h"

#include <gtest/gtest.h>

namespace rbxpipe::luau::analyzers {
namespace {

std::vector<std::string> texts(const std::vector<JsonPiece>& pieces) {
  std::vector<std::string> out;
  for (const auto& piece : pieces) out.push_back((piece.is_json ? "json:" : "text:") + std::string(piece.text));
  return out;
}

TEST(ToolOutput, SplitsDocumentsBackToBackAndStrayLines) {
  auto pieces = split_json_values("[1,{\"a\":\"]}\\\"\"}][2]{\"b\":3}\nerror: oops\r\n\n  {\"c\":[]}");
  EXPECT_EQ(texts(pieces), (std::vector<std::string>{"json:[1,{\"a\":\"]}\\\"\"}]", "json:[2]", "json:{\"b\":3}",
                                                      "text:error: oops", "json:{\"c\":[]}"}));
}

TEST(ToolOutput, AnUnclosedDocumentIsText) {
  EXPECT_EQ(texts(split_json_values("{\"a\": 1\nnext\n")), (std::vector<std::string>{"text:{\"a\": 1", "text:next"}));
}

TEST(ToolOutput, SplitLinesDropsLineEndings) {
  EXPECT_EQ(split_lines("a\r\nb\n\nc"), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_TRUE(split_lines("").empty());
}

TEST(ToolOutput, LocateOffsetFallsBackWithoutTheSource) {
  const base::SourceText source("a.luau", "ab\ncd\n");
  SourceLookup lookup = [&](const std::string& file) { return file == "a.luau" ? &source : nullptr; };
  EXPECT_EQ(locate_offset(lookup, "a.luau", 4, {9, 9}), (base::SourceLocation{2, 2}));
  EXPECT_EQ(locate_offset(lookup, "b.luau", 4, {9, 9}), (base::SourceLocation{9, 9}));
  EXPECT_EQ(locate_offset(lookup, "a.luau", 99, {9, 9}), (base::SourceLocation{9, 9}));
  EXPECT_EQ(locate_offset({}, "a.luau", 4, {9, 9}), (base::SourceLocation{9, 9}));
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
