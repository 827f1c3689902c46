#include "base/jsonc.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace rbxpipe::base {
namespace {

// Keeps the source alive beside the document, which points into it.
struct Parsed {
  explicit Parsed(std::string text) : source("rbxpipe.json", std::move(text)), document(JsoncDocument::parse(source)) {}
  SourceText source;
  JsoncDocument document;
};

// "line:column+length CODE message": every located fact of a diagnostic in one comparable string.
std::string summary(const Diagnostic& diagnostic) {
  return std::to_string(diagnostic.location.line) + ":" + std::to_string(diagnostic.location.column) + "+" +
         std::to_string(diagnostic.length) + " " + diagnostic.code + " " + diagnostic.message;
}

// The single syntax error of a document that must have failed.
std::string syntax_error(const std::string& text) {
  Parsed parsed(text);
  EXPECT_FALSE(parsed.document.ok());
  EXPECT_EQ(parsed.document.json(), "");
  EXPECT_EQ(parsed.document.diagnostics().size(), 1u);
  if (parsed.document.diagnostics().empty()) return "(no diagnostic)";
  return summary(parsed.document.diagnostics().front());
}

// The clean JSON of a document that must have succeeded.
std::string clean(const std::string& text) {
  Parsed parsed(text);
  EXPECT_TRUE(parsed.document.ok());
  EXPECT_TRUE(parsed.document.diagnostics().empty());
  return parsed.document.json();
}

TEST(Jsonc, PlainJsonIsReEmittedWithoutWhitespace) {
  EXPECT_EQ(clean("{ \"a\" : 1 ,\n  \"b\": [ true, false, null ], \"c\": {} , \"d\": [] }"),
            R"({"a":1,"b":[true,false,null],"c":{},"d":[]})");
}

TEST(Jsonc, LineCommentsAreStripped) {
  EXPECT_EQ(clean("// header\n{\n  \"a\": 1, // trailing note\n  // own line\n  \"b\": 2\n} // after"),
            R"({"a":1,"b":2})");
}

TEST(Jsonc, BlockCommentsAreStripped) {
  EXPECT_EQ(clean("/* one */ [1, /* two\n lines // not a line comment */ 2 /**/, 3]/***/"), "[1,2,3]");
}

TEST(Jsonc, CommentMarkersInsideStringsAreKept) {
  EXPECT_EQ(clean(R"({"url": "https://example.com/*x*/", "note": "a // b"})"),
            R"({"url":"https://example.com/*x*/","note":"a // b"})");
}

TEST(Jsonc, TrailingCommaInObjectIsAccepted) {
  EXPECT_EQ(clean("{\"a\": 1, \"b\": {\"c\": 2,},}"), R"({"a":1,"b":{"c":2}})");
}

TEST(Jsonc, TrailingCommaInArrayIsAccepted) {
  EXPECT_EQ(clean("[1, [2, 3,], ]"), "[1,[2,3]]");
}

TEST(Jsonc, TrailingCommaFollowedByCommentIsAccepted) {
  EXPECT_EQ(clean("[\n  \"stylua\", // the formatter\n]"), R"(["stylua"])");
}

TEST(Jsonc, ByteOrderMarkIsSkipped) {
  Parsed parsed("\xEF\xBB\xBF{\n\"a\": 1}");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.json(), R"({"a":1})");
  EXPECT_EQ(parsed.document.locate("/a"), (SourceLocation{2, 6}));
}

TEST(Jsonc, ScalarRootIsAccepted) {
  EXPECT_EQ(clean("  \"just text\" // why not\n"), R"("just text")");
  EXPECT_EQ(clean("null"), "null");
}

TEST(Jsonc, CleanJsonParsesWithNlohmannToTheSameValue) {
  std::string text = R"jsonc(
    // rbxpipe.json
    {
      "name": "volcano", /* lesson id */
      "escapes": "tab\t quote\" slash\/ back\\ \u00e9 \uD83C\uDF0B",
      "numbers": [0, -0, 1e10, 1.5E-3, -12.25e+2, 18446744073709551615, -9223372036854775808],
      "nested": {"list": [{"deep": [[], {}],},], "flag": false, "none": null,},
    }
  )jsonc";
  std::string strict = R"({
      "name": "volcano",
      "escapes": "tab\t quote\" slash/ back\\ \u00e9 \uD83C\uDF0B",
      "numbers": [0, -0, 1e10, 1.5E-3, -12.25e+2, 18446744073709551615, -9223372036854775808],
      "nested": {"list": [{"deep": [[], {}]}], "flag": false, "none": null}
    })";
  auto value = nlohmann::ordered_json::parse(clean(text));
  EXPECT_EQ(value, nlohmann::ordered_json::parse(strict));
  EXPECT_EQ(value["escapes"].get<std::string>(), "tab\t quote\" slash/ back\\ \xC3\xA9 \xF0\x9F\x8C\x8B");
}

