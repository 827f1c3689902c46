#include "rojo/data_files.h"

#include <gtest/gtest.h>

#include <string>

namespace rbxpipe::rojo {
namespace {

// The result of reading one file: the module source (or CSV contents) on success, the diagnostics either way.
struct Outcome {
  std::optional<std::string> text;
  std::vector<base::Diagnostic> diagnostics;
};

template <typename Reader>
Outcome run(Reader reader, const std::string& path, const std::string& text) {
  base::SourceText source(path, text);
  Outcome outcome;
  if (auto value = reader(source, outcome.diagnostics)) {
    if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, std::string>) {
      outcome.text = *value;
    } else {
      outcome.text = lua_module_source(*value);
    }
  }
  return outcome;
}

// The Lua source of a data file that must read cleanly.
template <typename Reader>
std::string lua_of(Reader reader, const std::string& path, const std::string& text) {
  auto outcome = run(reader, path, text);
  EXPECT_TRUE(outcome.diagnostics.empty()) << (outcome.diagnostics.empty() ? "" : outcome.diagnostics[0].message);
  return outcome.text.value_or("(failed)");
}

// "line:col CODE message" of the single error a file must produce.
template <typename Reader>
std::string error_of(Reader reader, const std::string& path, const std::string& text) {
  auto outcome = run(reader, path, text);
  EXPECT_FALSE(outcome.text.has_value());
  EXPECT_EQ(outcome.diagnostics.size(), 1u);
  if (outcome.diagnostics.empty()) return "(no diagnostic)";
  const auto& d = outcome.diagnostics.front();
  EXPECT_EQ(d.file, path);
  EXPECT_EQ(d.severity, base::Severity::error);
  return std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.code + " " + d.message;
}

std::string json(const std::string& text) { return lua_of(read_json_data, "data.json", text); }
std::string json_error(const std::string& text) { return error_of(read_json_data, "data.json", text); }
std::string toml(const std::string& text) { return lua_of(read_toml_data, "data.toml", text); }
std::string toml_error(const std::string& text) { return error_of(read_toml_data, "data.toml", text); }
std::string yaml(const std::string& text) { return lua_of(read_yaml_data, "data.yaml", text); }
std::string yaml_error(const std::string& text) { return error_of(read_yaml_data, "data.yaml", text); }
std::string csv(const std::string& text) { return lua_of(read_localization_csv, "strings.csv", text); }
std::string csv_error(const std::string& text) { return error_of(read_localization_csv, "strings.csv", text); }

// ---------------------------------------------------------------------------------------------------------------
// JSON

TEST(JsonData, MatchesRojoJsonAsLuaBuildTest) {
  // rojo-test/build-tests/json_as_lua/make-me-a-script.json and its snapshot.
  EXPECT_EQ(json("{\n  \"array\": [1, 2, 3],\n  \"object\": {\n    \"hello\": \"world\"\n  },\n  \"true\": true,\n"
                 "  \"false\": false,\n  \"null\": null,\n  \"int\": 1234,\n  \"float\": 1234.5452,\n"
                 "  \"1invalidident\": \"nice\"\n}"),
            "return {\n\t[\"1invalidident\"] = \"nice\",\n\tarray = {1, 2, 3},\n\t[\"false\"] = false,\n"
            "\tfloat = 1234.5452,\n\tint = 1234,\n\tnull = nil,\n\tobject = {\n\t\thello = \"world\",\n\t},\n"
            "\t[\"true\"] = true,\n}");
}

TEST(JsonData, AcceptsCommentsAndTrailingCommas) {
  EXPECT_EQ(json("// header\n{ /* inline */ \"a\": [1, 2,], \"b\": {},\n}"),
            "return {\n\ta = {1, 2},\n\tb = {\n\t},\n}");
}

TEST(JsonData, TopLevelScalarsAndEmptyContainers) {
  EXPECT_EQ(json("\"hello\""), "return \"hello\"");
  EXPECT_EQ(json("null"), "return nil");
  EXPECT_EQ(json("[]"), "return {}");
  EXPECT_EQ(json("{}"), "return {\n}");
}

TEST(JsonData, DecodesStringEscapesAndReescapesForLua) {
  static constexpr char k_expected[] =
      "return {\"tab\\there\", \"line\\nbreak\", \"é😀\", \"q\\\"b\\\\s/\", \"nul\0x\"}";
  EXPECT_EQ(json(R"(["tab\there", "line\nbreak", "\u00e9\ud83d\ude00", "q\"b\\s\/", "nul\u0000x"])"),
            std::string(k_expected, sizeof(k_expected) - 1));
}

