// Samples follow selene's json2 display style (selene/src/json_output.rs): one object per line tagged by "type";
// a Diagnostic's primary_label.span holds byte offsets and 0-based line and column (columns counted in characters,
// as codespan counts them); severities are "Error"/"Warning"; the run ends with a Summary.
#include "luau/analyzers/selene_output.h"

#include <gtest/gtest.h>

namespace rbxpipe::luau::analyzers {
namespace {

// Line 0 of src/a.luau is `print("héllo") local unused = 1`: "unused" starts at byte 22, character 21.
constexpr std::string_view k_sample =
    R"({"type":"Diagnostic","severity":"Warning","code":"unused_variable","message":"unused is defined, but never used","primary_label":{"filename":"src/a.luau","span":{"start":22,"start_line":0,"start_column":21,"end":28,"end_line":0,"end_column":27},"message":""},"notes":["prefix it with _ to ignore it"],"secondary_labels":[]})"
    "\n"
    R"({"type":"Diagnostic","severity":"Error","code":"undefined_variable","message":"`gmae` is not defined","primary_label":{"filename":"src/b.luau","span":{"start":14,"start_line":1,"start_column":4,"end":18,"end_line":1,"end_column":8},"message":""},"notes":[],"secondary_labels":[]})"
    "\n"
    R"({"type":"Diagnostic","severity":"Error","code":"parse_error","message":"unexpected token `)`","primary_label":{"filename":"src/c.luau","span":{"start":8,"start_line":0,"start_column":8,"end":9,"end_line":0,"end_column":9},"message":"expected an expression"},"notes":[],"secondary_labels":[]})"
    "\n"
    R"({"type":"Summary","errors":1,"warnings":1,"parse_errors":1})"
    "\n";

const base::SourceText k_a("src/a.luau", "print(\"h\xC3\xA9llo\") local unused = 1\n");

TEST(SeleneOutput, DiagnosticsKeepTheLintNameSeverityAndNotes) {
  auto parsed = parse_selene_output(k_sample, "");
  ASSERT_EQ(parsed.diagnostics.size(), 3u);
  const auto& unused = parsed.diagnostics[0];
  EXPECT_EQ(unused.code, "selene::unused_variable");
  EXPECT_EQ(unused.severity, base::Severity::warning);
  EXPECT_EQ(unused.file, "src/a.luau");
  EXPECT_EQ(unused.message, "unused is defined, but never used");
  EXPECT_EQ(unused.help, "prefix it with _ to ignore it");
  EXPECT_EQ(unused.length, 6);

  const auto& undefined = parsed.diagnostics[1];
  EXPECT_EQ(undefined.code, "selene::undefined_variable");
  EXPECT_EQ(undefined.severity, base::Severity::error);
  EXPECT_EQ(undefined.location, (base::SourceLocation{2, 5}));
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.other.empty());
}

TEST(SeleneOutput, WithoutTheSourceColumnsAreSelenesCharacterColumns) {
  auto parsed = parse_selene_output(k_sample, "");
  ASSERT_FALSE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{1, 22}));
  EXPECT_TRUE(parsed.diagnostics[0].source_line.empty());
}

TEST(SeleneOutput, WithTheSourceTheByteOffsetGivesTheByteColumn) {
  SourceLookup lookup = [](const std::string& file) { return file == "src/a.luau" ? &k_a : nullptr; };
  auto parsed = parse_selene_output(k_sample, "", lookup);
  ASSERT_FALSE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.diagnostics[0].location, (base::SourceLocation{1, 23}));
  EXPECT_EQ(parsed.diagnostics[0].source_line, "print(\"h\xC3\xA9llo\") local unused = 1");
}

TEST(SeleneOutput, ParseErrorsAreWarningsWithTheLabelMessage) {
  auto parsed = parse_selene_output(k_sample, "");
  ASSERT_EQ(parsed.diagnostics.size(), 3u);
  EXPECT_EQ(parsed.diagnostics[2].code, "selene::parse_error");
  EXPECT_EQ(parsed.diagnostics[2].severity, base::Severity::warning);
  EXPECT_EQ(parsed.diagnostics[2].message, "unexpected token `)`: expected an expression");
  EXPECT_EQ(parsed.diagnostics[2].location, (base::SourceLocation{1, 9}));
}

TEST(SeleneOutput, ErrorLinesOnStderrAreComplaintsAboutItself) {
  auto parsed = parse_selene_output(
      "", "ERROR: Config error: unknown field `stdd`, expected one of `std`, `rules` at line 1 column 1\n");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.errors,
            (std::vector<std::string>{"Config error: unknown field `stdd`, expected one of `std`, `rules` at line 1 column 1"}));
}

TEST(SeleneOutput, InvalidConfigDocumentsAreComplaintsAboutItself) {
  auto parsed = parse_selene_output(
      R"({"type":"InvalidConfig","error":"unknown field `stdd`","source":"selene.toml","location":{"line":1}})", "");
  EXPECT_EQ(parsed.errors, (std::vector<std::string>{"invalid configuration in selene.toml: unknown field `stdd`"}));
}

TEST(SeleneOutput, TextThatIsNotJsonIsKeptAsOther) {
  auto parsed = parse_selene_output("thread 'main' panicked at 'oops'\n{broken\n", "");
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.other, (std::vector<std::string>{"thread 'main' panicked at 'oops'", "{broken"}));
}

}  // namespace
}  // namespace rbxpipe::luau::analyzers