TEST(Jsonc, NumbersAreCopiedVerbatim) {
  EXPECT_EQ(clean("[-0, 0, 1e10, 1.5E-3, 0.25, -7, 2e+0, 3E-0]"), "[-0,0,1e10,1.5E-3,0.25,-7,2e+0,3E-0]");
}

TEST(Jsonc, PointersNameNestedMembersAndArrayItems) {
  Parsed parsed(R"({"environments": {"staging": {"place": 456}}, "steps": [{"id": "intro"}, {"id": "lava"}]})");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.locate("/environments/staging/place"), (SourceLocation{1, 40}));
  EXPECT_EQ(parsed.document.span("/environments/staging/place").value_length, 3);
  EXPECT_EQ(parsed.document.locate("/steps/0/id"), (SourceLocation{1, 64}));
  EXPECT_EQ(parsed.document.locate("/steps/1/id"), (SourceLocation{1, 81}));
  EXPECT_EQ(parsed.document.locate("/steps/1"), (SourceLocation{1, 74}));
}

TEST(Jsonc, KeysAndValuesHaveExactLocationsAndLengths) {
  Parsed parsed("{\n  \"name\": \"volcano\",\n  \"lesson\": {\n    \"runtime\": true\n  }\n}\n");
  ASSERT_TRUE(parsed.document.ok());
  const JsonSpan& name = parsed.document.span("/name");
  EXPECT_EQ(name.key, (SourceLocation{2, 3}));
  EXPECT_EQ(name.key_length, 6);
  EXPECT_EQ(name.value, (SourceLocation{2, 11}));
  EXPECT_EQ(name.value_length, 9);
  const JsonSpan& lesson = parsed.document.span("/lesson");
  EXPECT_EQ(lesson.key, (SourceLocation{3, 3}));
  EXPECT_EQ(lesson.key_length, 8);
  EXPECT_EQ(lesson.value, (SourceLocation{3, 13}));
  EXPECT_EQ(lesson.value_length, 1);
  EXPECT_EQ(parsed.document.locate("/lesson/runtime", true), (SourceLocation{4, 5}));
  EXPECT_EQ(parsed.document.locate("/lesson/runtime"), (SourceLocation{4, 16}));
  EXPECT_EQ(parsed.document.span("/lesson/runtime").value_length, 4);
}

TEST(Jsonc, RootAndArrayItemsUseTheirValueAsKey) {
  Parsed parsed("  [10, \"ab\"]");
  ASSERT_TRUE(parsed.document.ok());
  const JsonSpan& root = parsed.document.span("");
  EXPECT_EQ(root.key, (SourceLocation{1, 3}));
  EXPECT_EQ(root.value, (SourceLocation{1, 3}));
  EXPECT_EQ(root.key_length, 1);
  const JsonSpan& item = parsed.document.span("/1");
  EXPECT_EQ(item.key, (SourceLocation{1, 8}));
  EXPECT_EQ(item.key_length, 4);
  EXPECT_EQ(item.value_length, 4);
}

