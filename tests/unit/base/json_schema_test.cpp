#include "base/json_schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/embedded_files.h"
#include "base/jsonc.h"

namespace rbxpipe::base {
namespace {

using Lines = std::vector<std::string>;

// Short names keep the expected lines readable: unknown, type, missing, value.
std::string kind_name(SchemaViolationKind kind) {
  constexpr const char* k_names[] = {"unknown", "type", "missing", "value"};
  return k_names[static_cast<int>(kind)];
}

// Each violation as "kind@pointer message", so one comparison checks all three fields and their order.
Lines violations(std::string_view schema_text, std::string_view json_text) {
  auto schema = JsonSchema::parse(schema_text);
  if (!schema) return {"schema error: " + schema.error().to_string()};
  Lines lines;
  for (const auto& violation : schema->validate(json_text)) {
    lines.push_back(kind_name(violation.kind) + "@" + violation.pointer + " " + violation.message);
  }
  return lines;
}

// The message with which parse() refuses a schema.
std::string schema_error(std::string_view schema_text) {
  auto schema = JsonSchema::parse(schema_text);
  if (schema) return "(accepted)";
  EXPECT_EQ(schema.error().code(), ErrorCode::invalid_input);
  return schema.error().message();
}

constexpr std::string_view k_project_schema = R"({"type": "object", "required": ["name", "version"],
  "additionalProperties": false, "properties": {"name": {"type": "string", "pattern": "^[a-z0-9-]+$"},
  "version": {"type": "string"}, "place": {"type": "integer"}, "style": {"enum": ["nested", "flat"]},
  "luau_file": {"type": ["string", "null"]}}})";

TEST(JsonSchema, ValidDocumentHasNoViolationsAndAnnotationsAreIgnored) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "volcano", "version": "1.2.0", "place": 4, "luau_file": null})"),
            Lines{});
  EXPECT_EQ(violations(R"({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "description": "d",
                          "default": 1, "examples": [2], "$comment": "c", "type": "integer"})", "3"),
            Lines{});
}


TEST(JsonSchema, FloatIsNotAnIntegerEvenWhenWholeButIntegerIsANumber) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "place": 1.5})"),
            Lines{"type@/place 'place' must be an integer, got a number"});
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "place": 2.0})"),
            Lines{"type@/place 'place' must be an integer, got a number"});
  EXPECT_EQ(violations(R"({"type": "number"})", "7"), Lines{});
  EXPECT_EQ(violations(R"({"type": "number"})", "-7.25"), Lines{});
}

TEST(JsonSchema, TypeWordsCoverEveryJsonTypeAndTheRootIsTheFile) {
  EXPECT_EQ(violations(R"({"items": {"type": "object"}})", R"(["s", 1, 1.5, true, null, []])"),
            (Lines{"type@/0 '[0]' must be an object, got a string", "type@/1 '[1]' must be an object, got an integer",
                   "type@/2 '[2]' must be an object, got a number", "type@/3 '[3]' must be an object, got a boolean",
                   "type@/4 '[4]' must be an object, got null", "type@/5 '[5]' must be an object, got an array"}));
  EXPECT_EQ(violations(R"({"type": "array"})", "{}"), Lines{"type@ the file must be an array, got an object"});
}

TEST(JsonSchema, WrongTypeNamesTheKeyAndEveryAllowedType) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "place": "456"})"),
            Lines{"type@/place 'place' must be an integer, got a string"});
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "luau_file": 3})"),
            Lines{"type@/luau_file 'luau_file' must be a string or null, got an integer"});
  EXPECT_EQ(violations(R"({"type": ["null", "boolean", "integer", "string"]})", "[]"),
            Lines{"type@ the file must be a string, an integer, a boolean or null, got an array"});
}

TEST(JsonSchema, WrongTypeIsNotDescendedInto) {
  std::string_view schema = R"({"properties": {"lesson": {"type": "object", "required": ["file"],
                                "properties": {"file": {"type": "string"}}}}})";
  EXPECT_EQ(violations(schema, R"({"lesson": [{"file": 1}]})"),
            Lines{"type@/lesson 'lesson' must be an object, got an array"});
}

TEST(JsonSchema, UnknownKeySuggestsTheClosestAllowedKeyIgnoringCase) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "verison": "1", "LUAU_FILE": null})"),
            (Lines{"missing@ missing required key 'version'",
                   "unknown@/verison unknown key 'verison' (did you mean 'version'?)",
                   "unknown@/LUAU_FILE unknown key 'LUAU_FILE' (did you mean 'luau_file'?)"}));
}

