// Expressions. Operator chains are parsed with an explicit operator stack (no recursion per operator), so
// `a .. b .. c ...` or `- - - x` of any length cannot exhaust the native stack.
#include "luau/error_codes.h"
#include "luau/literals.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

namespace {

constexpr int k_unary_priority = 8;

struct BinaryInfo {
  BinaryOp op;
  int left;
  int right;
};

bool binary_info(TokenKind kind, BinaryInfo& info) {
  switch (kind) {
    case TokenKind::kw_or: info = {BinaryOp::logical_or, 1, 1}; return true;
    case TokenKind::kw_and: info = {BinaryOp::logical_and, 2, 2}; return true;
    case TokenKind::eq: info = {BinaryOp::eq, 3, 3}; return true;
    case TokenKind::ne: info = {BinaryOp::ne, 3, 3}; return true;
    case TokenKind::lt: info = {BinaryOp::lt, 3, 3}; return true;
    case TokenKind::le: info = {BinaryOp::le, 3, 3}; return true;
    case TokenKind::gt: info = {BinaryOp::gt, 3, 3}; return true;
    case TokenKind::ge: info = {BinaryOp::ge, 3, 3}; return true;
    case TokenKind::concat: info = {BinaryOp::concat, 5, 4}; return true;  // right associative
    case TokenKind::plus: info = {BinaryOp::add, 6, 6}; return true;
    case TokenKind::minus: info = {BinaryOp::sub, 6, 6}; return true;
    case TokenKind::star: info = {BinaryOp::mul, 7, 7}; return true;
    case TokenKind::slash: info = {BinaryOp::div, 7, 7}; return true;
    case TokenKind::floor_div: info = {BinaryOp::floor_div, 7, 7}; return true;
    case TokenKind::percent: info = {BinaryOp::mod, 7, 7}; return true;
    case TokenKind::caret: info = {BinaryOp::pow, 10, 9}; return true;  // right associative, above unary
    default: return false;
  }
}

bool unary_op(TokenKind kind, UnaryOp& op) {
  switch (kind) {
    case TokenKind::minus: op = UnaryOp::negate; return true;
    case TokenKind::kw_not: op = UnaryOp::logical_not; return true;
    case TokenKind::hash: op = UnaryOp::length; return true;
    default: return false;
  }
}

}  // namespace

// Precedence climbing with an explicit stack: an operator waiting for its right operand is reduced as soon as
// the next operator does not bind tighter than its right priority.
//
// The functions on the recursive path (parse_expr_from, parse_simple_expr, parse_primary_expr, parse_suffixes,
// parse_call...) keep few locals and leave rare branches and message building to helpers, so that 1000 levels
// of nesting fit comfortably on the stack even in sanitizer builds.
NodeId Parser::parse_expr() { return parse_expr_from(k_none); }

// As parse_expr, but when `first` is given it is the already parsed first operand.
NodeId Parser::parse_expr_from(NodeId first) {
  std::size_t base = m_operators.size();
  for (;;) {
    NodeId operand = first;
    first = k_none;
    if (operand == k_none) {
      push_unary_operators();
      operand = parse_simple_expr();
    }
    operand = reduce_operators(base, operand);
    if (!push_binary_operator(operand)) return operand;
  }
}

void Parser::push_unary_operators() {
  UnaryOp unary;
  while (unary_op(m_token.kind, unary)) {
    m_operators.push_back({true, static_cast<std::uint8_t>(unary), k_unary_priority, k_none, m_token});
    advance();
  }
}

// Reduces the waiting operators that bind at least as tightly as the current token's operator (all when the
// current token is not a binary operator).
NodeId Parser::reduce_operators(std::size_t base, NodeId operand) {
  BinaryInfo info{};
  int left = binary_info(m_token.kind, info) ? info.left : -1;
  while (m_operators.size() > base && m_operators.back().right_priority >= left) {
    Operator waiting = m_operators.back();
    m_operators.pop_back();
    operand = reduce(waiting, operand);
  }
  return operand;
}

bool Parser::push_binary_operator(NodeId left) {
  BinaryInfo info{};
  if (!binary_info(m_token.kind, info)) return false;
  m_operators.push_back({false, static_cast<std::uint8_t>(info.op), info.right, left, m_token});
  advance();
  return true;
}

bool Parser::at_binary_operator() const {
  BinaryInfo info{};
  return binary_info(m_token.kind, info);
}

NodeId Parser::reduce(const Operator& waiting, NodeId right) {
  AstLocation right_location = m_ast.exprs[right].location;
  if (waiting.unary) {
    NodeId id = add_expr(ExprKind::unary, location_of(waiting.token));
    AstExpr& expr = m_ast.exprs[id];
    expr.op = waiting.op;
    expr.a = right;
    expr.location.end = right_location.end;
    return id;
  }
  AstLocation location = m_ast.exprs[waiting.left].location;
  location.end = right_location.end;
  NodeId id = add_expr(ExprKind::binary, location);
  AstExpr& expr = m_ast.exprs[id];
  expr.op = waiting.op;
  expr.a = waiting.left;
  expr.b = right;
  return id;
}