TEST(Jsonc, PointerTokensEscapeTildeAndSlash) {
  Parsed parsed(R"({"a/b": {"m~n": 1}, "~1": 2})");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.locate("/a~1b/m~0n"), (SourceLocation{1, 17}));
  EXPECT_EQ(parsed.document.locate("/~01"), (SourceLocation{1, 27}));
}

TEST(Jsonc, PointerTokensUseDecodedKeys) {
  Parsed parsed(R"({"caf\u00e9": 1, "\uD83D\uDE00": 2, "tab\there": 3})");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.locate("/caf\xC3\xA9"), (SourceLocation{1, 15}));
  EXPECT_EQ(parsed.document.locate("/\xF0\x9F\x98\x80"), (SourceLocation{1, 34}));
  EXPECT_EQ(parsed.document.locate("/tab\there"), (SourceLocation{1, 50}));
}

TEST(Jsonc, JsonPointerEscapeEscapesTildeBeforeSlash) {
  EXPECT_EQ(json_pointer_escape("a/b~c"), "a~1b~0c");
  EXPECT_EQ(json_pointer_escape("~/"), "~0~1");
  EXPECT_EQ(json_pointer_escape(""), "");
}

TEST(Jsonc, CrLfFilesAreLocatedByLine) {
  Parsed parsed("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.json(), R"({"a":1,"b":[true]})");
  EXPECT_EQ(parsed.document.locate("/a", true), (SourceLocation{2, 3}));
  EXPECT_EQ(parsed.document.locate("/b/0"), (SourceLocation{4, 5}));
}

TEST(Jsonc, CrLfFileSyntaxErrorShowsLineWithoutCarriageReturn) {
  Parsed parsed("{\r\n  \"a\": 1\r\n  \"b\": 2\r\n}\r\n");
  ASSERT_EQ(parsed.document.diagnostics().size(), 1u);
  const Diagnostic& error = parsed.document.diagnostics().front();
  EXPECT_EQ(summary(error), "3:3+1 JSON0001 expected ',' or '}' after object member");
  EXPECT_EQ(error.source_line, "  \"b\": 2");
}

TEST(Jsonc, MissingPointerFallsBackToNearestAncestor) {
  Parsed parsed("{\n  \"environments\": {\n    \"staging\": {}\n  }\n}");
  ASSERT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.locate("/environments/staging/place"), (SourceLocation{3, 16}));
  EXPECT_EQ(parsed.document.locate("/environments/staging/place", true), (SourceLocation{3, 5}));
  EXPECT_EQ(parsed.document.locate("/environments/prod/place"), (SourceLocation{2, 19}));
  EXPECT_EQ(parsed.document.locate("/nothing/here"), (SourceLocation{1, 1}));
}

TEST(Jsonc, FailedDocumentHasNoLocationForUnreadValues) {
  Parsed parsed("");
  EXPECT_EQ(parsed.document.locate("/a"), (SourceLocation{0, 0}));
  EXPECT_EQ(parsed.document.span("").value_length, 0);
}

TEST(Jsonc, DiagnoseUnderlinesTheKeyOrTheValue) {
  Parsed parsed("{\n  \"verison\": \"1.2.0\"\n}");
  ASSERT_TRUE(parsed.document.ok());
  Diagnostic at_key = parsed.document.diagnose(Severity::error, "PROJ0001", "unknown key 'verison'", "/verison", true);
  EXPECT_EQ(summary(at_key), "2:3+9 PROJ0001 unknown key 'verison'");
  EXPECT_EQ(at_key.file, "rbxpipe.json");
  EXPECT_EQ(at_key.source_line, "  \"verison\": \"1.2.0\"");
  EXPECT_EQ(at_key.severity, Severity::error);
  Diagnostic at_value = parsed.document.diagnose(Severity::warning, "PROJ0004", "odd", "/verison");
  EXPECT_EQ(summary(at_value), "2:14+7 PROJ0004 odd");
  EXPECT_EQ(at_value.severity, Severity::warning);
}

