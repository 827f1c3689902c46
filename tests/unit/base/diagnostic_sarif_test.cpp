#include "base/diagnostic_sarif.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace rbxpipe::base {
namespace {

std::vector<Diagnostic> sample() {
  Diagnostic syntax;
  syntax.severity = Severity::error;
  syntax.code = "LUAU0001";
  syntax.message = "expected 'end' to close 'if' at line 1";
  syntax.file = "src/server/Main.server.luau";
  syntax.location = {3, 5};
  syntax.length = 3;
  syntax.source_line = "    x = 1";

  Diagnostic lint;
  lint.severity = Severity::warning;
  lint.code = "selene::unused_variable";
  lint.message = "x is defined, but never used";
  lint.file = "src\\shared\\Util.luau";
  lint.location = {1, 7};

  Diagnostic missing;
  missing.severity = Severity::note;
  missing.code = "TOOL0001";
  missing.message = "'stylua' is listed in luau.analyzers but is not on PATH; it was not run";
  missing.file = "rbxpipe.json";
  missing.help = "install stylua, or remove it from luau.analyzers";
  return {syntax, lint, missing};
}

TEST(DiagnosticSarif, RendersTheWholeLogForASmallCase) {
  const auto diagnostics = sample();
  EXPECT_EQ(render_sarif(diagnostics, {.tool_name = "rbxpipe", .tool_version = "0.1.0", .information_uri = {}}),
            R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "rbxpipe",
          "version": "0.1.0",
          "rules": [
            {
              "id": "LUAU0001"
            },
            {
              "id": "TOOL0001"
            },
            {
              "id": "selene::unused_variable"
            }
          ]
        }
      },
      "columnKind": "utf16CodeUnits",
      "results": [
        {
          "ruleId": "LUAU0001",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "expected 'end' to close 'if' at line 1"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/server/Main.server.luau"
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 5,
                  "endColumn": 8
                }
              }
            }
          ]
        },
        {
          "ruleId": "selene::unused_variable",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "x is defined, but never used"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/shared/Util.luau"
                },
                "region": {
                  "startLine": 1,
                  "startColumn": 7
                }
              }
            }
          ]
        },
        {
          "ruleId": "TOOL0001",
          "ruleIndex": 1,
          "level": "note",
          "message": {
            "text": "'stylua' is listed in luau.analyzers but is not on PATH; it was not run"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rbxpipe.json"
                }
              }
            }
          ],
          "properties": {
            "help": "install stylua, or remove it from luau.analyzers"
          }
        }
      ]
    }
  ]
})");
}

TEST(DiagnosticSarif, EveryResultHasTheFieldsSarifRequires) {
  const auto diagnostics = sample();
  const auto log = nlohmann::json::parse(render_sarif(diagnostics, {.tool_name = "rbxpipe", .tool_version = "1.2.3", .information_uri = {}}));
  EXPECT_EQ(log["$schema"], k_sarif_schema);
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "rbxpipe");
  EXPECT_EQ(run["tool"]["driver"]["version"], "1.2.3");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(run["results"].size(), diagnostics.size());
  for (const auto& result : run["results"]) {
    ASSERT_TRUE(result["message"]["text"].is_string());
    const std::string level = result["level"];
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
    // ruleIndex points at the rule whose id is the result's ruleId.
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    ASSERT_EQ(result["locations"].size(), 1u);
    const auto& physical = result["locations"][0]["physicalLocation"];
    const std::string uri = physical["artifactLocation"]["uri"];
    EXPECT_EQ(uri.find('\\'), std::string::npos) << uri;
    EXPECT_FALSE(uri.starts_with("/")) << uri;
    if (physical.contains("region")) {
      EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
    }
  }
}

TEST(DiagnosticSarif, NoDiagnosticsIsARunWithNoResults) {
  const auto log = nlohmann::json::parse(render_sarif({}));
  EXPECT_TRUE(log["runs"][0]["results"].is_array());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_TRUE(log["runs"][0]["tool"]["driver"]["rules"].empty());
  EXPECT_FALSE(log["runs"][0]["tool"]["driver"].contains("version"));
}

TEST(DiagnosticSarif, ResultWithoutFileHasNoLocations) {
  Diagnostic loose;
  loose.code = "X0001";
  loose.message = "something";
  const std::vector<Diagnostic> diagnostics{loose};
  const auto log = nlohmann::json::parse(render_sarif(diagnostics));
  EXPECT_FALSE(log["runs"][0]["results"][0].contains("locations"));
}

TEST(DiagnosticSarif, ColumnsCountUtf16UnitsOfTheSourceLine) {
  Diagnostic d;
  d.code = "LUAU0001";
  d.message = "m";
  d.file = "a.luau";
  // "é" is two bytes and one UTF-16 unit; the emoji is four bytes and two units.
  d.source_line = "s = \"\xC3\xA9\xF0\x9F\x98\x80\" + x";
  d.location = {1, 16};  // the byte column of 'x'
  d.length = 1;
  const std::vector<Diagnostic> diagnostics{d};
  const auto log = nlohmann::json::parse(render_sarif(diagnostics));
  const auto& region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startColumn"], 13);
  EXPECT_FALSE(region.contains("endColumn"));
}

TEST(DiagnosticSarif, UrisAreRelativeForwardSlashedAndEscaped) {
  EXPECT_EQ(sarif_uri("src/shared/Util.luau"), "src/shared/Util.luau");
  EXPECT_EQ(sarif_uri("src\\shared\\Util.luau"), "src/shared/Util.luau");
  EXPECT_EQ(sarif_uri("my lessons/a#1.luau"), "my%20lessons/a%231.luau");
  EXPECT_EQ(sarif_uri("/tmp/x.luau"), "file:///tmp/x.luau");
}

}  // namespace
}  // namespace rbxpipe::base
