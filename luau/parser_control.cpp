// Statements that open blocks: if, while, repeat, do, for, and function declarations.
#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

// A condition of `if`/`elseif`, which may also be a binding `local x[: T] = e` or `const x = e` (visible in the
// branch it guards). The caller holds the scope mark; `local_out` gets the binding or k_none.
NodeId Parser::parse_condition(NodeId& local_out) {
  local_out = k_none;
  bool binding = at(TokenKind::kw_local) || (at_name("const") && lookahead().kind == TokenKind::name);
  if (!binding) return parse_expr();
  return parse_condition_binding(local_out);
}

NodeId Parser::parse_condition_binding(NodeId& local_out) {
  if (m_options.roblox_only) {
    error_parts(k_code_not_on_roblox, m_token,
                {"'if ", token_source(m_token), "' bindings are not available on Roblox yet"});
  }
  bool is_const = !at(TokenKind::kw_local);
  advance();
  Token name = m_token;
  if (!expect(TokenKind::name, "if binding")) return add_expr(ExprKind::error, location_of(m_token));
  NodeId annotation = accept(TokenKind::colon) ? parse_type() : k_none;
  expect(TokenKind::assign, "if binding");
  NodeId condition = parse_expr();
  local_out = declare_local(name, annotation, is_const);
  return condition;
}

NodeId Parser::parse_if() {
  Token start = m_token;
  advance();
  // `elseif` chains are read in a loop, not by recursion, so a long chain does not count as nesting.
  std::size_t base = m_scratch.size();
  do {
    std::size_t mark = scope_mark();
    NodeId local = k_none;
    NodeId condition = parse_condition(local);
    expect(TokenKind::kw_then, "if statement");
    NodeId body = parse_block();
    restore_scope(mark);
    m_scratch.push_back(condition);
    m_scratch.push_back(body);
    m_scratch.push_back(local);
  } while (accept(TokenKind::kw_elseif));
  NodeId else_block = k_none;
  if (accept(TokenKind::kw_else)) else_block = parse_block();
  expect_closing(TokenKind::kw_end, start);
  NodeId stat = add_stat(StatKind::if_then, span_from(start));
  m_ast.stats[stat].list = finish_list(base);
  m_ast.stats[stat].c = else_block;
  return stat;
}

NodeId Parser::parse_loop_body() {
  ++m_functions.back().loop_depth;
  NodeId body = parse_block();
  --m_functions.back().loop_depth;
  return body;
}

NodeId Parser::parse_while() {
  Token start = m_token;
  advance();
  NodeId condition = parse_expr();
  expect(TokenKind::kw_do, "while loop");
  NodeId body = parse_loop_body();
  expect_closing(TokenKind::kw_end, start);
  NodeId stat = add_stat(StatKind::while_loop, span_from(start));
  m_ast.stats[stat].a = condition;
  m_ast.stats[stat].b = body;
  return stat;
}

NodeId Parser::parse_repeat() {
  Token start = m_token;
  advance();
  // The condition sees the body's locals, so the body's scope stays open until after it.
  std::size_t mark = scope_mark();
  ++m_functions.back().loop_depth;
  NodeId body = parse_block(false);
  --m_functions.back().loop_depth;
  expect_closing(TokenKind::kw_until, start);
  NodeId condition = parse_expr();
  restore_scope(mark);
  NodeId stat = add_stat(StatKind::repeat_loop, span_from(start));
  m_ast.stats[stat].a = body;
  m_ast.stats[stat].b = condition;
  return stat;
}

NodeId Parser::parse_do() {
  Token start = m_token;
  advance();
  NodeId body = parse_block();
  expect_closing(TokenKind::kw_end, start);
  NodeId stat = add_stat(StatKind::do_block, span_from(start));
  m_ast.stats[stat].a = body;
  return stat;
}

NodeId Parser::parse_for() {
  Token start = m_token;
  advance();
  std::size_t bindings_base = parse_bindings("for loop");
  bool numeric = m_bindings.size() == bindings_base + 1 && at(TokenKind::assign);
  std::size_t base = m_scratch.size();
  if (numeric) {
    parse_numeric_range();
  } else {
    expect(TokenKind::kw_in, "for loop");
    parse_expr_list();
  }
  AstList values = finish_list(base);
  expect(TokenKind::kw_do, "for loop");
  std::size_t mark = scope_mark();
  AstList variables = declare_bindings(bindings_base);
  NodeId body = parse_loop_body();
  restore_scope(mark);
  expect_closing(TokenKind::kw_end, start);
  NodeId stat = add_stat(numeric ? StatKind::numeric_for : StatKind::generic_for, span_from(start));
  AstStat& node = m_ast.stats[stat];
  if (numeric) {
    node.a = variables.size > 0 ? m_ast.ids[variables.begin] : k_none;
    node.b = body;
    node.list = values;
  } else {
    node.list = variables;
    node.list2 = values;
    node.a = body;
  }
  return stat;
}

// `= from, to [, step]` onto the scratch list.
void Parser::parse_numeric_range() {
  advance();
  m_scratch.push_back(parse_expr());
  expect(TokenKind::comma, "numeric for loop");
  m_scratch.push_back(parse_expr());
  if (accept(TokenKind::comma)) m_scratch.push_back(parse_expr());
}

// Declares the pending loop variables as locals.
AstList Parser::declare_bindings(std::size_t bindings_base) {
  std::size_t base = m_scratch.size();
  for (std::size_t i = bindings_base; i < m_bindings.size(); ++i) {
    m_scratch.push_back(declare_local(m_bindings[i].name, m_bindings[i].annotation, false));
  }
  m_bindings.resize(bindings_base);
  return finish_list(base);
}

// `function a.b.c:m() end`, with any attributes already read (`start` is the first token of the statement).
NodeId Parser::parse_function_statement(AstList attributes, std::uint8_t flags, const Token& start) {
  Token function_token = m_token;
  advance();
  bool method = false;
  NodeId target = parse_function_name(method);
  if (target == k_none) return add_stat(StatKind::error, span_from(start));
  NodeId function = parse_function_body(attributes.size > 0 ? start : function_token, method, attributes, false);
  NodeId stat = add_stat(StatKind::function, span_from(start));
  m_ast.stats[stat].a = target;
  m_ast.stats[stat].b = function;
  m_ast.stats[stat].flags = flags;
  return stat;
}

// `a.b.c:m` after `function`: a name expression, or k_none when there is no name.
NodeId Parser::parse_function_name(bool& method) {
  Token name = m_token;
  if (!at(TokenKind::name)) {
    error_expected("identifier", "function name");
    return k_none;
  }
  advance();
  NodeId target = name_expr(name);
  bool plain = true;
  while (at(TokenKind::dot) || at(TokenKind::colon)) {
    bool colon = at(TokenKind::colon);
    advance();
    Token field = m_token;
    if (!expect(TokenKind::name, "function name")) break;
    NodeId index = add_expr(ExprKind::index_name, span_from(name));
    m_ast.exprs[index].a = target;
    m_ast.exprs[index].text = name_entry(token_source(field)).text;
    target = index;
    plain = false;
    if (colon) {
      method = true;
      break;
    }
  }
  if (plain) check_assignable(target);
  return target;
}

}  // namespace rbxpipe::luau