TEST(JsonSchema, UnknownKeyHasNoSuggestionWhenNoAbsentKeyIsClose) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "colour": "red", "x": 1, "nmae": "b"})"),
            (Lines{"unknown@/colour unknown key 'colour'", "unknown@/x unknown key 'x'",
                   "unknown@/nmae unknown key 'nmae'"}));
}

TEST(JsonSchema, MissingRequiredKeyIsReportedAtTheObject) {
  std::string_view schema = R"({"properties": {"lesson": {"required": ["file", "public"]}}})";
  EXPECT_EQ(violations(schema, R"({"lesson": {}})"),
            (Lines{"missing@/lesson missing required key 'file'", "missing@/lesson missing required key 'public'"}));
}

TEST(JsonSchema, EnumListsTheAllowedValues) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "a", "version": "1", "style": "deep"})"),
            Lines{"value@/style 'style' must be one of \"nested\", \"flat\", got \"deep\""});
  EXPECT_EQ(violations(R"({"enum": [1, null]})", "true"), Lines{"value@ the file must be one of 1, null, got true"});
  EXPECT_EQ(violations(R"({"enum": ["only"]})", "\"other\""), Lines{"value@ the file must be \"only\", got \"other\""});
}

TEST(JsonSchema, ConstRequiresTheExactValueAndShortensLongStrings) {
  EXPECT_EQ(violations(R"({"properties": {"v": {"const": 2}}})", R"({"v": 3})"),
            Lines{"value@/v 'v' must be 2, got 3"});
  EXPECT_EQ(violations(R"({"properties": {"v": {"const": 2}}})", R"({"v": 2.0})"), Lines{});
  EXPECT_EQ(violations(R"({"const": "y"})", "\"" + std::string(60, 'x') + "\""),
            Lines{"value@ the file must be \"y\", got \"" + std::string(48, 'x') + "...\""});
}

TEST(JsonSchema, PatternIsSearchedAndStringsOver4096BytesAreRefused) {
  EXPECT_EQ(violations(k_project_schema, R"({"name": "Volcano Lesson", "version": "1"})"),
            Lines{"value@/name 'name' must match ^[a-z0-9-]+$, got \"Volcano Lesson\""});
  EXPECT_EQ(violations(R"({"pattern": "[0-9]"})", R"("abc1def")"), Lines{});
  EXPECT_EQ(violations(R"({"pattern": "[0-9]"})", R"("abcdef")"),
            Lines{"value@ the file must match [0-9], got \"abcdef\""});
  std::string_view schema = R"({"pattern": "^(a|b)*$"})";
  EXPECT_EQ(violations(schema, "\"" + std::string(4096, 'a') + "\""), Lines{});
  EXPECT_EQ(violations(schema, "\"" + std::string(4097, 'a') + "\""),
            Lines{"value@ the file is too long to check against its pattern (over 4096 bytes)"});
}

TEST(JsonSchema, ErrorMessageReplacesThePatternWording) {
  std::string_view schema = R"({"properties": {"name": {"type": "string", "pattern": "^[a-z0-9-]+$", "maxLength": 5,
                                "errorMessage": "must be lower-case letters, digits and '-'"}}})";
  EXPECT_EQ(violations(schema, R"({"name": "Volcano"})"),
            (Lines{"value@/name 'name' must be lower-case letters, digits and '-', got \"Volcano\"",
                   "value@/name 'name' must be at most 5 characters long, got 7"}));
  EXPECT_EQ(violations(schema, R"({"name": 5})"), Lines{"type@/name 'name' must be a string, got an integer"});
}

TEST(JsonSchema, NumericLimitsNameTheBound) {
  std::string_view schema = R"({"properties": {
    "a": {"minimum": 1}, "b": {"maximum": 3600}, "c": {"exclusiveMinimum": 0}, "d": {"exclusiveMaximum": 1.5}}})";
  EXPECT_EQ(violations(schema, R"({"a": 0, "b": 3600.5, "c": 0, "d": 1.5})"),
            (Lines{"value@/a 'a' must be at least 1, got 0", "value@/b 'b' must be at most 3600, got 3600.5",
                   "value@/c 'c' must be greater than 0, got 0", "value@/d 'd' must be less than 1.5, got 1.5"}));
  EXPECT_EQ(violations(schema, R"({"a": 1, "b": 3600, "c": 0.001, "d": 1})"), Lines{});
}