TEST(Jsonc, DiagnoseAtMissingKeyPointsAtTheEnclosingObject) {
  Parsed parsed("{\n  \"lesson\": {\n  }\n}");
  Diagnostic missing =
      parsed.document.diagnose(Severity::error, "PROJ0003", "missing required key 'file'", "/lesson/file");
  EXPECT_EQ(summary(missing), "2:13+1 PROJ0003 missing required key 'file'");
}

TEST(Jsonc, SyntaxErrorRendersWithSourceLineAndCaret) {
  Parsed parsed("{\n  \"name\": \"volcano\"\n  \"version\": \"1.2.0\"\n}\n");
  ASSERT_EQ(parsed.document.diagnostics().size(), 1u);
  EXPECT_EQ(render_text(parsed.document.diagnostics().front()),
            "rbxpipe.json:3:3: error[JSON0001]: expected ',' or '}' after object member\n"
            " 3 |   \"version\": \"1.2.0\"\n"
            "   |   ^\n");
}

TEST(Jsonc, MissingCommaBetweenArrayItemsIsReportedAtTheSecondItem) {
  EXPECT_EQ(syntax_error("[1, 2\n 3]"), "2:2+1 JSON0001 expected ',' or ']' after array item");
}

TEST(Jsonc, EndOfFileInsideObjectIsReportedAtTheEnd) {
  EXPECT_EQ(syntax_error("{\"a\": 1"), "1:8+1 JSON0001 expected ',' or '}' after object member");
  EXPECT_EQ(syntax_error("{\"a\": "), "1:7+0 JSON0001 expected a value, found end of file");
  EXPECT_EQ(syntax_error("["), "1:2+0 JSON0001 expected a value, found end of file");
}

TEST(Jsonc, MissingColonIsReportedAtTheValue) {
  EXPECT_EQ(syntax_error("{\"a\" 1}"), "1:6+1 JSON0001 expected ':' after object key");
}

TEST(Jsonc, UnquotedKeyIsRejected) {
  EXPECT_EQ(syntax_error("{\n  name: 1\n}"), "2:3+1 JSON0001 expected a string key or '}', found 'name'");
  EXPECT_EQ(syntax_error("{\"a\": 1,, }"), "1:9+1 JSON0001 expected a string key or '}', found ','");
}

TEST(Jsonc, ExpectedValueNamesWhatWasFound) {
  EXPECT_EQ(syntax_error("{\"a\": ]}"), "1:7+1 JSON0001 expected a value, found ']'");
  EXPECT_EQ(syntax_error("[1,,2]"), "1:4+1 JSON0001 expected a value, found ','");
  EXPECT_EQ(syntax_error("[,]"), "1:2+1 JSON0001 expected a value, found ','");
  EXPECT_EQ(syntax_error("['a']"), "1:2+1 JSON0001 expected a value, found \"'\"");
  EXPECT_EQ(syntax_error("[True]"), "1:2+4 JSON0001 expected a value, found 'True'");
  EXPECT_EQ(syntax_error("[nulls]"), "1:2+5 JSON0001 expected a value, found 'nulls'");
  EXPECT_EQ(syntax_error("[\xE2\x80\x9Cx\xE2\x80\x9D]"), "1:2+1 JSON0001 expected a value, found '\xE2\x80\x9C'");
  EXPECT_EQ(syntax_error("[\x01]"), "1:2+1 JSON0001 expected a value, found control character 0x01");
  EXPECT_EQ(syntax_error("[/ 1]"), "1:2+1 JSON0001 expected a value, found '/'");
}

TEST(Jsonc, UnterminatedStringIsReportedAtItsOpeningQuote) {
  EXPECT_EQ(syntax_error("{\"name\": \"volc"), "1:10+1 JSON0001 unterminated string");
  EXPECT_EQ(syntax_error("{\"name\": \"volc\n}"), "1:10+1 JSON0001 unterminated string");
  EXPECT_EQ(syntax_error("\"ends in backslash\\"), "1:1+1 JSON0001 unterminated string");
}