TEST(JsonData, NumbersFollowSerdeJson) {
  EXPECT_EQ(json("[-0, -0.0, 0, 1e2, 1E-7, 2.50, 12345678901234567890123, -9223372036854775809]"),
            "return {-0, -0, 0, 100, 0.0000001, 2.5, 12345678901234568000000, -9223372036854776000}");
}

TEST(JsonData, LongMantissasRoundLikeSerdeJsonNotStrtod) {
  // serde_json rounds the digits to f64 first and divides second: two roundings, so these land one ulp away from
  // the correctly rounded 1.5929224469629137 and 0.4656341483960306.
  EXPECT_EQ(json("[1.5929224469629137, 0.4656341483960306202]"), "return {1.5929224469629135, 0.4656341483960307}");
}

TEST(JsonData, DuplicateKeysKeepTheLastValueWithAWarning) {
  auto outcome = run(read_json_data, "data.json", "{\"a\": 1, \"b\": 2, \"a\": 3}");
  ASSERT_TRUE(outcome.text.has_value());
  EXPECT_EQ(*outcome.text, "return {\n\ta = 3,\n\tb = 2,\n}");
  ASSERT_EQ(outcome.diagnostics.size(), 1u);
  EXPECT_EQ(outcome.diagnostics[0].severity, base::Severity::warning);
  EXPECT_EQ(outcome.diagnostics[0].location.column, 18);
}

TEST(JsonData, EmptyFileIsAnErrorAsInRojo) {
  EXPECT_EQ(json_error(""), "1:1 ROJO0201 empty file: expected a JSON value");
  EXPECT_EQ(json_error("  // nothing\n"), "1:1 ROJO0201 empty file: expected a JSON value");
}

TEST(JsonData, SyntaxErrorsAreLocated) {
  EXPECT_EQ(json_error("{\n  \"a\": 1\n  \"b\": 2\n}"), "3:3 ROJO0201 expected ',' or '}' after object member");
  EXPECT_EQ(json_error("[1, 2"), "1:6 ROJO0201 expected ',' or ']' after array item");
}

TEST(JsonData, InvalidUtf8IsRefusedWhereverItIs) {
  EXPECT_EQ(json_error("// caf\xE9\n{}"), "1:7 ROJO0201 file is not valid UTF-8 (Rojo reads data files as UTF-8 text)");
}

TEST(JsonData, DeepNestingIsRefusedWithoutCrashing) {
  std::string deep(100000, '[');
  auto message = json_error(deep);
  EXPECT_NE(message.find("nesting deeper than 512 levels"), std::string::npos) << message;
}

// ---------------------------------------------------------------------------------------------------------------
// TOML

TEST(TomlData, MatchesRojoTomlSnapshot) {
  // src/snapshot_middleware/toml.rs instance_from_vfs and its snapshot.
  EXPECT_EQ(toml("\n  array = [1, 2, 3]\n  true = true\n  false = false\n  int = 1234\n  float = 1234.5452\n"
                 "  \"1invalidident\" = \"nice\"\n\n  [object]\n  hello = \"world\"\n\n  [dates]\n"
                 "  offset1 = 1979-05-27T00:32:00.999999-07:00\n  offset2 = 1979-05-27 07:32:00Z\n"
                 "  localdatetime = 1979-05-27T07:32:00\n  localdate = 1979-05-27\n  localtime = 00:32:00.999999\n"),
            "return {\n\t[\"1invalidident\"] = \"nice\",\n\tarray = {1, 2, 3},\n\tdates = {\n"
            "\t\tlocaldate = \"1979-05-27\",\n\t\tlocaldatetime = \"1979-05-27T07:32:00\",\n"
            "\t\tlocaltime = \"00:32:00.999999\",\n\t\toffset1 = \"1979-05-27T00:32:00.999999-07:00\",\n"
            "\t\toffset2 = \"1979-05-27T07:32:00Z\",\n\t},\n\t[\"false\"] = false,\n\tfloat = 1234.5452,\n"
            "\tint = 1234,\n\tobject = {\n\t\thello = \"world\",\n\t},\n\t[\"true\"] = true,\n}");
}

