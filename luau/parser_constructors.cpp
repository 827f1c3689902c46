// Constructors: table constructors and if-then-else expressions.
#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

NodeId Parser::parse_table() {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return add_expr(ExprKind::error, location_of(open));
  advance();
  std::size_t base = m_scratch.size();
  while (!at(TokenKind::rbrace) && !at(TokenKind::eof)) {
    m_scratch.push_back(parse_table_field());
    if (!accept(TokenKind::comma) && !accept(TokenKind::semicolon)) break;
  }
  expect_closing(TokenKind::rbrace, open);
  NodeId table = add_expr(ExprKind::table, span_from(open));
  m_ast.exprs[table].list = finish_list(base);
  return table;
}

// `[key] = value`, `name = value` or `value`; returns the AstTableField id.
NodeId Parser::parse_table_field() {
  auto id = static_cast<NodeId>(m_ast.fields.size());
  m_ast.fields.emplace_back();
  if (at(TokenKind::lbracket)) {
    Token bracket = m_token;
    advance();
    NodeId key = parse_expr();
    expect_closing(TokenKind::rbracket, bracket);
    expect(TokenKind::assign, "table field");
    m_ast.fields[id].kind = TableFieldKind::general;
    m_ast.fields[id].key = key;
  } else if (at(TokenKind::name) && lookahead().kind == TokenKind::assign) {
    NodeId key = add_expr(ExprKind::string, location_of(m_token));
    m_ast.exprs[key].text = name_entry(token_source(m_token)).text;
    advance();
    advance();
    m_ast.fields[id].kind = TableFieldKind::record;
    m_ast.fields[id].key = key;
  }
  NodeId value = parse_expr();
  m_ast.fields[id].value = value;
  return id;
}

// `if c then a {elseif c then a} else b`: read flat, then folded into nested if_else nodes from the end.
NodeId Parser::parse_if_expr() {
  Token start = m_token;
  DepthGuard guard(*this, start);
  if (!guard.ok()) return add_expr(ExprKind::error, location_of(start));
  advance();
  std::size_t base = m_scratch.size();
  do {
    std::size_t mark = scope_mark();
    NodeId local = k_none;
    m_scratch.push_back(parse_condition(local));
    expect(TokenKind::kw_then, "if-then-else expression");
    m_scratch.push_back(parse_expr());
    m_scratch.push_back(local);
    restore_scope(mark);
  } while (accept(TokenKind::kw_elseif));
  NodeId result = k_none;
  if (accept(TokenKind::kw_else)) {
    result = parse_expr();
  } else {
    error_expected("'else'", "if-then-else expression (it has no 'end' and 'else' is required)");
    result = add_expr(ExprKind::error, location_of(m_token));
  }
  for (std::size_t i = m_scratch.size(); i > base; i -= 3) {
    NodeId condition = m_scratch[i - 3];
    NodeId local = m_scratch[i - 1];
    AstLocation location = i - 3 == base ? location_of(start) : m_ast.exprs[condition].location;
    NodeId node = add_expr(ExprKind::if_else, span_from(location));
    m_ast.exprs[node].a = condition;
    m_ast.exprs[node].b = m_scratch[i - 2];
    m_ast.exprs[node].c = result;
    if (local != k_none) {
      m_ast.exprs[node].list = {static_cast<std::uint32_t>(m_ast.ids.size()), 1};
      m_ast.ids.push_back(local);
    }
    result = node;
  }
  m_scratch.resize(base);
  return result;
}

}  // namespace rbxpipe::luau
