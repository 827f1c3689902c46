// Limits: nesting depth (1000 levels pass, 1001 stop the parse), very long operator and suffix chains (no
// recursion, no crash), the 100-error cap.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/luau/parse_fixture.h"

namespace rbxpipe::luau::test {
namespace {

std::string repeat(std::string_view piece, int count) {
  std::string text;
  text.reserve(piece.size() * static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) text += piece;
  return text;
}

// A construct nested `depth` times.
struct Nesting {
  const char* name;
  std::string (*make)(int depth);
};

const Nesting k_nestings[] = {
    {"Parentheses", [](int n) { return "local x = " + repeat("(", n) + "1" + repeat(")", n); }},
    {"DoBlocks", [](int n) { return repeat("do ", n) + repeat("end ", n); }},
    {"Tables", [](int n) { return "local t = " + repeat("{", n) + repeat("}", n); }},
    {"Functions", [](int n) { return "local f = " + repeat("function() return ", n) + "1" + repeat(" end", n); }},
    {"LocalFunctions", [](int n) { return repeat("local function f() ", n) + repeat("end ", n); }},
    {"IfStatements", [](int n) { return repeat("if x then ", n) + repeat("end ", n); }},
    {"WhileLoops", [](int n) { return repeat("while x do ", n) + repeat("end ", n); }},
    {"Calls", [](int n) { return "f" + repeat("(f", n) + repeat(")", n); }},
    {"Indexes", [](int n) { return "local x = a" + repeat("[a", n) + repeat("]", n); }},
    {"IfExpressions", [](int n) { return "local x = " + repeat("if a then ", n) + "1" + repeat(" else 2", n); }},
    {"Interpolations", [](int n) { return "local s = " + repeat("`{", n) + "x" + repeat("}`", n); }},
    {"TableTypes", [](int n) { return "type T = " + repeat("{", n) + "number" + repeat("}", n); }},
    {"ParenthesizedTypes", [](int n) { return "type T = " + repeat("(", n) + "number" + repeat(")", n); }},
    {"GenericTypes", [](int n) { return "type T = " + repeat("A<", n) + "number" + repeat(">", n); }},
    {"TypeofTypes", [](int n) { return "type T = " + repeat("typeof(", n) + "x" + repeat(")", n); }},
};

class DeepNesting : public testing::TestWithParam<Nesting> {};

TEST_P(DeepNesting, ThousandLevelsParse) { EXPECT_EQ(errors(GetParam().make(1000)), ""); }

TEST_P(DeepNesting, LevelThousandAndOneStopsTheParse) {
  auto result = parse(GetParam().make(1001));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "LUAU0013");
  EXPECT_EQ(result.diagnostics[0].message, "Code is nested more than 1000 levels deep; simplify it");
}

TEST_P(DeepNesting, HundredThousandLevelsDoNotCrash) {
  auto result = parse(GetParam().make(100000));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "LUAU0013");
}

std::string nesting_name(const testing::TestParamInfo<Nesting>& param) { return param.param.name; }
INSTANTIATE_TEST_SUITE_P(Limits, DeepNesting, testing::ValuesIn(k_nestings), nesting_name);

TEST(DeepNesting, MaxDepthOptionIsRespected) {
  ParseOptions options;
  options.max_depth = 10;
  EXPECT_EQ(errors("local x = " + repeat("(", 10) + "1" + repeat(")", 10), options), "");
  EXPECT_EQ(errors("local x = " + repeat("(", 11) + "1" + repeat(")", 11), options),
            "1:21 LUAU0013 Code is nested more than 10 levels deep; simplify it");
}

TEST(DeepNesting, ErrorIsAtTheStartOfTheTooDeepBlock) {
  EXPECT_EQ(errors(repeat("do ", 1001) + repeat("end ", 1001)),
            "1:3004 LUAU0013 Code is nested more than 1000 levels deep; simplify it");
}

const Snippet k_chains[] = {
    {"Addition", ""}, {"Concatenation", ""}, {"Negation", ""}, {"Not", ""},
    {"Fields", ""},   {"Calls", ""},         {"Elseif", ""},   {"Statements", ""},
};

std::string make_chain(std::string_view name) {
  const int n = 100000;
  if (name == "Addition") return "local x = a" + repeat(" + a", n);
  if (name == "Concatenation") return "local x = a" + repeat(" .. a", n);
  if (name == "Negation") return "local x = " + repeat("- ", n) + "a";
  if (name == "Not") return "local x = " + repeat("not ", n) + "a";
  if (name == "Fields") return "local x = a" + repeat(".b", n);
  if (name == "Calls") return "f" + repeat("()", n);
  if (name == "Elseif") return "if a then " + repeat("elseif a then ", n) + "end";
  return repeat("local x = 1\n", n);
}

class LongChain : public testing::TestWithParam<Snippet> {};

TEST_P(LongChain, HundredThousandLinksParseWithoutErrors) {
  auto result = parse(make_chain(GetParam().name));
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_GT(result.ast.exprs.size() + result.ast.stats.size(), 100000u);
}

std::string chain_name(const testing::TestParamInfo<Snippet>& param) { return param.param.name; }
INSTANTIATE_TEST_SUITE_P(Limits, LongChain, testing::ValuesIn(k_chains), chain_name);

TEST(ErrorCap, StopsAfterHundredErrors) {
  auto result = parse(repeat("x\n", 200));
  ASSERT_EQ(result.diagnostics.size(), 101u);
  EXPECT_EQ(result.diagnostics[99].location.line, 100);
  EXPECT_EQ(result.diagnostics[100].code, "LUAU0014");
  EXPECT_EQ(result.diagnostics[100].message, "Too many syntax errors; stopped after 100");
}

TEST(ErrorCap, LexerErrorsCountToo) {
  auto result = parse(repeat("$", 500));
  EXPECT_EQ(result.diagnostics.size(), 101u);
}

TEST(UnionParts, ThousandPartsAreAllowedButNotMore) {
  EXPECT_EQ(errors("type T = a" + repeat(" | a", 999)), "");
  EXPECT_EQ(errors("type T = a" + repeat(" | a", 1000)),
            "1:10 LUAU0017 A union or intersection type may have at most 1000 parts");
}

}  // namespace
}  // namespace rbxpipe::luau::test