NodeId Parser::parse_simple_expr() {
  TokenKind kind = m_token.kind;
  NodeId expr = k_none;
  switch (kind) {
    case TokenKind::number: expr = parse_number(); break;
    case TokenKind::string:
    case TokenKind::long_string:
    case TokenKind::kw_nil:
    case TokenKind::kw_true:
    case TokenKind::kw_false:
    case TokenKind::dot3: expr = parse_atom(); break;
    case TokenKind::interp_simple:
    case TokenKind::interp_begin: expr = parse_interpolated(); break;
    case TokenKind::lbrace: expr = parse_table(); break;
    case TokenKind::kw_if: expr = parse_if_expr(); break;
    case TokenKind::kw_function:
    case TokenKind::attribute:
    case TokenKind::attribute_open: expr = parse_function_expr(); break;
    default: expr = parse_primary_expr(); break;
  }
  bool literal = kind != TokenKind::name && kind != TokenKind::lparen && kind != TokenKind::kw_if &&
                 kind != TokenKind::kw_function;
  if (literal && (at(TokenKind::colon) || at(TokenKind::dot))) expr = parse_literal_suffix(expr);
  if (at(TokenKind::double_colon)) expr = parse_casts(expr);
  return expr;
}

// A string, `nil`, `true`, `false` or `...`.
NodeId Parser::parse_atom() {
  Token start = m_token;
  advance();
  switch (start.kind) {
    case TokenKind::string:
    case TokenKind::long_string: return parse_string(start);
    case TokenKind::kw_nil: return add_expr(ExprKind::nil, location_of(start));
    case TokenKind::kw_true:
    case TokenKind::kw_false: {
      NodeId expr = add_expr(ExprKind::boolean, location_of(start));
      m_ast.exprs[expr].flags = start.kind == TokenKind::kw_true ? 1 : 0;
      return expr;
    }
    default:
      if (!m_functions.back().vararg) {
        error(k_code_varargs, start, "Cannot use '...' outside a vararg function; add '...' to the parameters");
      }
      return add_expr(ExprKind::varargs, location_of(start));
  }
}

// `function funcbody`, possibly after attributes.
NodeId Parser::parse_function_expr() {
  Token start = m_token;
  AstList attributes = at(TokenKind::kw_function) ? AstList{} : parse_attributes();
  if (!at(TokenKind::kw_function)) {
    error(k_code_attribute, m_token, "Attributes are only allowed before functions");
    return parse_simple_expr();
  }
  advance();
  NodeId function = parse_function_body(start, false, attributes, false);
  NodeId expr = add_expr(ExprKind::function, span_from(start));
  m_ast.exprs[expr].a = function;
  return expr;
}

// `"x":upper()` is not Lua: say how to write it and read on as if the literal were parenthesized.
NodeId Parser::parse_literal_suffix(NodeId expr) {
  if (lookahead().kind != TokenKind::name || m_ast.exprs[expr].kind == ExprKind::error) return expr;
  error_parts(k_code_syntax, m_token,
              {"A literal must be put in parentheses before '", token_source(m_token), "', as in (\"x\"):upper()"});
  return parse_suffixes(expr);
}

// `e :: T :: U`.
NodeId Parser::parse_casts(NodeId expr) {
  while (accept(TokenKind::double_colon)) {
    NodeId type = parse_type();
    NodeId cast = add_expr(ExprKind::type_cast, span_from(m_ast.exprs[expr].location));
    m_ast.exprs[cast].a = expr;
    m_ast.exprs[cast].b = type;
    expr = cast;
  }
  return expr;
}

NodeId Parser::parse_primary_expr() {
  NodeId expr = k_none;
  if (at(TokenKind::name)) {
    expr = name_expr(m_token);
    advance();
  } else if (at(TokenKind::lparen)) {
    expr = parse_group();
  } else {
    error_parts(k_code_syntax, m_token, {"Expected an expression"}, true);
    return add_expr(ExprKind::error, {m_token.begin, m_token.begin, m_token.line, m_token.column});
  }
  return parse_suffixes(expr);
}

NodeId Parser::parse_group() {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return add_expr(ExprKind::error, location_of(open));
  advance();
  NodeId inner = parse_expr();
  expect_closing(TokenKind::rparen, open);
  NodeId group = add_expr(ExprKind::group, span_from(open));
  m_ast.exprs[group].a = inner;
  return group;
}