TEST(JsonSchema, LargeIntegersCompareExactly) {
  std::string_view schema = R"({"minimum": 9007199254740993})";
  EXPECT_EQ(violations(schema, "9007199254740992"),
            Lines{"value@ the file must be at least 9007199254740993, got 9007199254740992"});
  EXPECT_EQ(violations(schema, "18446744073709551615"), Lines{});
  EXPECT_EQ(violations(R"({"maximum": -1})", "-9223372036854775808"), Lines{});
  EXPECT_EQ(violations(R"({"maximum": -9223372036854775808})", "-1"),
            Lines{"value@ the file must be at most -9223372036854775808, got -1"});
}

TEST(JsonSchema, StringLengthCountsCharactersNotBytes) {
  std::string_view schema = R"({"minLength": 3, "maxLength": 4})";
  EXPECT_EQ(violations(schema, "\"caf\xC3\xA9\""), Lines{});
  EXPECT_EQ(violations(schema, R"("ab")"), Lines{"value@ the file must be at least 3 characters long, got \"ab\""});
  EXPECT_EQ(violations(schema, R"("abcde")"), Lines{"value@ the file must be at most 4 characters long, got 5"});
  EXPECT_EQ(violations(R"({"properties": {"project": {"minLength": 1}}})", R"({"project": ""})"),
            Lines{"value@/project 'project' must not be empty"});
}

TEST(JsonSchema, CountsOfItemsAndKeysAreChecked) {
  std::string_view schema = R"({"properties": {"choices": {"minItems": 2, "maxItems": 3}, "answer": {"minItems": 1}}})";
  EXPECT_EQ(violations(schema, R"({"choices": ["a"], "answer": []})"),
            (Lines{"value@/choices 'choices' must have at least 2 items, got 1",
                   "value@/answer 'answer' must not be empty"}));
  EXPECT_EQ(violations(schema, R"({"choices": [1, 2, 3, 4]})"),
            Lines{"value@/choices 'choices' must have at most 3 items, got 4"});
  schema = R"({"properties": {"creator": {"minProperties": 1, "maxProperties": 1}, "big": {"minProperties": 2}}})";
  EXPECT_EQ(violations(schema, R"({"creator": {"group": 1, "user": 2}, "big": {"a": 1}})"),
            (Lines{"value@/creator 'creator' must have at most 1 key, got 2",
                   "value@/big 'big' must have at least 2 keys, got 1"}));
  EXPECT_EQ(violations(schema, R"({"creator": {}})"), Lines{"value@/creator 'creator' must not be empty"});
}

TEST(JsonSchema, RepeatedItemIsReportedOnceAtItsFirstRepeat) {
  std::string_view schema = R"({"properties": {"analyzers": {"uniqueItems": true}}})";
  EXPECT_EQ(violations(schema, R"({"analyzers": ["stylua", "selene", "stylua", "stylua", 1, 1.0]})"),
            (Lines{"value@/analyzers/2 'analyzers' must not contain duplicates, got \"stylua\" more than once",
                   "value@/analyzers/5 'analyzers' must not contain duplicates, got 1.0 more than once"}));
  EXPECT_EQ(violations(schema, R"({"analyzers": ["stylua", "selene", {"a": 1}, {"a": 2}]})"), Lines{});
}

TEST(JsonSchema, ArrayItemsAreNamedAfterTheirArray) {
  std::string_view schema = R"({"properties": {"steps": {"type": "array", "items": {"type": "object",
                                "properties": {"id": {"type": "string"}}}}}})";
  EXPECT_EQ(violations(schema, R"({"steps": [{"id": "a"}, "b", {"id": 3}]})"),
            (Lines{"type@/steps/1 'steps[1]' must be an object, got a string",
                   "type@/steps/2/id 'id' must be a string, got an integer"}));
  EXPECT_EQ(violations(R"({"properties": {"grid": {"items": {"items": {"type": "integer"}}}}})",
                       R"({"grid": [[1, "x"]]})"),
            Lines{"type@/grid/0/1 'grid[0][1]' must be an integer, got a string"});
}