TEST(Jsonc, InvalidEscapeIsReportedAtTheBackslash) {
  EXPECT_EQ(syntax_error(R"(["a\qb"])"), "1:4+2 JSON0001 invalid escape '\\q' in string");
  EXPECT_EQ(syntax_error("[\"a\\\xC3\xA9\"]"), "1:4+1 JSON0001 invalid escape in string");
  EXPECT_EQ(syntax_error(R"(["\u12G4"])"),
            "1:3+2 JSON0001 invalid escape '\\u' in string: expected four hex digits");
}

TEST(Jsonc, UnpairedSurrogateEscapesAreRejected) {
  EXPECT_EQ(syntax_error(R"(["x\uD83D"])"), "1:4+6 JSON0001 unpaired surrogate '\\uD83D' in string");
  EXPECT_EQ(syntax_error(R"(["\uD83D\u0041"])"), "1:3+6 JSON0001 unpaired surrogate '\\uD83D' in string");
  EXPECT_EQ(syntax_error(R"(["\uDE00"])"), "1:3+6 JSON0001 unpaired surrogate '\\uDE00' in string");
}

TEST(Jsonc, ControlCharacterInStringIsRejected) {
  EXPECT_EQ(syntax_error("[\"a\tb\"]"), "1:4+1 JSON0001 control character in string");
  EXPECT_EQ(syntax_error(std::string("[\"a\0b\"]", 7)), "1:4+1 JSON0001 control character in string");
}

TEST(Jsonc, InvalidUtf8InStringIsRejected) {
  EXPECT_EQ(syntax_error("[\"ok \xC3\xA9 bad \xC3\x28\"]"), "1:13+1 JSON0001 invalid UTF-8 in string");
  EXPECT_EQ(syntax_error("[\"overlong \xC0\xAF\"]"), "1:12+1 JSON0001 invalid UTF-8 in string");
  EXPECT_EQ(syntax_error("[\"surrogate \xED\xA0\x80\"]"), "1:13+1 JSON0001 invalid UTF-8 in string");
}

TEST(Jsonc, InvalidUtf8InCommentsIsIgnored) {
  EXPECT_EQ(clean("// caf\xE9\n[1]"), "[1]");
}

TEST(Jsonc, UnterminatedBlockCommentIsReportedAtItsStart) {
  EXPECT_EQ(syntax_error("{\n  \"a\": 1 /* note\n}"), "2:10+2 JSON0001 unterminated block comment");
}

TEST(Jsonc, TextAfterTheValueIsRejected) {
  EXPECT_EQ(syntax_error("{}\n{}"), "2:1+1 JSON0001 unexpected text after the JSON value");
  EXPECT_EQ(syntax_error("[1]]"), "1:4+1 JSON0001 unexpected text after the JSON value");
}

TEST(Jsonc, EmptyFileIsRejected) {
  EXPECT_EQ(syntax_error(""), "1:1+0 JSON0001 empty file: expected a JSON value");
  EXPECT_EQ(syntax_error("  // nothing\n"), "1:1+0 JSON0001 empty file: expected a JSON value");
  EXPECT_EQ(syntax_error("\xEF\xBB\xBF"), "1:1+0 JSON0001 empty file: expected a JSON value");
}

TEST(Jsonc, NumberWithLeadingZerosIsRejected) {
  EXPECT_EQ(syntax_error("[007]"), "1:2+1 JSON0001 number has leading zeros");
  EXPECT_EQ(syntax_error("[-01]"), "1:3+1 JSON0001 number has leading zeros");
}

TEST(Jsonc, MalformedNumbersAreRejected) {
  EXPECT_EQ(syntax_error("[-]"), "1:3+1 JSON0001 expected a digit after '-'");
  EXPECT_EQ(syntax_error("[1.]"), "1:4+1 JSON0001 expected a digit after '.' in number");
  EXPECT_EQ(syntax_error("[1e+]"), "1:5+1 JSON0001 expected a digit in the number's exponent");
  EXPECT_EQ(syntax_error("[+1]"), "1:2+1 JSON0001 expected a value, found '+'");
  EXPECT_EQ(syntax_error("[.5]"), "1:2+1 JSON0001 expected a value, found '.'");
  EXPECT_EQ(syntax_error("[1.2.3]"), "1:5+1 JSON0001 expected ',' or ']' after array item");
  EXPECT_EQ(syntax_error("[NaN]"), "1:2+3 JSON0001 expected a value, found 'NaN'");
}

