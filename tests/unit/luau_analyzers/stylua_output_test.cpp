// Samples captured from StyLua 2.5.2 (`stylua --check --output-format=json`, and the plain diff without it).
#include "luau/analyzers/stylua_output.h"

#include <gtest/gtest.h>

namespace rbxpipe::luau::analyzers {
namespace {

constexpr std::string_view k_two_files =
    R"({"file":"bad.luau","mismatches":[{"expected":"local x = 1\nlocal y = { 1, 2, 3 }\nprint(x + y)\n","expected_end_line":2,"expected_start_line":0,"original":"local x=1\nlocal   y = {1,2,3}\nprint( x+y )\n","original_end_line":2,"original_start_line":0}]})"
    "\n"
    R"({"file":"src/multi.luau","mismatches":[{"expected":"local x = 1\n","expected_end_line":0,"expected_start_line":0,"original":"local x=1\n","original_end_line":0,"original_start_line":0},{"expected":"local z = { a = 1, b = 2 }\nreturn x + y + z\n","expected_end_line":4,"expected_start_line":3,"original":"local z={a=1,\nb=2}\nreturn x+y+z\n","original_end_line":5,"original_start_line":3}]})"
    "\n";

// Two unparsable files: their error arrays follow each other with nothing in between.
constexpr std::string_view k_parse_errors =
    R"([{"filename":"broken.luau","location":{"end":7,"end_column":8,"end_line":1,"start":6,"start_column":7,"start_line":1},"message":"unexpected token `=`: expected either a variable name or `function`","type":"parse_error"}])"
    R"([{"filename":"broken2.luau","location":{"end":10,"end_column":1,"end_line":2,"start":10,"start_column":1,"start_line":2},"message":"unexpected token ``: expected `end` to conclude `if`","type":"parse_error"}])";

TEST(StyluaOutput, EachFileToReformatIsOneWarningAtItsFirstChange) {
  auto parsed = parse_stylua_output(k_two_files, "");
  ASSERT_EQ(parsed.diagnostics.size(), 2u);
  const auto& bad = parsed.diagnostics[0];
  EXPECT_EQ(bad.code, "stylua::format");
  EXPECT_EQ(bad.severity, base::Severity::warning);
  EXPECT_EQ(bad.file, "bad.luau");
  EXPECT_EQ(bad.location, (base::SourceLocation{1, 1}));
  EXPECT_EQ(bad.message, "not formatted as StyLua formats it");
  EXPECT_EQ(bad.help, "run stylua on this file to format it");

  const auto& multi = parsed.diagnostics[1];
  EXPECT_EQ(multi.file, "src/multi.luau");
  EXPECT_EQ(multi.location, (base::SourceLocation{1, 1}));
  EXPECT_EQ(multi.message, "not formatted as StyLua formats it (2 places; the first is here)");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.other.empty());
}

TEST(StyluaOutput, AHunkStartingWithUnchangedLinesPointsAtTheFirstChangedOne) {
  // The hunk holds lines 3-5 (0-based 2-4): two blank lines that go away and `local b = 2`.
  constexpr std::string_view out =
      R"({"file":"ins.luau","mismatches":[{"expected":"local b = 2\n","expected_end_line":2,"expected_start_line":2,"original":"\n\nlocal b = 2","original_end_line":4,"original_start_line":2}]})";
  auto parsed = parse_stylua_output(out, "");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{3, 1}));

  constexpr std::string_view shifted =
      R"({"file":"shifted.luau","mismatches":[{"expected":"local t = { a = 1, b = 2 }\n","expected_end_line":1,"expected_start_line":1,"original":"local t = {a=1,\nb=2}\n","original_end_line":2,"original_start_line":1}]})";
  parsed = parse_stylua_output(shifted, "");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{2, 1}));
}

TEST(StyluaOutput, ParseErrorArraysBackToBackBecomeWarnings) {
  const base::SourceText broken("broken.luau", "local = = 1\n");
  SourceLookup lookup = [&](const std::string& file) { return file == "broken.luau" ? &broken : nullptr; };
  auto parsed = parse_stylua_output("", k_parse_errors, lookup);
  ASSERT_EQ(parsed.diagnostics.size(), 2u);
  const auto& first = parsed.diagnostics[0];
  EXPECT_EQ(first.code, "stylua::parse_error");
  EXPECT_EQ(first.severity, base::Severity::warning);
  EXPECT_EQ(first.file, "broken.luau");
  EXPECT_EQ(first.location, (base::SourceLocation{1, 7}));
  EXPECT_EQ(first.length, 1);
  EXPECT_EQ(first.source_line, "local = = 1");
  EXPECT_EQ(first.message,
            "StyLua cannot parse this file: unexpected token `=`: expected either a variable name or `function`");
  EXPECT_EQ(parsed.diagnostics[1].file, "broken2.luau");
  EXPECT_EQ(parsed.diagnostics[1].location, (base::SourceLocation{2, 1}));
}

TEST(StyluaOutput, ErrorObjectsAreComplaintsAboutItself) {
  auto parsed =
      parse_stylua_output("", R"({"message":"no file or directory found matching 'nonexist.luau'","type":"error"})"
                              "\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.errors, (std::vector<std::string>{"no file or directory found matching 'nonexist.luau'"}));
}

TEST(StyluaOutput, ThePlainDiffIsReadToo) {
  constexpr std::string_view diff =
      "Diff in shifted.luau:\n"
      "1   1    | local x = 1\n"
      "2        |-local t = {a=1,\n"
      "3        |-b=2}\n"
      "    2    |+local t = { a = 1, b = 2 }\n"
      "4   3    | return x\n"
      "Diff in multi.luau:\n"
      "1        |-local x=1\n"
      "    1    |+local x = 1\n"
      "2   2    | \n"
      "3   3    | local y = 2\n"
      "4        |-local z={a=1,\n"
      "    4    |+local z = { a = 1, b = 2 }\n";
  auto parsed = parse_stylua_output(diff, "");
  ASSERT_EQ(parsed.diagnostics.size(), 2u);
  EXPECT_EQ(parsed.diagnostics[0].file, "shifted.luau");
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{2, 1}));
  EXPECT_EQ(parsed.diagnostics[0].message, "not formatted as StyLua formats it");
  EXPECT_EQ(parsed.diagnostics[1].file, "multi.luau");
  EXPECT_EQ(parsed.diagnostics[1].location, (base::SourceLocation{1, 1}));
  EXPECT_EQ(parsed.diagnostics[1].message, "not formatted as StyLua formats it (2 places; the first is here)");
}

TEST(StyluaOutput, NothingPrintedMeansEverythingIsFormatted) {
  auto parsed = parse_stylua_output("", "");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.other.empty());
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