TEST(JsonSchema, AdditionalPropertiesSchemaChecksUndeclaredMembersWithEscapedPointers) {
  std::string_view schema = R"({"properties": {"known": {"type": "string"}},
                               "additionalProperties": {"type": "object", "required": ["glob"]}})";
  EXPECT_EQ(violations(schema, R"({"known": "k", "images": {"glob": "*.png"}, "audio": {}})"),
            Lines{"missing@/audio missing required key 'glob'"});
  EXPECT_EQ(violations(schema, R"({"a/b": [], "c~d": 1})"),
            (Lines{"type@/a~1b 'a/b' must be an object, got an array",
                   "type@/c~0d 'c~d' must be an object, got an integer"}));
}

TEST(JsonSchema, PatternPropertiesCoverMatchingKeys) {
  std::string_view schema = R"({"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false})";
  EXPECT_EQ(violations(schema, R"({"x-note": 1, "x-ok": "fine", "other": 2})"),
            (Lines{"type@/x-note 'x-note' must be a string, got an integer", "unknown@/other unknown key 'other'"}));
}

TEST(JsonSchema, PropertyNamesAreCheckedAsKeys) {
  std::string_view schema = R"({"propertyNames": {"pattern": "^[a-z]+$", "errorMessage": "must be lower-case letters"},
                               "additionalProperties": {"type": "integer"}})";
  EXPECT_EQ(violations(schema, R"({"ok": 1, "Bad Name": 2, "worse": "x"})"),
            (Lines{"value@/Bad Name key 'Bad Name' must be lower-case letters",
                   "type@/worse 'worse' must be an integer, got a string"}));
  EXPECT_EQ(violations(R"({"propertyNames": {"maxLength": 3}})", R"({"long": 1})"),
            Lines{"value@/long key 'long' must be at most 3 characters long, got 4"});
}

TEST(JsonSchema, RefUsesDefinitionsFromDefsAndDefinitions) {
  std::string_view schema = R"({
    "properties": {"universe": {"$ref": "#/$defs/id"}, "place": {"$ref": "#/definitions/id"},
                   "odd": {"$ref": "#/$defs/a~1b"}},
    "$defs": {"id": {"type": "integer", "minimum": 1}, "a/b": {"type": "boolean"}},
    "definitions": {"id": {"type": "integer", "maximum": 10}}
  })";
  EXPECT_EQ(violations(schema, R"({"universe": 0, "place": 11, "odd": 1})"),
            (Lines{"value@/universe 'universe' must be at least 1, got 0",
                   "value@/place 'place' must be at most 10, got 11",
                   "type@/odd 'odd' must be a boolean, got an integer"}));
}

TEST(JsonSchema, RefAppliesAlongsideSiblingKeywords) {
  std::string_view schema = R"({"$ref": "#/$defs/base", "required": ["b"], "$defs": {"base": {"required": ["a"]}}})";
  EXPECT_EQ(violations(schema, "{}"),
            (Lines{"missing@ missing required key 'a'", "missing@ missing required key 'b'"}));
}

TEST(JsonSchema, RecursiveRefValidatesNestedValues) {
  std::string_view schema = R"({"$ref": "#/$defs/node", "$defs": {"node": {"type": "object",
    "additionalProperties": false, "properties": {"name": {"type": "string"},
    "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}})";
  EXPECT_EQ(violations(schema, R"({"name": "a", "children": [{"name": "b", "children": [{"nmae": "c"}]}]})"),
            Lines{"unknown@/children/0/children/0/nmae unknown key 'nmae' (did you mean 'name'?)"});
}

TEST(JsonSchema, AnyOfReportsTheOnlyBranchWhoseTypeMatches) {
  std::string_view schema = R"({"properties": {"size": {"anyOf": [
    {"type": "integer", "minimum": 8}, {"type": "string", "enum": ["auto"]}]}}})";
  EXPECT_EQ(violations(schema, R"({"size": 4})"), Lines{"value@/size 'size' must be at least 8, got 4"});
  EXPECT_EQ(violations(schema, R"({"size": "big"})"), Lines{"value@/size 'size' must be \"auto\", got \"big\""});
  EXPECT_EQ(violations(schema, R"({"size": "auto"})"), Lines{});
}