TEST(TomlData, DateTimesUseTheTomlCratesSpelling) {
  EXPECT_EQ(toml("a = 1979-05-27t07:32:00z\nb = 1979-05-27T07:32:00+00:00\nc = 1979-05-27T07:32:00.500-05:30\n"
                 "d = 07:32:00.123456789123\ne = 0099-01-02\n"),
            "return {\n\ta = \"1979-05-27T07:32:00Z\",\n\tb = \"1979-05-27T07:32:00+00:00\",\n"
            "\tc = \"1979-05-27T07:32:00.5-05:30\",\n\td = \"07:32:00.123456789\",\n\te = \"0099-01-02\",\n}");
  // toml 0.5 keeps the offset's sign on its hours, so a zero-hour western offset prints with '+'.
  EXPECT_EQ(toml("g = 1979-05-27T07:32:00-00:30\n"), "return {\n\tg = \"1979-05-27T07:32:00+00:30\",\n}");
}

TEST(TomlData, IntegersAndFloatsBecomeF64) {
  EXPECT_EQ(toml("v = [0xff, 0o17, 0b101, 1_000, -0, 9007199254740993, 1e3, -0.0, 6.25e-1, inf, -inf, nan]"),
            "return {\n\tv = {255, 15, 5, 1000, 0, 9007199254740992, 1000, -0, 0.625, math.huge, -math.huge, 0/0},\n}");
}

TEST(TomlData, ArraysOfTablesAndEmptyFile) {
  EXPECT_EQ(toml("[[item]]\nname = \"a\"\n[[item]]\nname = \"b\"\n"),
            "return {\n\titem = {{\n\t\tname = \"a\",\n\t}, {\n\t\tname = \"b\",\n\t}},\n}");
  EXPECT_EQ(toml(""), "return {\n}");
}

TEST(TomlData, SyntaxErrorsAreLocated) {
  auto message = toml_error("a = 1\nb = = 2\n");
  EXPECT_EQ(message.substr(0, 13), "2:5 ROJO0202 ") << message;
  message = toml_error("a = 1\na = 2\n");
  EXPECT_EQ(message, "2:5 ROJO0202 Error while parsing key-value pair: cannot redefine existing integer 'a'");
}

TEST(TomlData, ErrorColumnsCountBytes) {
  auto message = toml_error("k = \"é\" x\n");
  EXPECT_EQ(message.substr(0, 14), "1:10 ROJO0202 ") << message;
}

