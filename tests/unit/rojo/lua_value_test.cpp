#include "rojo/lua_value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace rbxpipe::rojo {
namespace {

LuaValue str(std::string text) { return LuaValue{std::move(text)}; }
LuaValue num(double value) { return LuaValue{value}; }

TEST(LuaNumber, IntegersPrintWithoutFraction) {
  EXPECT_EQ(lua_number(1), "1");
  EXPECT_EQ(lua_number(1234), "1234");
  EXPECT_EQ(lua_number(-42), "-42");
  EXPECT_EQ(lua_number(0), "0");
}

TEST(LuaNumber, NegativeZeroKeepsItsSign) { EXPECT_EQ(lua_number(-0.0), "-0"); }

TEST(LuaNumber, FractionsUseShortestRoundTripDigits) {
  EXPECT_EQ(lua_number(0.1), "0.1");
  EXPECT_EQ(lua_number(1234.5452), "1234.5452");
  EXPECT_EQ(lua_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(lua_number(123456789.5), "123456789.5");
  EXPECT_EQ(lua_number(-2.5), "-2.5");
}

TEST(LuaNumber, NeverUsesAnExponent) {
  EXPECT_EQ(lua_number(1e21), "1000000000000000000000");
  EXPECT_EQ(lua_number(1e-7), "0.0000001");
  EXPECT_EQ(lua_number(1.5e-10), "0.00000000015");
  EXPECT_EQ(lua_number(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(lua_number(1e300), "1" + std::string(300, '0'));
  EXPECT_EQ(lua_number(5e-324), "0." + std::string(323, '0') + "5");
}

TEST(LuaNumber, NanAndInfinitiesBecomeLuaExpressions) {
  EXPECT_EQ(lua_number(std::numeric_limits<double>::quiet_NaN()), "0/0");
  EXPECT_EQ(lua_number(-std::numeric_limits<double>::quiet_NaN()), "0/0");
  EXPECT_EQ(lua_number(std::numeric_limits<double>::infinity()), "math.huge");
  EXPECT_EQ(lua_number(-std::numeric_limits<double>::infinity()), "-math.huge");
}

TEST(LuaModuleSource, ScalarsFollowReturnWithNoTrailingNewline) {
  EXPECT_EQ(lua_module_source(LuaValue{}), "return nil");
  EXPECT_EQ(lua_module_source(LuaValue{true}), "return true");
  EXPECT_EQ(lua_module_source(LuaValue{false}), "return false");
  EXPECT_EQ(lua_module_source(num(3)), "return 3");
  EXPECT_EQ(lua_module_source(str("hi")), "return \"hi\"");
}

TEST(LuaModuleSource, StringsEscapeOnlyQuoteBackslashCrLfAndTab) {
  // Rojo's regression test for issue 314: "\r\n\t\ all escaped.
  EXPECT_EQ(lua_expression(str("\"\r\n\t\\")), "\"\\\"\\r\\n\\t\\\\\"");
  // Other control bytes, NUL and non-ASCII are copied raw.
  EXPECT_EQ(lua_expression(str(std::string("a\0b\x01\x7f", 5))), std::string("\"a\0b\x01\x7f\"", 7));
  EXPECT_EQ(lua_expression(str("¡Ay! /'")), "\"¡Ay! /'\"");
}

TEST(LuaModuleSource, ArraysPrintInline) {
  LuaValue array{LuaArray{num(1), num(2), num(3)}};
  EXPECT_EQ(lua_module_source(array), "return {1, 2, 3}");
  EXPECT_EQ(lua_module_source(LuaValue{LuaArray{}}), "return {}");
  LuaValue nested{LuaArray{LuaValue{LuaArray{num(1)}}, LuaValue{LuaArray{}}, str("x")}};
  EXPECT_EQ(lua_module_source(nested), "return {{1}, {}, \"x\"}");
}

TEST(LuaModuleSource, TablesPrintOneEntryPerLineWithTabs) {
  LuaValue table{LuaTable{{"b", num(2)}, {"a", LuaValue{LuaTable{{"c", str("d")}}}}}};
  EXPECT_EQ(lua_module_source(table), "return {\n\ta = {\n\t\tc = \"d\",\n\t},\n\tb = 2,\n}");
}

TEST(LuaModuleSource, EmptyTableBreaksTheLineAndIndentsItsBrace) {
  EXPECT_EQ(lua_module_source(LuaValue{LuaTable{}}), "return {\n}");
  LuaValue nested{LuaTable{{"empty", LuaValue{LuaTable{}}}}};
  EXPECT_EQ(lua_module_source(nested), "return {\n\tempty = {\n\t},\n}");
}

TEST(LuaModuleSource, TableKeysSortByBytesWhateverTheInputOrder) {
  LuaValue table{LuaTable{{"b", num(1)}, {"_", num(2)}, {"B", num(3)}, {"a", num(4)}, {"é", num(5)}, {"1", num(6)}}};
  EXPECT_EQ(lua_module_source(table),
            "return {\n\t[\"1\"] = 6,\n\tB = 3,\n\t_ = 2,\n\ta = 4,\n\tb = 1,\n\t[\"é\"] = 5,\n}");
}

TEST(LuaModuleSource, KeywordsLeadingDigitsAndSymbolsGoInBrackets) {
  LuaValue table{LuaTable{{"end", num(1)},
                          {"goto", num(2)},
                          {"continue", num(3)},
                          {"1invalidident", num(4)},
                          {"with-hyphen", num(5)},
                          {"", num(6)},
                          {"_ok9", num(7)},
                          {"say \"hi\"", num(8)}}};
  EXPECT_EQ(lua_module_source(table),
            "return {\n"
            "\t[\"\"] = 6,\n"
            "\t[\"1invalidident\"] = 4,\n"
            "\t_ok9 = 7,\n"
            "\tcontinue = 3,\n"
            "\t[\"end\"] = 1,\n"
            "\tgoto = 2,\n"
            "\t[\"say \\\"hi\\\"\"] = 8,\n"
            "\t[\"with-hyphen\"] = 5,\n"
            "}");
}

TEST(LuaModuleSource, TablesInsideArraysBreakLinesButArraysDoNotIndent) {
  LuaValue value{LuaTable{{"list", LuaValue{LuaArray{LuaValue{LuaTable{{"key", str("value")}}},
                                                     LuaValue{LuaTable{{"key2", str("value 2")}}}}}}}};
  EXPECT_EQ(lua_module_source(value),
            "return {\n\tlist = {{\n\t\tkey = \"value\",\n\t}, {\n\t\tkey2 = \"value 2\",\n\t}},\n}");
  LuaValue top{LuaArray{LuaValue{LuaTable{{"a", num(1)}}}, num(2)}};
  EXPECT_EQ(lua_module_source(top), "return {{\n\ta = 1,\n}, 2}");
}

TEST(LuaModuleSource, KeyedTablesKeepOrderAndBracketNonStringKeys) {
  LuaKeyedTable entries;
  entries.emplace_back(str("zeta"), num(1));
  entries.emplace_back(num(2), str("two"));
  entries.emplace_back(LuaValue{true}, str("yes"));
  entries.emplace_back(num(1.5), LuaValue{});
  entries.emplace_back(str("not ident"), num(3));
  entries.emplace_back(LuaValue{LuaArray{num(1), num(2)}}, num(4));
  entries.emplace_back(LuaValue{LuaKeyedTable{{str("a"), num(1)}}}, num(5));
  EXPECT_EQ(lua_module_source(LuaValue{std::move(entries)}),
            "return {\n"
            "\tzeta = 1,\n"
            "\t[2] = \"two\",\n"
            "\t[true] = \"yes\",\n"
            "\t[1.5] = nil,\n"
            "\t[\"not ident\"] = 3,\n"
            "\t[{1, 2}] = 4,\n"
            "\t[{\n\t\ta = 1,\n\t}] = 5,\n"
            "}");
}

TEST(LuaExpression, IndentShiftsEntriesAndClosingBrace) {
  LuaValue table{LuaTable{{"a", num(1)}}};
  EXPECT_EQ(lua_expression(table, 2), "{\n\t\t\ta = 1,\n\t\t}");
  EXPECT_EQ(lua_expression(LuaValue{LuaArray{num(1)}}, 3), "{1}");
}

TEST(LuaModuleSource, MatchesRojoJsonAsLuaBuildTest) {
  // rojo-test/build-tests/json_as_lua, as the JSON reader hands it over (file order, not sorted).
  LuaValue value{LuaTable{{"array", LuaValue{LuaArray{num(1), num(2), num(3)}}},
                          {"object", LuaValue{LuaTable{{"hello", str("world")}}}},
                          {"true", LuaValue{true}},
                          {"false", LuaValue{false}},
                          {"null", LuaValue{}},
                          {"int", num(1234)},
                          {"float", num(1234.5452)},
                          {"1invalidident", str("nice")}}};
  EXPECT_EQ(lua_module_source(value),
            "return {\n"
            "\t[\"1invalidident\"] = \"nice\",\n"
            "\tarray = {1, 2, 3},\n"
            "\t[\"false\"] = false,\n"
            "\tfloat = 1234.5452,\n"
            "\tint = 1234,\n"
            "\tnull = nil,\n"
            "\tobject = {\n"
            "\t\thello = \"world\",\n"
            "\t},\n"
            "\t[\"true\"] = true,\n"
            "}");
}

}  // namespace
}  // namespace rbxpipe::rojo
