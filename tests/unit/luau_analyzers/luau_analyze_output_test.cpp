// Samples follow luau-analyze's default report format (CLI/src/Analyze.cpp in the Luau repository):
// "%s(%d,%d): %s: %s\n" on stderr with the 1-based line and column, the kind being SyntaxError, TypeError or the lint
// name, and the "Error opening %s" / "<config path>: <error>" lines it prints about itself.
#include "luau/analyzers/luau_analyze_output.h"

#include <gtest/gtest.h>

#include <map>

namespace rbxpipe::luau::analyzers {
namespace {

constexpr std::string_view k_sample =
    "src/server/Main.server.luau(3,7): LocalUnused: Variable 'unused' is never used; prefix with '_' to silence\n"
    "src/shared/Util.luau(10,1): TypeError: Type 'string' could not be converted into 'number'\n"
    "caused by:\n"
    "  Property 'x' is not compatible\n"
    "src/shared/Broken.luau(2,11): SyntaxError: Expected identifier when parsing expression, got ')'\n"
    "Error opening src/missing.luau\n"
    "src/.luaurc: Unknown key 'frobnicate'\n";

TEST(LuauAnalyzeOutput, EachLineBecomesALocatedDiagnosticWithTheKindInTheCode) {
  auto parsed = parse_luau_analyze_output(k_sample);
  ASSERT_EQ(parsed.diagnostics.size(), 3u);
  const auto& unused = parsed.diagnostics[0];
  EXPECT_EQ(unused.code, "luau-analyze::LocalUnused");
  EXPECT_EQ(unused.severity, base::Severity::warning);
  EXPECT_EQ(unused.file, "src/server/Main.server.luau");
  EXPECT_EQ(unused.location, (base::SourceLocation{3, 7}));
  EXPECT_EQ(unused.message, "Variable 'unused' is never used; prefix with '_' to silence");

  const auto& syntax = parsed.diagnostics[2];
  EXPECT_EQ(syntax.code, "luau-analyze::SyntaxError");
  EXPECT_EQ(syntax.severity, base::Severity::error);
  EXPECT_EQ(syntax.file, "src/shared/Broken.luau");
  EXPECT_EQ(syntax.location, (base::SourceLocation{2, 11}));
}

TEST(LuauAnalyzeOutput, ContinuationLinesJoinTheTypeErrorTheyBelongTo) {
  auto parsed = parse_luau_analyze_output(k_sample);
  ASSERT_GE(parsed.diagnostics.size(), 2u);
  EXPECT_EQ(parsed.diagnostics[1].code, "luau-analyze::TypeError");
  EXPECT_EQ(parsed.diagnostics[1].severity, base::Severity::warning);
  EXPECT_EQ(parsed.diagnostics[1].message,
            "Type 'string' could not be converted into 'number' caused by: Property 'x' is not compatible");
}

TEST(LuauAnalyzeOutput, ComplaintsAboutItselfAreErrorsNotFindings) {
  auto parsed = parse_luau_analyze_output(k_sample);
  EXPECT_EQ(parsed.errors,
            (std::vector<std::string>{"Error opening src/missing.luau", "src/.luaurc: Unknown key 'frobnicate'"}));
  EXPECT_TRUE(parsed.other.empty());
}

TEST(LuauAnalyzeOutput, FileNamesMayHoldParentheses) {
  auto parsed = parse_luau_analyze_output("lessons/Old (copy).luau(12,4): UnknownGlobal: Unknown global 'gmae'\n");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].file, "lessons/Old (copy).luau");
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{12, 4}));
  EXPECT_EQ(parsed.diagnostics[0].code, "luau-analyze::UnknownGlobal");
}

TEST(LuauAnalyzeOutput, UnrelatedTextBeforeAnyFindingIsKeptAsOther) {
  auto parsed = parse_luau_analyze_output("Usage: luau-analyze [--mode] [options] [file list]\n\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.other, (std::vector<std::string>{"Usage: luau-analyze [--mode] [options] [file list]"}));
}

TEST(LuauAnalyzeOutput, SourceLinesComeFromTheLookup) {
  const base::SourceText source("a.luau", "local x = 1\nlocal unused = 2\n");
  SourceLookup lookup = [&](const std::string& file) { return file == "a.luau" ? &source : nullptr; };
  auto parsed = parse_luau_analyze_output("a.luau(2,7): LocalUnused: Variable 'unused' is never used\r\n", lookup);
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].source_line, "local unused = 2");
  EXPECT_EQ(parsed.diagnostics[0].message, "Variable 'unused' is never used");
}

TEST(LuauAnalyzeOutput, EmptyOutputHasNothing) {
  auto parsed = parse_luau_analyze_output("");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.other.empty());
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