TEST(JsonSchema, AnyOfWithNoMatchingTypeListsWhatWasExpectedOrUsesItsErrorMessage) {
  std::string_view schema =
      R"({"properties": {"size": {"anyOf": [{"type": "integer"}, {"const": "auto"}, {"type": "null"}]}}})";
  EXPECT_EQ(violations(schema, R"({"size": [1]})"),
            Lines{"type@/size 'size' must be an integer, \"auto\" or null, got an array"});
  schema = R"({"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "string", "pattern": "^b"}],
           "errorMessage": "must start with 'a' or 'b'"})";
  EXPECT_EQ(violations(schema, R"("cat")"), Lines{"value@ the file must start with 'a' or 'b', got \"cat\""});
}

TEST(JsonSchema, AnyOfUsesRequiredKeysToPickAnObjectBranch) {
  std::string_view schema = R"({
    "properties": {"api_key": {"anyOf": [{"$ref": "#/$defs/env"}, {"$ref": "#/$defs/secret"}]}},
    "$defs": {"env": {"type": "object", "required": ["env"], "properties": {"env": {"type": "string"}}},
              "secret": {"type": "object", "required": ["secret"], "properties": {"secret": {"type": "string"}}}}})";
  EXPECT_EQ(violations(schema, R"({"api_key": {"secret": 5}})"),
            Lines{"type@/api_key/secret 'secret' must be a string, got an integer"});
  EXPECT_EQ(violations(schema, R"({"api_key": {"name": "x", "b": 1, "c": 2, "d": 3, "e": 4, "f": 5}})"),
            Lines{"value@/api_key 'api_key' must be an object with 'env' or an object with 'secret', got an "
                  "object with 'name', 'b', 'c', 'd' and 2 more"});
  EXPECT_EQ(violations(schema, R"({"api_key": "RBX_KEY"})"),
            Lines{"type@/api_key 'api_key' must be an object with 'env' or an object with 'secret', got a string"});
}

TEST(JsonSchema, OneOfRejectsAValueMatchingTwoBranches) {
  std::string_view schema = R"({"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]})";
  EXPECT_EQ(violations(schema, "5"),
            Lines{"value@ the file must be exactly one of an integer or a number, but it matches 2"});
  EXPECT_EQ(violations(schema, "-5"), Lines{});
  EXPECT_EQ(violations(schema, "0.5"), Lines{});
  EXPECT_EQ(violations(schema, "-0.5"), Lines{"value@ the file must be at least 0, got -0.5"});
}

TEST(JsonSchema, ViolationsFollowDocumentOrderNotSchemaOrder) {
  std::string_view schema = R"({"properties": {"a": {"type": "string"}, "b": {"type": "string"},
                                "c": {"type": "object", "properties": {"d": {"type": "string"}}}},
                               "required": ["zzz"], "additionalProperties": false})";
  EXPECT_EQ(violations(schema, R"({"c": {"d": 1}, "unknown": 0, "b": 2, "a": 3})"),
            (Lines{"missing@ missing required key 'zzz'", "type@/c/d 'd' must be a string, got an integer",
                   "unknown@/unknown unknown key 'unknown'", "type@/b 'b' must be a string, got an integer",
                   "type@/a 'a' must be a string, got an integer"}));
}

TEST(JsonSchema, UnparseableTextIsOneViolationAtTheRoot) {
  EXPECT_EQ(violations(k_project_schema, "{\"name\": "), Lines{"type@ the file is not valid JSON"});
}

TEST(JsonSchema, FalseSchemaRejectsAnyValueAndTrueAcceptsAny) {
  EXPECT_EQ(violations(R"({"properties": {"legacy": false, "free": true}})", R"({"legacy": 1, "free": [1]})"),
            Lines{"value@/legacy 'legacy' is not allowed here"});
}

TEST(JsonSchema, DeepRecursionIsCutOffInsteadOfOverflowing) {
  std::string_view schema =
      R"({"$ref": "#/$defs/list", "$defs": {"list": {"type": "array", "items": {"$ref": "#/$defs/list"}}}})";
  std::string pointer;
  std::string name;
  for (int i = 0; i < 513; ++i) {
    pointer += "/0";
    name += "[0]";
  }
  EXPECT_EQ(violations(schema, std::string(600, '[') + std::string(600, ']')),
            Lines{"value@" + pointer + " '" + name + "' is nested too deeply to check"});
}

