#include "base/diagnostic.h"

#include <gtest/gtest.h>

#include <vector>

namespace rbxpipe::base {
namespace {

const SourceText k_source("lesson/rbxpipe.json", "{\n  \"verison\": \"1.2.0\",\n\t\"x\": 1\n}\n");

TEST(Diagnostic, TextShowsLocationCodeSourceLineAndUnderline) {
  Diagnostic d = make_diagnostic(Severity::error, "PROJ0001", "unknown key 'verison' (did you mean 'version'?)",
                                 k_source, {2, 3}, 9);
  EXPECT_EQ(render_text(d),
            "lesson/rbxpipe.json:2:3: error[PROJ0001]: unknown key 'verison' (did you mean 'version'?)\n"
            " 2 |   \"verison\": \"1.2.0\",\n"
            "   |   ^~~~~~~~~\n");
}

TEST(Diagnostic, CaretKeepsTabsOfTheSourceLine) {
  Diagnostic d = make_diagnostic(Severity::warning, "PROJ0100", "odd", k_source, {3, 2});
  EXPECT_EQ(render_text(d), "lesson/rbxpipe.json:3:2: warning[PROJ0100]: odd\n 3 | \t\"x\": 1\n   | \t^\n");
}

TEST(Diagnostic, WholeFileDiagnosticHasNoPositionOrSource) {
  Diagnostic d;
  d.code = "PROJ0010";
  d.message = "no project file";
  d.file = "volcano";
  d.help = "run 'rbxpipe init'";
  EXPECT_EQ(render_text(d), "volcano: error[PROJ0010]: no project file\n  help: run 'rbxpipe init'\n");
}

TEST(Diagnostic, UnderlineStopsAtEndOfLine) {
  Diagnostic d = make_diagnostic(Severity::error, "X0001", "m", k_source, {4, 1}, 50);
  EXPECT_EQ(render_text(d), "lesson/rbxpipe.json:4:1: error[X0001]: m\n 4 | }\n   | ^\n");
}

TEST(Diagnostic, ColorWrapsHeaderInAnsiCodes) {
  Diagnostic d = make_diagnostic(Severity::error, "X0001", "m", k_source, {1, 1});
  std::string text = render_text(d, {.color = true, .show_source = false});
  EXPECT_NE(text.find("\x1b[1;31merror[X0001]\x1b[0m"), std::string::npos);
  EXPECT_EQ(text.find(" 1 |"), std::string::npos);
}

TEST(Diagnostic, ListEndsWithPluralisedSummary) {
  std::vector<Diagnostic> list = {
      make_diagnostic(Severity::error, "A0001", "a", k_source, {1, 1}),
      make_diagnostic(Severity::error, "A0002", "b", k_source, {1, 1}),
      make_diagnostic(Severity::warning, "A0003", "c", k_source, {1, 1}),
  };
  std::string text = render_text(std::span<const Diagnostic>(list), {.show_source = false});
  EXPECT_TRUE(text.ends_with("\n2 errors, 1 warning\n")) << text;
  EXPECT_EQ(render_text(std::span<const Diagnostic>()), "");
}

TEST(Diagnostic, JsonRendersEveryField) {
  std::vector<Diagnostic> list = {make_diagnostic(Severity::error, "PROJ0002", "'place' must be an integer, got a string",
                                                  k_source, {2, 14}, 7)};
  list[0].help = "quote less";
  EXPECT_EQ(render_json(list),
            "[{\"severity\":\"error\",\"code\":\"PROJ0002\",\"message\":\"'place' must be an integer, got a string\","
            "\"file\":\"lesson/rbxpipe.json\",\"line\":2,\"column\":14,\"length\":7,\"help\":\"quote less\"}]");
}

TEST(Diagnostic, JsonSurvivesInvalidUtf8) {
  Diagnostic d;
  d.code = "X0001";
  d.message = std::string("bad \xff byte");
  std::vector<Diagnostic> list = {d};
  EXPECT_NE(render_json(list).find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

TEST(Diagnostic, SortOrdersByFileThenPosition) {
  std::vector<Diagnostic> list(3);
  list[0].file = "b.json"; list[0].location = {1, 1};
  list[1].file = "a.json"; list[1].location = {5, 2};
  list[2].file = "a.json"; list[2].location = {2, 9};
  sort_diagnostics(list);
  EXPECT_EQ(list[0].location.line, 2);
  EXPECT_EQ(list[1].location.line, 5);
  EXPECT_EQ(list[2].file, "b.json");
  EXPECT_TRUE(has_errors(list));
}

}  // namespace
}  // namespace rbxpipe::base