TEST(Jsonc, NumberOverflowingADoubleIsRejected) {
  EXPECT_EQ(syntax_error("[1e999]"), "1:2+5 JSON0001 number is too large");
  EXPECT_EQ(clean("[1e-999, 1e308]"), "[1e-999,1e308]");
}

TEST(Jsonc, OnlyTheFirstSyntaxErrorIsReported) {
  EXPECT_EQ(syntax_error("[1 2 3 \"unterminated"), "1:4+1 JSON0001 expected ',' or ']' after array item");
}

TEST(Jsonc, DuplicateKeyIsReportedAtTheSecondKeyAndTheDocumentStaysValid) {
  Parsed parsed("{\n  // lesson\n  \"name\": \"a\",\n  \"other\": 1,\n  \"name\": \"b\"\n}");
  EXPECT_TRUE(parsed.document.ok());
  ASSERT_EQ(parsed.document.diagnostics().size(), 1u);
  const Diagnostic& duplicate = parsed.document.diagnostics().front();
  EXPECT_EQ(summary(duplicate), "5:3+6 JSON0002 duplicate key 'name' (first defined at line 3)");
  EXPECT_EQ(duplicate.severity, Severity::error);
  EXPECT_EQ(parsed.document.json(), R"({"name":"a","other":1,"name":"b"})");
  EXPECT_EQ(nlohmann::json::parse(parsed.document.json())["name"], "b");
  EXPECT_EQ(parsed.document.locate("/name"), (SourceLocation{5, 11}));
}

TEST(Jsonc, DuplicateKeyDropsTheChildrenOfTheFirstValue) {
  Parsed parsed(R"({"a": {"x": 1}, "ab": 2, "a": {"y": 3}})");
  EXPECT_TRUE(parsed.document.ok());
  EXPECT_EQ(parsed.document.diagnostics().size(), 1u);
  EXPECT_EQ(parsed.document.locate("/a/x"), parsed.document.locate("/a"));
  EXPECT_EQ(parsed.document.locate("/a/y"), (SourceLocation{1, 37}));
  EXPECT_EQ(parsed.document.locate("/ab"), (SourceLocation{1, 23}));
}

TEST(Jsonc, SameKeyInDifferentObjectsIsNotADuplicate) {
  EXPECT_EQ(clean(R"({"a": {"id": 1}, "b": {"id": 2}, "c": [{"id": 3}, {"id": 4}]})"),
            R"({"a":{"id":1},"b":{"id":2},"c":[{"id":3},{"id":4}]})");
}

TEST(Jsonc, NestingUpToTheDepthLimitIsAccepted) {
  std::string text = std::string(512, '[') + std::string(512, ']');
  EXPECT_EQ(clean(text), text);
}

TEST(Jsonc, NestingBeyondTheDepthLimitIsRejected) {
  EXPECT_EQ(syntax_error(std::string(513, '[') + std::string(513, ']')),
            "1:513+1 JSON0001 nesting deeper than 512 levels");
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"a\":";
  EXPECT_EQ(syntax_error(objects), "1:2561+1 JSON0001 nesting deeper than 512 levels");
}

TEST(Jsonc, HostileNestingDoesNotOverflowTheStack) {
  EXPECT_EQ(syntax_error(std::string(100000, '[')), "1:513+1 JSON0001 nesting deeper than 512 levels");
}

TEST(Jsonc, DiagnosticsNameTheSourcePath) {
  SourceText source("lessons/volcano/lesson.json", "[1,,]");
  JsoncDocument document = JsoncDocument::parse(source);
  ASSERT_EQ(document.diagnostics().size(), 1u);
  EXPECT_EQ(document.diagnostics().front().file, "lessons/volcano/lesson.json");
  EXPECT_EQ(&document.source(), &source);
}

}  // namespace
}  // namespace rbxpipe::base