TEST(JsonSchema, MovedSchemaStillValidates) {
  auto parsed = JsonSchema::parse(R"({"type": "string"})");
  ASSERT_TRUE(parsed.ok());
  JsonSchema moved = std::move(parsed).value();
  auto found = moved.validate("1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.front().message, "the file must be a string, got an integer");
}

TEST(JsonSchema, ParseRejectsInvalidSchemasAndRegularExpressions) {
  EXPECT_EQ(schema_error("{"), "the schema is not valid JSON");
  EXPECT_EQ(schema_error("3"), "invalid schema at #: a schema must be an object or a boolean");
  EXPECT_EQ(schema_error(R"({"type": "text"})"), "invalid schema at #/type: unknown type \"text\"");
  EXPECT_EQ(schema_error(R"({"properties": {"a": {"required": "b"}}})"),
            "invalid schema at #/properties/a/required: must be an array of strings");
  EXPECT_EQ(schema_error(R"({"minLength": -1})"), "invalid schema at #/minLength: must be a non-negative integer");
  EXPECT_EQ(schema_error(R"({"enum": []})"), "invalid schema at #/enum: must be a non-empty array");
  EXPECT_EQ(schema_error(R"({"items": [{}]})"), "invalid schema at #/items: tuple 'items' (an array) is not supported");
  EXPECT_EQ(schema_error(R"({"properties": {"a": {"allOf": [{}]}}})"),
            "invalid schema at #/properties/a: keyword 'allOf' is not supported");
  std::string message = schema_error(R"({"properties": {"a": {"pattern": "([a-z"}}})");
  std::string_view expected = "invalid schema at #/properties/a/pattern: invalid regular expression '([a-z': ";
  EXPECT_TRUE(message.starts_with(expected)) << message;
  EXPECT_GT(message.size(), expected.size());
}

TEST(JsonSchema, ParseRejectsUnsupportedMissingAndLoopingRefs) {
  EXPECT_EQ(schema_error(R"({"$ref": "other.json#/a"})"),
            "invalid schema at #/$ref: unsupported $ref 'other.json#/a' (only \"#/$defs/<name>\" is supported)");
  EXPECT_EQ(schema_error(R"({"$ref": "#/$defs/a/properties/b", "$defs": {"a": {}}})"),
            "invalid schema at #/$ref: unsupported $ref '#/$defs/a/properties/b' (only \"#/$defs/<name>\" is "
            "supported)");
  EXPECT_EQ(schema_error(R"({"$ref": "#/$defs/missing"})"),
            "invalid schema at #/$ref: '#/$defs/missing' names no definition");
  std::string_view loop =
      R"({"$ref": "#/$defs/a", "$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}})";
  EXPECT_EQ(schema_error(loop), "invalid schema at #/$defs/a: $ref loops back to itself without a nested value");
}

TEST(JsonSchema, ShippedProjectSchemaAcceptsTheDocumentedExample) {
  auto text = embedded_file("schemas/rbxpipe.schema.json");
  ASSERT_TRUE(text.has_value());
  SourceText source("rbxpipe.json", R"jsonc({
    "name": "volcano", "version": "1.2.0", "project": "default.project.json",  // the lesson
    "lesson": {"file": "lesson/lesson.json", "public": "ReplicatedStorage.Lesson", "runtime": true,},
    "assets": {"images": {"glob": "assets/images/**/*.{png,jpg}", "max_size": 1024, "bleed": true}},
    "luau": {"analyzers": ["stylua"], "timeout_s": 60},
    "environments": {"staging": {"universe": 123, "place": 456, "creator": {"group": 789},
                                 "api_key": {"env": "RBX_STAGING_KEY"}, "open_cloud_url": null}},
  })jsonc");
  JsoncDocument document = JsoncDocument::parse(source);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(violations(*text, document.json()), Lines{});
  EXPECT_EQ(violations(*text, R"({"name": "Volcano", "version": "1.2.0",
                                  "environments": {"staging": {"universe": 1, "place": 0, "creator": {"group": 1}}}})"),
            (Lines{"value@/name 'name' must be lower-case letters, digits and '-', got \"Volcano\"",
                   "value@/environments/staging/place 'place' must be at least 1, got 0"}));
}

TEST(JsonSchema, EveryShippedSchemaCompiles) {
  EXPECT_FALSE(embedded_files_under("schemas/").empty());
  for (const auto& path : embedded_files_under("schemas/")) {
    auto schema = JsonSchema::parse(embedded_file(path).value_or(""));
    EXPECT_TRUE(schema.ok()) << path << ": " << (schema.ok() ? "" : schema.error().message());
  }
}

}  // namespace
}  // namespace rbxpipe::base