// `.name`, `[key]`, `:name(args)`, call arguments and `<<types>>` after a prefix expression.
NodeId Parser::parse_suffixes(NodeId expr) {
  for (;;) {
    switch (m_token.kind) {
      case TokenKind::dot: expr = parse_field_suffix(expr); break;
      case TokenKind::lbracket: expr = parse_index_suffix(expr); break;
      case TokenKind::colon: expr = parse_method_suffix(expr); break;
      case TokenKind::lparen:
        if (m_token.line > m_prev_end_line) {
          error(k_code_ambiguous_call, m_token,
                "Ambiguous syntax: this '(' on a new line continues the previous expression as a call; add ';' "
                "before it to start a new statement");
        }
        expr = parse_call(expr, false, {}, k_none);
        break;
      case TokenKind::string:
      case TokenKind::long_string:
      case TokenKind::lbrace: expr = parse_call(expr, false, {}, k_none); break;
      case TokenKind::interp_simple:
      case TokenKind::interp_begin:
        error(k_code_interpolation, m_token,
              "An interpolated string cannot be a call argument without parentheses; write f(`...`)");
        expr = parse_call(expr, false, {}, k_none);
        break;
      case TokenKind::lt:
        if (lookahead().kind != TokenKind::lt) return expr;
        expr = parse_instantiate_suffix(expr);
        break;
      default: return expr;
    }
    if (at(TokenKind::eof)) return expr;
  }
}

NodeId Parser::parse_field_suffix(NodeId object) {
  advance();
  if (!at(TokenKind::name)) {
    error_expected("identifier", "field name");
    return object;
  }
  NodeId index = add_expr(ExprKind::index_name, m_ast.exprs[object].location);
  m_ast.exprs[index].a = object;
  m_ast.exprs[index].text = name_entry(token_source(m_token)).text;
  m_ast.exprs[index].location.end = m_token.end;
  advance();
  return index;
}

NodeId Parser::parse_index_suffix(NodeId object) {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return object;
  advance();
  NodeId key = parse_expr();
  expect_closing(TokenKind::rbracket, open);
  NodeId index = add_expr(ExprKind::index_expr, span_from(m_ast.exprs[object].location));
  m_ast.exprs[index].a = object;
  m_ast.exprs[index].b = key;
  return index;
}

NodeId Parser::parse_method_suffix(NodeId object) {
  advance();
  if (!at(TokenKind::name)) {
    error_expected("identifier", "method name");
    return object;
  }
  AstText name = name_entry(token_source(m_token)).text;
  advance();
  NodeId type_args = k_none;
  if (at(TokenKind::lt) && lookahead().kind == TokenKind::lt) type_args = parse_instantiation();
  if (!at(TokenKind::lparen) && !at(TokenKind::string) && !at(TokenKind::long_string) && !at(TokenKind::lbrace) &&
      !is_interp_piece(m_token.kind)) {
    error_parts(k_code_syntax, m_token, {"Expected arguments after method name '", m_ast.str(name), "'"}, true);
  }
  return parse_call(object, true, name, type_args);
}

NodeId Parser::parse_instantiate_suffix(NodeId expr) {
  NodeId type_args = parse_instantiation();
  NodeId inst = add_expr(ExprKind::instantiate, span_from(m_ast.exprs[expr].location));
  m_ast.exprs[inst].a = expr;
  m_ast.exprs[inst].list = m_ast.exprs[type_args].list;
  return inst;
}

// `( [explist] )`; false when the nesting limit stopped the parse.
bool Parser::parse_call_args() {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return false;
  advance();
  if (!at(TokenKind::rparen)) parse_expr_list();
  expect_closing(TokenKind::rparen, open);
  return true;
}

// Call arguments: `(list)`, a string, a table or (reported) an interpolated string.
NodeId Parser::parse_call(NodeId callee, bool method, AstText method_name, NodeId type_args) {
  std::size_t base = m_scratch.size();
  if (at(TokenKind::lparen)) {
    if (!parse_call_args()) return callee;
  } else if (at(TokenKind::string) || at(TokenKind::long_string)) {
    m_scratch.push_back(parse_atom());
  } else if (at(TokenKind::lbrace)) {
    m_scratch.push_back(parse_table());
  } else if (is_interp_piece(m_token.kind)) {
    m_scratch.push_back(parse_interpolated());
  }
  AstList args = finish_list(base);
  NodeId call = add_expr(ExprKind::call, span_from(m_ast.exprs[callee].location));
  AstExpr& expr = m_ast.exprs[call];
  expr.a = callee;
  expr.b = type_args;
  expr.list = args;
  expr.text = method_name;
  expr.flags = method ? k_call_method : 0;
  return call;
}

void Parser::parse_expr_list() {
  m_scratch.push_back(parse_expr());
  while (accept(TokenKind::comma)) m_scratch.push_back(parse_expr());
}

}  // namespace rbxpipe::luau
