#include "assets/luau_text.h"

#include <gtest/gtest.h>

namespace rbxpipe::assets {
namespace {

TEST(LuauText, KeywordsAndNonIdentifiersAreQuotedKeys) {
  EXPECT_EQ(luau_key("lava"), "lava");
  EXPECT_EQ(luau_key("_x9"), "_x9");
  EXPECT_EQ(luau_key("end"), "[\"end\"]");
  EXPECT_EQ(luau_key("9lives"), "[\"9lives\"]");
  EXPECT_EQ(luau_key("q-magma"), "[\"q-magma\"]");
  EXPECT_EQ(luau_key("volcán"), "[\"volcán\"]");
  EXPECT_EQ(luau_key(""), "[\"\"]");
  EXPECT_EQ(luau_key("continue"), "continue");
}

TEST(LuauText, StringsEscapeQuotesBackslashesAndControlBytes) {
  EXPECT_EQ(luau_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(luau_string("line\nnext\ttab\r"), "\"line\\nnext\\ttab\\r\"");
  EXPECT_EQ(luau_string(std::string("\x01") + "2"), "\"\\0012\"");
  EXPECT_EQ(luau_string("Cómo"), "\"Cómo\"");
}

TEST(TypescriptText, KeysAndStrings) {
  EXPECT_EQ(typescript_key("end"), "end");
  EXPECT_EQ(typescript_key("$x"), "$x");
  EXPECT_EQ(typescript_key("ui/lava"), "\"ui/lava\"");
  EXPECT_EQ(typescript_string(std::string("a\x1f\"")), "\"a\\u001f\\\"\"");
}

TEST(RenderLuau, ScalarArraysPrintInlineAndTablesOnePerLine) {
  LuauExpr table = LuauExpr::table();
  table.set("ids", LuauExpr::table().add(LuauExpr::string("a")).add(LuauExpr::string("c")));
  table.set("empty", LuauExpr::table());
  table.set("rows", LuauExpr::table().add(LuauExpr::table().set("n", LuauExpr::raw("1"))));
  EXPECT_EQ(render_luau(table),
            "{\n"
            "\tids = {\"a\", \"c\"},\n"
            "\tempty = {},\n"
            "\trows = {\n"
            "\t\t{\n"
            "\t\t\tn = 1,\n"
            "\t\t},\n"
            "\t},\n"
            "}");
  EXPECT_EQ(render_luau(LuauExpr::raw("nil")), "nil");
}

}  // namespace
}  // namespace rbxpipe::assets