TEST(TomlData, InvalidUtf8AndDeepNestingAreRefused) {
  EXPECT_EQ(toml_error("a = \"\xFF\"\n"), "1:6 ROJO0202 file is not valid UTF-8 (Rojo reads data files as UTF-8 text)");
  std::string deep = "a = " + std::string(1000, '[') + std::string(1000, ']') + "\n";
  EXPECT_NE(toml_error(deep).find("ROJO0202"), std::string::npos);
  std::string dotted = "[a";
  for (int i = 0; i < 600; ++i) dotted += ".a";
  dotted += "]\n";
  EXPECT_NE(toml_error(dotted).find("nesting deeper than 512 levels"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// YAML

TEST(YamlData, MatchesRojoYamlSnapshotInDocumentOrder) {
  // src/snapshot_middleware/yaml.rs instance_from_vfs and its snapshot: keys are not sorted.
  EXPECT_EQ(yaml("\n---\nstring: this is a string\nboolean: true\ninteger: 1337\nfloat: 123456789.5\n"
                 "value-with-hypen: it sure is\nsequence:\n  - wow\n  - 8675309\nmap:\n  key: value\n"
                 "  key2: \"value 2\"\n  key3: 'value 3'\nnested-map:\n  - key: value\n  - key2: \"value 2\"\n"
                 "  - key3: 'value 3'\nwhatever_this_is: [i imagine, it's, a, sequence?]\nnull1: ~\nnull2: null"),
            "return {\n\tstring = \"this is a string\",\n\tboolean = true,\n\tinteger = 1337,\n"
            "\tfloat = 123456789.5,\n\t[\"value-with-hypen\"] = \"it sure is\",\n\tsequence = {\"wow\", 8675309},\n"
            "\tmap = {\n\t\tkey = \"value\",\n\t\tkey2 = \"value 2\",\n\t\tkey3 = \"value 3\",\n\t},\n"
            "\t[\"nested-map\"] = {{\n\t\tkey = \"value\",\n\t}, {\n\t\tkey2 = \"value 2\",\n\t}, {\n"
            "\t\tkey3 = \"value 3\",\n\t}},\n\twhatever_this_is = {\"i imagine\", \"it's\", \"a\", \"sequence?\"},\n"
            "\tnull1 = nil,\n\tnull2 = nil,\n}");
}

TEST(YamlData, OnlyLowercaseTrueFalseAndNullAreSpecial) {
  EXPECT_EQ(yaml("[yes, no, on, off, True, FALSE, Null, NULL, null, ~, '', \"null\"]"),
            "return {\"yes\", \"no\", \"on\", \"off\", \"True\", \"FALSE\", \"Null\", \"NULL\", nil, nil, \"\", "
            "\"null\"}");
  EXPECT_EQ(yaml("a:\nb: Null\nNULL: c\n"), "return {\n\ta = nil,\n\tb = \"Null\",\n\tNULL = \"c\",\n}");
  EXPECT_EQ(yaml("a:\nNull: 1\n"), "return {\n\ta = nil,\n\tNull = 1,\n}");
}

TEST(YamlData, NumbersFollowYamlRust2) {
  EXPECT_EQ(yaml("[0x1F, 0o17, +5, 007, -0, 0x-1F, 1_000, 0b101, -0x1F, 0x]"),
            "return {31, 15, 5, 7, 0, -31, \"1_000\", \"0b101\", \"-0x1F\", \"0x\"}");
  EXPECT_EQ(yaml("[1e3, .5, 5., -0.0, 1e400, .inf, -.Inf, +.INF, .NaN, inf, nan, .Nan, 12:30, 1.2.3]"),
            "return {1000, 0.5, 5, -0, math.huge, math.huge, -math.huge, math.huge, 0/0, \"inf\", \"nan\", \".Nan\", "
            "\"12:30\", \"1.2.3\"}");
}

TEST(YamlData, IntegersAbove2To53AreRefusedAsInRojo) {
  // Rojo's integer_border test: 2^53 converts, 2^53 + 1 does not.
  EXPECT_EQ(yaml("value: 9007199254740992\n"), "return {\n\tvalue = 9007199254740992,\n}");
  EXPECT_EQ(yaml_error("value: 9007199254740993\n"),
            "1:8 ROJO0203 the integer '9007199254740993' cannot be losslessly converted into a Luau number");
  // Only the upper bound is checked, and a number past i64 is read as a float instead.
  EXPECT_EQ(yaml("[-9007199254740993, 99999999999999999999]"), "return {-9007199254740992, 100000000000000000000}");
}

TEST(YamlData, MappingKeysKeepTheirTypes) {
  EXPECT_EQ(yaml("1: one\n2.5: half\ntrue: yes\n? [a, b]\n: list\nend: keyword\n"),
            "return {\n\t[1] = \"one\",\n\t[2.5] = \"half\",\n\t[true] = \"yes\",\n\t[{\"a\", \"b\"}] = \"list\",\n"
            "\t[\"end\"] = \"keyword\",\n}");
}

TEST(YamlData, NullKeysAndDuplicateKeysAreErrors) {
  EXPECT_EQ(yaml_error("a: 1\n~: 2\n"),
            "2:1 ROJO0203 a mapping key is null, which cannot be a Lua table key (Rojo stops on it)");
  EXPECT_EQ(yaml_error("a: 1\nb: 2\na: 3\n"), "3:1 ROJO0203 duplicated key in mapping");
  // 1 and 1.0 are different keys for yaml-rust2, 0x1 and 1 the same.
  EXPECT_EQ(yaml("1: a\n1.0: b\n"), "return {\n\t[1] = \"a\",\n\t[1] = \"b\",\n}");
  EXPECT_EQ(yaml_error("1: a\n0x1: b\n"), "2:1 ROJO0203 duplicated key in mapping");
}

TEST(YamlData, TagsOnPlainScalarsAreHonoured) {
  EXPECT_EQ(yaml("- !!str 123\n- !!int \"5\"\n- !!float 1\n- !!bool true\n- !!null null\n- !custom 7\n- ! 8\n"
                 "- !!str\n- !!int '7'\n- block: !!int |\n    12\n"),
            "return {\"123\", \"5\", 1, true, nil, \"7\", \"8\", \"\", \"7\", {\n\tblock = \"12\\n\",\n}}");
  EXPECT_EQ(yaml_error("a: !!int 0x1F\n"),
            "1:4 ROJO0203 '0x1F' is not a valid !!int (Rojo cannot convert YAML to Luau because of a parsing error)");
  EXPECT_EQ(yaml_error("a: !!bool True\n"),
            "1:4 ROJO0203 'True' is not a valid !!bool (Rojo cannot convert YAML to Luau because of a parsing error)");
}

TEST(YamlData, AliasesAreExpandedCopies) {
  EXPECT_EQ(yaml("base: &b {x: 1, y: [2]}\ncopy: *b\nname: &n hi\nagain: *n\n"),
            "return {\n\tbase = {\n\t\tx = 1,\n\t\ty = {2},\n\t},\n\tcopy = {\n\t\tx = 1,\n\t\ty = {2},\n\t},\n"
            "\tname = \"hi\",\n\tagain = \"hi\",\n}");
  // No merge keys in yaml-rust2: "<<" is an ordinary string key.
  EXPECT_EQ(yaml("a: &a {x: 1}\nb:\n  <<: *a\n"), "return {\n\ta = {\n\t\tx = 1,\n\t},\n\tb = {\n\t\t[\"<<\"] = {\n"
                                                   "\t\t\tx = 1,\n\t\t},\n\t},\n}");
}

TEST(YamlData, BillionLaughsIsRefused) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (char name = 'b'; name <= 'j'; ++name) {
    text += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + previous;
    text += "]\n";
    previous = std::string(1, name);
  }
  EXPECT_NE(yaml_error(text).find("aliases expand to more than 1000000 values"), std::string::npos);
}

TEST(YamlData, ExactlyOneDocument) {
  EXPECT_EQ(yaml("---\n"), "return nil");
  EXPECT_EQ(yaml("--- 5\n...\n"), "return 5");
  EXPECT_EQ(yaml_error(""), "0:0 ROJO0203 file contains no YAML document (Rojo needs exactly one)");
  EXPECT_EQ(yaml_error("# only a comment\n"), "0:0 ROJO0203 file contains no YAML document (Rojo needs exactly one)");
  EXPECT_EQ(yaml_error("---\na: 1\n---\nb: 2\n"),
            "3:1 ROJO0203 Rojo does not support multiple documents in a YAML file");
}

TEST(YamlData, SyntaxErrorsAreLocated) {
  auto message = yaml_error("a: [1, 2\nb: 3\n");
  EXPECT_EQ(message.substr(0, 4), "2:2 ") << message;
  message = yaml_error("a: *missing\n");
  EXPECT_NE(message.find("ROJO0203"), std::string::npos) << message;
}

TEST(YamlData, InvalidUtf8AndDeepNestingAreRefused) {
  EXPECT_EQ(yaml_error("a: \xC0\xAF\n"), "1:4 ROJO0203 file is not valid UTF-8 (Rojo reads data files as UTF-8 text)");
  auto message = yaml_error(std::string(100000, '['));
  EXPECT_NE(message.find("nesting deeper"), std::string::npos) << message;
}

TEST(YamlData, QuestionMarksInsideFlowScalarsAreText) {
  // yaml-rust2 keeps these as text (Rojo's own test has "sequence?"); yaml-cpp alone would stop at the '?'.
  EXPECT_EQ(yaml("[What is 2+2?, Why?, '?', a?b: c, {k?: v?}]"),
            "return {\"What is 2+2?\", \"Why?\", \"?\", {\n\t[\"a?b\"] = \"c\",\n}, {\n\t[\"k?\"] = \"v?\",\n}}");
  EXPECT_EQ(yaml("? explicit\n: key\n"), "return {\n\texplicit = \"key\",\n}");
}

TEST(YamlData, ByteOrderMarkAndCrlfAreAccepted) {
  EXPECT_EQ(yaml("\xEF\xBB\xBFk: Null\r\nj: v\r\n"), "return {\n\tk = \"Null\",\n\tj = \"v\",\n}");
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

TEST(LocalizationCsv, MatchesRojoCsvSnapshot) {
  // src/snapshot_middleware/csv.rs csv_from_vfs and its snapshot: the member is "example", not "examples".
  EXPECT_EQ(csv("\nKey,Source,Context,Example,es\nAck,Ack!,,An exclamation of despair,¡Ay!"),
            "[{\"key\":\"Ack\",\"example\":\"An exclamation of despair\",\"source\":\"Ack!\",\"values\":"
            "{\"es\":\"¡Ay!\"}}]");
  // rojo-test/build-tests/csv_bug_145.
  EXPECT_EQ(csv("Key,Source,Context,Example,es\nCount,3,,A number demonstrating issue 145,7"),
            "[{\"key\":\"Count\",\"example\":\"A number demonstrating issue 145\",\"source\":\"3\",\"values\":"
            "{\"es\":\"7\"}}]");
}

TEST(LocalizationCsv, MembersInFixedOrderAndLocalesSorted) {
  EXPECT_EQ(csv("fr,Source,Example,Key,Context,de,\nbonjour,hello,greeting,Hi,menu,hallo,ignored\n"),
            "[{\"key\":\"Hi\",\"context\":\"menu\",\"example\":\"greeting\",\"source\":\"hello\",\"values\":{\"de\":"
            "\"hallo\",\"fr\":\"bonjour\"}}]");
  EXPECT_EQ(csv("Key,Source\nK,\n,S\n"), "[{\"key\":\"K\",\"values\":{}},{\"source\":\"S\",\"values\":{}}]");
}

TEST(LocalizationCsv, RowsWithoutKeyOrSourceAreDroppedAndBlankLinesSkipped) {
  EXPECT_EQ(csv("Key,Source,es\n\n,,hola\n\r\n,,\nA,,uno\n\n"), "[{\"key\":\"A\",\"values\":{\"es\":\"uno\"}}]");
  EXPECT_EQ(csv(""), "[]");
  EXPECT_EQ(csv("Key,Source\n"), "[]");
}

TEST(LocalizationCsv, QuotedFieldsFollowTheCsvCrate) {
  EXPECT_EQ(csv("Key,Source\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\"y\n\"ab\"cd,z\n"),
            "[{\"key\":\"a,b\",\"source\":\"say \\\"hi\\\"\",\"values\":{}},{\"key\":\"multi\\nline\",\"source\":"
            "\"x\\\"y\",\"values\":{}},{\"key\":\"abcd\",\"source\":\"z\",\"values\":{}}]");
  // An unterminated quote is not an error: the field runs to the end of the file.
  EXPECT_EQ(csv("Key,Source\nk,\"open\nstill open"),
            "[{\"key\":\"k\",\"source\":\"open\\nstill open\",\"values\":{}}]");
}

TEST(LocalizationCsv, CrLfCrAndByteOrderMarkAreHandled) {
  EXPECT_EQ(csv("\xEF\xBB\xBFKey,Source\r\na,b\rc,d\r\n"),
            "[{\"key\":\"a\",\"source\":\"b\",\"values\":{}},{\"key\":\"c\",\"source\":\"d\",\"values\":{}}]");
}

TEST(LocalizationCsv, RepeatedColumnsOverwriteEarlierOnes) {
  EXPECT_EQ(csv("Key,es,Key,es\na,uno,b,\n"), "[{\"key\":\"b\",\"values\":{\"es\":\"uno\"}}]");
}

TEST(LocalizationCsv, JsonEscapesMatchSerdeJson) {
  EXPECT_EQ(csv("Key,Source\nk,\"tab\there\\back/slash\x01\x1f\x7f\b\f\"\n"),
            "[{\"key\":\"k\",\"source\":\"tab\\there\\\\back/slash\\u0001\\u001f\x7f\\b\\f\",\"values\":{}}]");
}

TEST(LocalizationCsv, RecordsMustHaveAsManyFieldsAsTheHeader) {
  EXPECT_EQ(csv_error("Key,Source,es\na,b,c\n\nd,e\n"),
            "4:1 ROJO0204 record has 2 fields but the header row has 3 (Rojo needs every row to match)");
  EXPECT_EQ(csv_error("Key,Source\na,b\n  \n"),
            "3:1 ROJO0204 record has 1 fields but the header row has 2 (Rojo needs every row to match)");
}

TEST(LocalizationCsv, InvalidUtf8IsRefused) {
  EXPECT_EQ(csv_error("Key,Source\na,\xED\xA0\x80\n"),
            "2:3 ROJO0204 file is not valid UTF-8 (Rojo reads data files as UTF-8 text)");
}

}  // namespace
}  // namespace rbxpipe::rojo
