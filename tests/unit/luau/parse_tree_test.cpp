// The shape of the tree: declarations, calls, constants, locations, precedence and name resolution.
#include <gtest/gtest.h>

#include "tests/unit/luau/parse_fixture.h"

namespace rbxpipe::luau::test {
namespace {

const AstStat& only_stat(const ParseResult& result) {
  EXPECT_EQ(result.chunk.stats.size, 1u);
  return result.ast.stat(result.ast.list(result.chunk.stats)[0]);
}

// The first value of the first (local) statement.
const AstExpr& first_value(const ParseResult& result) {
  const AstStat& stat = only_stat(result);
  return result.ast.expr(result.ast.list(stat.list2)[0]);
}

TEST(ParseTree, LocalDeclarationKeepsNamesValuesAndLocations) {
  auto result = parse("\n  local a, b: number = 1, 'two'");
  ASSERT_EQ(result.diagnostics.size(), 0u);
  const AstStat& stat = only_stat(result);
  EXPECT_EQ(stat.kind, StatKind::local);
  EXPECT_EQ(stat.location.line, 2);
  EXPECT_EQ(stat.location.column, 3);
  ASSERT_EQ(stat.list.size, 2u);
  const AstLocal& b = result.ast.locals[result.ast.list(stat.list)[1]];
  EXPECT_EQ(result.ast.str(b.name), "b");
  EXPECT_EQ(b.location.column, 12);
  ASSERT_NE(b.annotation, k_none);
  EXPECT_EQ(result.ast.str(result.ast.types[b.annotation].text), "number");
  ASSERT_EQ(stat.list2.size, 2u);
  const AstExpr& two = result.ast.expr(result.ast.list(stat.list2)[1]);
  EXPECT_EQ(two.kind, ExprKind::string);
  EXPECT_EQ(result.ast.str(two.text), "two");
  EXPECT_EQ(two.location.line, 2);
  EXPECT_EQ(two.location.column, 27);
  EXPECT_EQ(two.location.end - two.location.begin, 5u);
}

TEST(ParseTree, NamesResolveToTheirLocalOrToAGlobal) {
  auto result = parse("local x = 1\ndo local x = 2 print(x) end\nprint(x, y)");
  ASSERT_EQ(result.diagnostics.size(), 0u);
  auto stats = result.ast.list(result.chunk.stats);
  const AstStat& block = result.ast.stat(stats[1]);
  const AstStat& inner_print = result.ast.stat(result.ast.list(result.ast.blocks[block.a].stats)[1]);
  const AstExpr& inner_arg = result.ast.expr(result.ast.list(result.ast.expr(inner_print.a).list)[0]);
  ASSERT_EQ(inner_arg.kind, ExprKind::local);
  EXPECT_EQ(result.ast.locals[inner_arg.a].location.line, 2);
  EXPECT_EQ(result.ast.locals[inner_arg.a].shadows, 0u);
  const AstExpr& outer_call = result.ast.expr(result.ast.stat(stats[2]).a);
  EXPECT_EQ(result.ast.expr(outer_call.a).kind, ExprKind::global);
  auto args = result.ast.list(outer_call.list);
  ASSERT_EQ(result.ast.expr(args[0]).kind, ExprKind::local);
  EXPECT_EQ(result.ast.expr(args[0]).a, 0u);
  EXPECT_EQ(result.ast.expr(args[1]).kind, ExprKind::global);
  EXPECT_EQ(result.ast.str(result.ast.expr(args[1]).text), "y");
}

TEST(ParseTree, LocalIsNotVisibleInItsOwnInitializer) {
  auto result = parse("local x = x");
  EXPECT_EQ(first_value(result).kind, ExprKind::global);
}

TEST(ParseTree, LocalFunctionSeesItself) {
  auto result = parse("local function f() return f end");
  const AstStat& stat = only_stat(result);
  const AstBlock& body = result.ast.blocks[result.ast.functions[stat.b].body];
  const AstStat& ret = result.ast.stat(result.ast.list(body.stats)[0]);
  const AstExpr& value = result.ast.expr(result.ast.list(ret.list)[0]);
  ASSERT_EQ(value.kind, ExprKind::local);
  EXPECT_EQ(value.a, stat.a);
}

TEST(ParseTree, RepeatConditionSeesBodyLocals) {
  auto result = parse("repeat local done = true until done");
  const AstStat& stat = only_stat(result);
  EXPECT_EQ(result.ast.expr(stat.b).kind, ExprKind::local);
}

TEST(ParseTree, CallsKeepCalleeShapes) {
  auto result = parse("a.b(1) c:d('x') e['f'](g)");
  ASSERT_EQ(result.diagnostics.size(), 0u);
  auto stats = result.ast.list(result.chunk.stats);
  const AstExpr& first = result.ast.expr(result.ast.stat(stats[0]).a);
  ASSERT_EQ(first.kind, ExprKind::call);
  const AstExpr& field = result.ast.expr(first.a);
  EXPECT_EQ(field.kind, ExprKind::index_name);
  EXPECT_EQ(result.ast.str(field.text), "b");
  EXPECT_EQ(result.ast.str(result.ast.expr(field.a).text), "a");
  const AstExpr& method = result.ast.expr(result.ast.stat(stats[1]).a);
  EXPECT_EQ(method.flags & k_call_method, k_call_method);
  EXPECT_EQ(result.ast.str(method.text), "d");
  EXPECT_EQ(result.ast.str(result.ast.expr(method.a).text), "c");
  EXPECT_EQ(result.ast.str(result.ast.expr(result.ast.list(method.list)[0]).text), "x");
  const AstExpr& indexed = result.ast.expr(result.ast.expr(result.ast.stat(stats[2]).a).a);
  EXPECT_EQ(indexed.kind, ExprKind::index_expr);
  EXPECT_EQ(result.ast.str(result.ast.expr(indexed.b).text), "f");
  EXPECT_EQ(indexed.location.column, 17);
}

TEST(ParseTree, StringsAreDecoded) {
  auto escapes = parse("local s = '\\65\\x42\\u{43}\\n\\z   d'");
  EXPECT_EQ(escapes.ast.str(first_value(escapes).text), "ABC\nd");
  auto long_string = parse("local s = [[\nraw \\n]]");
  EXPECT_EQ(long_string.ast.str(first_value(long_string).text), "raw \\n");
  EXPECT_EQ(first_value(long_string).flags, 1);
  auto bytes = parse("local s = '\xff\xfe'");
  EXPECT_EQ(bytes.ast.str(first_value(bytes).text), "\xff\xfe");
}

TEST(ParseTree, InterpolatedStringAlternatesPiecesAndExpressions) {
  auto result = parse("local s = `a{x}b{y}c\\{`");
  const AstExpr& interp = first_value(result);
  ASSERT_EQ(interp.kind, ExprKind::interp_string);
  auto parts = result.ast.list(interp.list);
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(result.ast.str(result.ast.expr(parts[0]).text), "a");
  EXPECT_EQ(result.ast.str(result.ast.expr(parts[1]).text), "x");
  EXPECT_EQ(result.ast.str(result.ast.expr(parts[2]).text), "b");
  EXPECT_EQ(result.ast.str(result.ast.expr(parts[4]).text), "c{");
}

TEST(ParseTree, NumbersHaveTheirValues) {
  auto value = [](const char* source) {
    auto result = parse(source);
    return result.ast.numbers[first_value(result).a];
  };
  EXPECT_EQ(value("local x = 0x10"), 16);
  EXPECT_EQ(value("local x = 1_000"), 1000);
  EXPECT_EQ(value("local x = 0b101"), 5);
  EXPECT_EQ(value("local x = .5"), 0.5);
  EXPECT_EQ(value("local x = 1e3"), 1000);
  auto integer = parse("local x = 0xFFi");
  ASSERT_EQ(first_value(integer).kind, ExprKind::integer);
  EXPECT_EQ(integer.ast.integers[first_value(integer).a], 255);
}

TEST(ParseTree, BinaryPrecedenceAndAssociativity) {
  auto sum = parse("local x = 1 + 2 * 3");
  const AstExpr& add = first_value(sum);
  ASSERT_EQ(add.kind, ExprKind::binary);
  EXPECT_EQ(add.op, static_cast<std::uint8_t>(BinaryOp::add));
  EXPECT_EQ(sum.ast.expr(add.b).op, static_cast<std::uint8_t>(BinaryOp::mul));

  auto power = parse("local x = -y ^ 2");
  const AstExpr& negate = first_value(power);
  ASSERT_EQ(negate.kind, ExprKind::unary);
  EXPECT_EQ(power.ast.expr(negate.a).op, static_cast<std::uint8_t>(BinaryOp::pow));

  auto concat = parse("local x = a .. b .. c");
  const AstExpr& outer = first_value(concat);
  EXPECT_EQ(concat.ast.expr(outer.a).kind, ExprKind::global);
  EXPECT_EQ(concat.ast.expr(outer.b).kind, ExprKind::binary);

  auto minus = parse("local x = a - b - c");
  EXPECT_EQ(minus.ast.expr(first_value(minus).a).kind, ExprKind::binary);

  auto logic = parse("local x = a or b and c");
  EXPECT_EQ(first_value(logic).op, static_cast<std::uint8_t>(BinaryOp::logical_or));

  auto cast = parse("local x = a + b :: number");
  EXPECT_EQ(cast.ast.expr(first_value(cast).b).kind, ExprKind::type_cast);
  EXPECT_EQ(first_value(cast).location.end, 25u);
}

TEST(ParseTree, IfStatementKeepsEveryBranchFlat) {
  auto result = parse("if a then elseif b then elseif local c = d then else end");
  const AstStat& stat = only_stat(result);
  ASSERT_EQ(stat.kind, StatKind::if_then);
  ASSERT_EQ(stat.list.size, 9u);
  auto parts = result.ast.list(stat.list);
  EXPECT_EQ(parts[2], k_none);
  EXPECT_NE(parts[8], k_none);
  EXPECT_EQ(result.ast.str(result.ast.locals[parts[8]].name), "c");
  EXPECT_NE(stat.c, k_none);
}

TEST(ParseTree, FunctionsKeepParametersSelfAndVarargs) {
  auto result = parse("function t.a:m(x, y: number, ...: string) end");
  const AstStat& stat = only_stat(result);
  ASSERT_EQ(stat.kind, StatKind::function);
  const AstFunction& function = result.ast.functions[stat.b];
  EXPECT_EQ(function.params.size, 2u);
  ASSERT_NE(function.self, k_none);
  EXPECT_EQ(result.ast.str(result.ast.locals[function.self].name), "self");
  EXPECT_TRUE(function.vararg);
  EXPECT_NE(function.vararg_type, k_none);
  const AstExpr& name = result.ast.expr(stat.a);
  EXPECT_EQ(result.ast.str(name.text), "m");
}

TEST(ParseTree, TableFieldsKeepTheirKinds) {
  auto result = parse("local t = {1, a = 2, [3] = 4}");
  auto fields = result.ast.list(first_value(result).list);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(result.ast.fields[fields[0]].kind, TableFieldKind::item);
  EXPECT_EQ(result.ast.fields[fields[1]].kind, TableFieldKind::record);
  EXPECT_EQ(result.ast.str(result.ast.expr(result.ast.fields[fields[1]].key).text), "a");
  EXPECT_EQ(result.ast.fields[fields[2]].kind, TableFieldKind::general);
}

TEST(ParseTree, TypeAliasesAndExports) {
  auto result = parse("export type A<T> = T | string | nil");
  const AstStat& stat = only_stat(result);
  ASSERT_EQ(stat.kind, StatKind::type_alias);
  EXPECT_EQ(stat.flags & k_stat_export, k_stat_export);
  EXPECT_EQ(result.ast.str(stat.text), "A");
  EXPECT_EQ(stat.list.size, 1u);
  const AstType& type = result.ast.types[stat.a];
  EXPECT_EQ(type.kind, TypeKind::union_of);
  EXPECT_EQ(type.list.size, 3u);
  auto exported = parse("export function f() end");
  EXPECT_EQ(only_stat(exported).flags, k_stat_export | k_stat_const);
}

TEST(ParseTree, HotCommentsAreRecorded) {
  auto result = parse("--!strict\n--!optimize 2  \nlocal x = 1 --!native\n");
  ASSERT_EQ(result.hot_comments.size(), 3u);
  EXPECT_EQ(result.hot_comments[0].text, "strict");
  EXPECT_TRUE(result.hot_comments[0].header);
  EXPECT_EQ(result.hot_comments[1].text, "optimize 2");
  EXPECT_EQ(result.hot_comments[2].location.line, 3);
  EXPECT_FALSE(result.hot_comments[2].header);
}

TEST(ParseTree, BrokenCodeStillGivesACompleteTree) {
  auto result = parse("local x = \nlocal y = f(1, \nprint(y)");
  EXPECT_FALSE(result.diagnostics.empty());
  EXPECT_GE(result.chunk.stats.size, 2u);
  for (NodeId id : result.ast.list(result.chunk.stats)) EXPECT_LT(id, result.ast.stats.size());
}

TEST(ParseTree, DiagnosticsCarryFileAndSourceLine) {
  auto result = parse("local a = 1\nlocal b = 1 != 2");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const auto& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.file, "test.luau");
  EXPECT_EQ(diagnostic.severity, base::Severity::error);
  EXPECT_EQ(diagnostic.source_line, "local b = 1 != 2");
  EXPECT_EQ(diagnostic.length, 2);
  EXPECT_EQ(base::render_text(diagnostic, {false, false}),
            "test.luau:2:13: error[LUAU0006]: Unexpected '!='; did you mean '~='?\n");
}

}  // namespace
}  // namespace rbxpipe::luau::test
