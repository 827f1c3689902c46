// Literal expressions: strings (escapes decoded and checked), interpolated strings, numbers, and explicit type
// instantiation `f<<T>>`.
#include "luau/error_codes.h"
#include "luau/literals.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

NodeId Parser::decode_piece(const Token& token, AstLocation location) {
  std::string_view raw = m_text.substr(token.text_begin, token.text_end - token.text_begin);
  NodeId id = add_expr(ExprKind::string, location);
  if (token.kind == TokenKind::long_string) {
    m_ast.exprs[id].text = add_text(raw);
    m_ast.exprs[id].flags = 1;
    return id;
  }
  if (raw.find('\\') == std::string_view::npos) {
    m_ast.exprs[id].text = add_text(raw);
    return id;
  }
  m_decode_buffer.clear();
  m_escape_errors.clear();
  decode_string(raw, m_decode_buffer, m_escape_errors);
  for (const auto& bad : m_escape_errors) {
    std::string_view shown = raw.substr(bad.offset, bad.length);
    error_at(k_code_bad_escape, token.text_begin + bad.offset,
             "Malformed escape sequence '" + std::string(shown) +
                 "': use \\xHH (2 hex digits), \\u{HEX} (at most 10FFFF) or \\ddd (at most 255)",
             static_cast<int>(bad.length));
  }
  m_ast.exprs[id].text = add_text(m_decode_buffer);
  return id;
}

NodeId Parser::parse_string(const Token& token) { return decode_piece(token, location_of(token)); }

// `a{x}b{y}c` arrives as begin "a", x, mid "b", y, end "c"; the node's list alternates pieces and expressions.
NodeId Parser::parse_interpolated() {
  Token start = m_token;
  std::size_t base = m_scratch.size();
  if (at(TokenKind::interp_simple)) {
    m_scratch.push_back(parse_interp_piece());
  } else {
    DepthGuard guard(*this, start);
    if (!guard.ok()) return add_expr(ExprKind::error, location_of(start));
    m_scratch.push_back(parse_interp_piece());
    for (;;) {
      m_scratch.push_back(parse_interp_expr());
      if (at(TokenKind::eof)) break;
      bool last = at(TokenKind::interp_end);
      m_scratch.push_back(parse_interp_piece());
      if (last) break;
    }
  }
  NodeId id = add_expr(ExprKind::interp_string, span_from(start));
  m_ast.exprs[id].list = finish_list(base);
  return id;
}

// The text piece at the current token, decoded.
NodeId Parser::parse_interp_piece() {
  Token piece = m_token;
  advance();
  return decode_piece(piece, location_of(piece));
}

// The expression between '{' and '}', with the empty and unclosed cases reported.
NodeId Parser::parse_interp_expr() {
  if (at(TokenKind::interp_mid) || at(TokenKind::interp_end)) {
    error(k_code_interpolation, m_token, "Empty '{}' in interpolated string: put an expression between the braces");
    return add_expr(ExprKind::error, location_of(m_token));
  }
  NodeId expr = parse_expr();
  if (!at(TokenKind::interp_mid) && !at(TokenKind::interp_end) && !at(TokenKind::eof)) {
    error_parts(k_code_interpolation, m_token, {"Expected '}' after the expression in interpolated string"}, true);
    while (!at(TokenKind::interp_mid) && !at(TokenKind::interp_end) && !at(TokenKind::eof)) advance();
  }
  return expr;
}

NodeId Parser::parse_number() {
  Token token = m_token;
  advance();
  std::string_view text = token_source(token);
  NumberLiteral literal = decode_number(text);
  switch (literal.status) {
    case NumberStatus::number: {
      NodeId id = add_expr(ExprKind::number, location_of(token));
      m_ast.exprs[id].a = static_cast<NodeId>(m_ast.numbers.size());
      m_ast.numbers.push_back(literal.value);
      return id;
    }
    case NumberStatus::integer: {
      if (m_options.roblox_only) {
        error(k_code_not_on_roblox, token,
              "Integer literals ('" + std::string(text) + "') are not available on Roblox yet");
      }
      NodeId id = add_expr(ExprKind::integer, location_of(token));
      m_ast.exprs[id].a = static_cast<NodeId>(m_ast.integers.size());
      m_ast.integers.push_back(literal.integer);
      return id;
    }
    case NumberStatus::integer_overflow:
      error(k_code_bad_number, token, "Integer literal '" + std::string(text) + "' does not fit in 64 bits");
      break;
    case NumberStatus::malformed:
      error(k_code_bad_number, token, "Malformed number '" + std::string(text) + "'");
      break;
  }
  return add_expr(ExprKind::error, location_of(token));
}

// At `<<`: reads `<<T, U>>` and returns an `instantiate` node (with no `a`) holding the type list.
NodeId Parser::parse_instantiation() {
  Token start = m_token;
  advance();  // the outer '<'; parse_type_args reads the inner '<' ... '>'
  AstList types = parse_type_args();
  expect_type_close();
  NodeId id = add_expr(ExprKind::instantiate, span_from(start));
  m_ast.exprs[id].list = types;
  return id;
}

}  // namespace rbxpipe::luau
