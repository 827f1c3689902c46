// Blocks and the statements that do not open a block: declarations, assignments, calls, return/break/continue,
// type aliases, export and attributed functions.
#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

namespace {

bool is_last_statement(StatKind kind) {
  return kind == StatKind::return_values || kind == StatKind::break_loop || kind == StatKind::continue_loop;
}

std::string_view last_statement_word(StatKind kind) {
  return kind == StatKind::return_values ? "return" : kind == StatKind::break_loop ? "break" : "continue";
}

bool compound_op(TokenKind kind, BinaryOp& op) {
  switch (kind) {
    case TokenKind::plus_assign: op = BinaryOp::add; return true;
    case TokenKind::minus_assign: op = BinaryOp::sub; return true;
    case TokenKind::star_assign: op = BinaryOp::mul; return true;
    case TokenKind::slash_assign: op = BinaryOp::div; return true;
    case TokenKind::floor_div_assign: op = BinaryOp::floor_div; return true;
    case TokenKind::percent_assign: op = BinaryOp::mod; return true;
    case TokenKind::caret_assign: op = BinaryOp::pow; return true;
    case TokenKind::concat_assign: op = BinaryOp::concat; return true;
    default: return false;
  }
}

bool can_start_expression(TokenKind kind) {
  switch (kind) {
    case TokenKind::number:
    case TokenKind::string:
    case TokenKind::long_string:
    case TokenKind::interp_simple:
    case TokenKind::interp_begin:
    case TokenKind::kw_nil:
    case TokenKind::kw_true:
    case TokenKind::kw_false:
    case TokenKind::kw_not:
    case TokenKind::kw_if:
    case TokenKind::minus:
    case TokenKind::hash:
    case TokenKind::dot3:
    case TokenKind::lbrace: return true;
    default: return false;
  }
}

// Keywords that can only start a statement: after `return` they mean the return list is empty.
bool starts_statement_only(TokenKind kind) {
  switch (kind) {
    case TokenKind::kw_local:
    case TokenKind::kw_while:
    case TokenKind::kw_for:
    case TokenKind::kw_repeat:
    case TokenKind::kw_do:
    case TokenKind::kw_return:
    case TokenKind::kw_break:
    case TokenKind::semicolon: return true;
    default: return false;
  }
}

}  // namespace

NodeId Parser::parse_block(bool own_scope) {
  Token first = m_token;
  DepthGuard guard(*this, m_token);
  if (!guard.ok()) return add_block({}, location_of(first));
  std::size_t mark = scope_mark();
  ++m_block_depth;
  std::size_t base = m_scratch.size();
  parse_block_body();
  --m_block_depth;
  if (own_scope) restore_scope(mark);
  return add_block(finish_list(base), span_from(first));
}

// Pushes the statements of a block onto the scratch list (the caller finishes the list).
void Parser::parse_block_body() {
  StatKind ended = StatKind::error;
  bool has_ended = false;
  bool reported = false;
  while (!block_follow()) {
    if (at(TokenKind::semicolon)) {
      error(k_code_empty_statement, m_token, "Unexpected ';': a ';' may only follow a statement");
      advance();
      continue;
    }
    if (has_ended && !reported) {
      error_parts(k_code_after_last, m_token,
                  {"'", last_statement_word(ended),
                   "' must be the last statement of its block; nothing may follow it before the block ends"});
      reported = true;
    }
    std::uint32_t start = m_token.begin;
    TokenKind start_kind = m_token.kind;
    NodeId stat = parse_statement();
    m_scratch.push_back(stat);
    accept(TokenKind::semicolon);
    StatKind kind = m_ast.stats[stat].kind;
    if (!has_ended && is_last_statement(kind)) {
      has_ended = true;
      ended = kind;
    }
    // A statement that consumed nothing (a stray token) would loop forever: skip the token.
    if (m_token.begin == start && m_token.kind == start_kind && !at(TokenKind::eof)) advance();
  }
}

NodeId Parser::parse_statement() {
  switch (m_token.kind) {
    case TokenKind::kw_if: return parse_if();
    case TokenKind::kw_while: return parse_while();
    case TokenKind::kw_do: return parse_do();
    case TokenKind::kw_for: return parse_for();
    case TokenKind::kw_repeat: return parse_repeat();
    case TokenKind::kw_function: return parse_function_statement({}, 0, m_token);
    case TokenKind::kw_local: return parse_local_statement();
    case TokenKind::kw_return: return parse_return();
    case TokenKind::kw_break: return parse_break();
    case TokenKind::attribute:
    case TokenKind::attribute_open: return parse_attributed_statement();
    default: return parse_expression_statement();
  }
}

NodeId Parser::parse_local_statement() {
  Token start = m_token;
  advance();
  return parse_local(start, 0, {});
}

NodeId Parser::parse_break() {
  Token start = m_token;
  advance();
  return parse_loop_exit(StatKind::break_loop, start);
}

NodeId Parser::parse_expression_statement() {
  Token start = m_token;
  std::size_t errors_before = m_errors.size();
  NodeId expr = k_none;
  if (at(TokenKind::name) || at(TokenKind::lparen)) {
    expr = parse_primary_expr();
  } else if (can_start_expression(m_token.kind)) {
    // A literal or operator cannot start a statement; read the whole expression to report it once.
    expr = parse_expr();
  } else {
    error_parts(k_code_syntax, m_token, {"Expected a statement"}, true);
    return add_stat(StatKind::error, location_of(start));
  }
  // When the target itself was broken, saying it cannot be assigned would only repeat the problem.
  bool check = m_errors.size() == errors_before;
  if (at(TokenKind::comma) || at(TokenKind::assign)) return parse_assignment(expr, start, check);
  BinaryOp op;
  if (compound_op(m_token.kind, op)) return parse_compound_assignment(expr, start, check);
  ExprKind kind = m_ast.exprs[expr].kind;
  if (kind == ExprKind::call) {
    NodeId stat = add_stat(StatKind::expr, m_ast.exprs[expr].location);
    m_ast.stats[stat].a = expr;
    return stat;
  }
  if (start.kind == TokenKind::name && m_ast.exprs[expr].location.end == start.end) {
    NodeId stat = parse_contextual_statement(start);
    if (stat != k_none) return stat;
  }
  if (kind != ExprKind::error) {
    error_at(k_code_syntax, start.begin, "Incomplete statement: expected an assignment or a function call",
             static_cast<int>(m_ast.exprs[expr].location.end - start.begin));
    // `a + b` on its own: read the rest of the expression so it is reported once.
    if (at_binary_operator()) parse_expr_from(expr);
  }
  return add_stat(StatKind::error, span_from(start));
}

// `type`, `export`, `continue` and `const` are statements only when the word stands alone at the start.
NodeId Parser::parse_contextual_statement(const Token& word) {
  std::string_view text = token_source(word);
  if (text == "type" && (at(TokenKind::name) || at(TokenKind::kw_function))) return parse_type_statement(word, 0);
  if (text == "export") {
    if (at_name("type")) {
      advance();
      return parse_type_statement(word, k_stat_export);
    }
    if (at(TokenKind::kw_local) || at_name("const") || at(TokenKind::kw_function)) return parse_export(word, {});
    return k_none;
  }
  if (text == "continue") return parse_loop_exit(StatKind::continue_loop, word);
  if (text == "const" && (at(TokenKind::name) || at(TokenKind::kw_function))) {
    if (m_options.roblox_only) {
      error(k_code_not_on_roblox, word, "'const' declarations are not available on Roblox yet; use 'local'");
    }
    return parse_local(word, k_stat_const, {});
  }
  return k_none;
}

NodeId Parser::parse_assignment(NodeId first, const Token& start, bool check) {
  std::size_t base = m_scratch.size();
  if (check) check_assignable(first);
  m_scratch.push_back(first);
  while (accept(TokenKind::comma)) {
    NodeId target = parse_primary_expr();
    check_assignable(target);
    m_scratch.push_back(target);
  }
  expect(TokenKind::assign, "assignment");
  std::size_t values_base = m_scratch.size();
  parse_expr_list();
  AstList values = finish_list(values_base);
  AstList targets = finish_list(base);
  NodeId stat = add_stat(StatKind::assign, span_from(start));
  m_ast.stats[stat].list = targets;
  m_ast.stats[stat].list2 = values;
  return stat;
}

NodeId Parser::parse_compound_assignment(NodeId target, const Token& start, bool check) {
  BinaryOp op = BinaryOp::add;
  compound_op(m_token.kind, op);
  if (check) check_assignable(target);
  advance();
  NodeId value = parse_expr();
  NodeId stat = add_stat(StatKind::compound_assign, span_from(start));
  m_ast.stats[stat].op = static_cast<std::uint8_t>(op);
  m_ast.stats[stat].a = target;
  m_ast.stats[stat].b = value;
  return stat;
}

void Parser::check_assignable(NodeId target) {
  const AstExpr& expr = m_ast.exprs[target];
  switch (expr.kind) {
    case ExprKind::global:
    case ExprKind::index_name:
    case ExprKind::index_expr:
    case ExprKind::error: return;
    case ExprKind::local:
      if (m_ast.locals[expr.a].is_const) {
        error_at(k_code_const, expr.location.begin,
                 "Cannot assign to '" + std::string(m_ast.str(expr.text)) + "': it is a constant",
                 static_cast<int>(expr.location.end - expr.location.begin));
      }
      return;
    default:
      error_at(k_code_not_assignable, expr.location.begin,
               "Cannot assign to this expression; only variables and fields (a, a.b, a[b]) can be assigned",
               static_cast<int>(expr.location.end - expr.location.begin));
  }
}

// After `local`, `const`, `export local` or `export const` (already consumed; `start` is the first token).
NodeId Parser::parse_local(const Token& start, std::uint8_t flags, AstList attributes) {
  if (at(TokenKind::kw_function)) return parse_local_function(start, flags, attributes);
  if (attributes.size > 0) error(k_code_attribute, m_token, "Attributes are only allowed before functions");
  std::size_t bindings_base =
      parse_bindings((flags & k_stat_const) != 0 ? "const declaration" : "local declaration");
  std::size_t values_base = m_scratch.size();
  bool has_values = accept(TokenKind::assign);
  if (has_values) parse_expr_list();
  return finish_local(start, flags, bindings_base, values_base, has_values);
}

// `name[: T] {, name[: T]}` onto m_bindings; returns where they start.
std::size_t Parser::parse_bindings(std::string_view context) {
  std::size_t bindings_base = m_bindings.size();
  do {
    Token name = m_token;
    if (!at(TokenKind::name)) {
      error_expected("identifier", context);
      break;
    }
    advance();
    NodeId annotation = accept(TokenKind::colon) ? parse_type() : k_none;
    m_bindings.push_back({name, annotation});
  } while (accept(TokenKind::comma));
  return bindings_base;
}

// Declares the pending bindings (after their values were read, which cannot see them) and builds the statement.
NodeId Parser::finish_local(const Token& start, std::uint8_t flags, std::size_t bindings_base,
                            std::size_t values_base, bool has_values) {
  bool is_const = (flags & k_stat_const) != 0;
  AstList values = finish_list(values_base);
  if (is_const) check_const_values(start, bindings_base, values, has_values);
  std::size_t base = m_scratch.size();
  for (std::size_t i = bindings_base; i < m_bindings.size(); ++i) {
    m_scratch.push_back(declare_local(m_bindings[i].name, m_bindings[i].annotation, is_const));
    if ((flags & k_stat_export) != 0) note_export(m_bindings[i].name);
  }
  m_bindings.resize(bindings_base);
  NodeId stat = add_stat(StatKind::local, span_from(start));
  m_ast.stats[stat].list = finish_list(base);
  m_ast.stats[stat].list2 = values;
  m_ast.stats[stat].flags = flags;
  return stat;
}

// `local function name funcbody` (also `const function`, `export function` through parse_export).
NodeId Parser::parse_local_function(const Token& start, std::uint8_t flags, AstList attributes) {
  Token function_token = m_token;
  advance();
  if (!at(TokenKind::name)) {
    error_expected("identifier", "function name");
    return add_stat(StatKind::error, span_from(start));
  }
  // Declared before the body so the function can call itself.
  NodeId local = declare_local(m_token, k_none, (flags & k_stat_const) != 0);
  if ((flags & k_stat_export) != 0) note_export(m_token);
  advance();
  NodeId function = parse_function_body(attributes.size > 0 ? start : function_token, false, attributes, false);
  NodeId stat = add_stat(StatKind::local_function, span_from(start));
  m_ast.stats[stat].a = local;
  m_ast.stats[stat].b = function;
  m_ast.stats[stat].flags = flags;
  return stat;
}

// A const needs one value per name, unless the last value is a call or `...` (which may give several).
void Parser::check_const_values(const Token& start, std::size_t bindings_base, AstList values, bool has_values) {
  std::size_t names = m_bindings.size() - bindings_base;
  if (names == 0) return;
  if (!has_values) {
    error(k_code_const, start,
          "Missing initializer: const '" + std::string(token_source(m_bindings[bindings_base].name)) +
              "' must be given a value");
    return;
  }
  if (values.size == 0) return;  // the value list itself failed to parse and was reported
  ExprKind last = m_ast.exprs[m_ast.ids[values.begin + values.size - 1]].kind;
  bool open_ended = last == ExprKind::call || last == ExprKind::varargs;
  if (values.size < names && !open_ended) {
    const Token& name = m_bindings[bindings_base + values.size].name;
    error(k_code_const, name, "Missing initializer: const '" + std::string(token_source(name)) +
                                  "' has no value (" + std::to_string(names) + " names, " +
                                  std::to_string(values.size) + " values)");
  } else if (values.size > names) {
    NodeId extra = m_ast.ids[values.begin + names];
    error_at(k_code_const, m_ast.exprs[extra].location.begin,
             "Too many values in const declaration: " + std::to_string(names) + " names, " +
                 std::to_string(values.size) + " values");
  }
}

NodeId Parser::parse_return() {
  Token start = m_token;
  advance();
  std::size_t base = m_scratch.size();
  if (!block_follow() && !starts_statement_only(m_token.kind)) parse_expr_list();
  NodeId stat = add_stat(StatKind::return_values, span_from(start));
  m_ast.stats[stat].list = finish_list(base);
  if (m_block_depth == 0 && m_functions.size() == 1) {
    if (m_has_export) {
      error(k_code_export, start, "A module that exports values cannot also return a value");
    }
    if (m_top_return == k_none) m_top_return = start.begin;
  }
  return stat;
}

NodeId Parser::parse_loop_exit(StatKind kind, const Token& start) {
  if (m_functions.back().loop_depth == 0) {
    error(k_code_outside_loop, start,
          std::string(kind == StatKind::break_loop ? "'break'" : "'continue'") + " must be inside a loop");
  }
  return add_stat(kind, location_of(start));
}

// After `type` or `export type`: an alias `Name<generics> = Type` or `function Name funcbody`.
NodeId Parser::parse_type_statement(const Token& start, std::uint8_t flags) {
  if (at(TokenKind::kw_function)) {
    advance();
    Token name = m_token;
    if (!expect(TokenKind::name, "type function")) return add_stat(StatKind::error, span_from(start));
    NodeId function = parse_function_body(start, false, {}, true);
    NodeId stat = add_stat(StatKind::type_function, span_from(start));
    m_ast.stats[stat].b = function;
    m_ast.stats[stat].text = add_text(token_source(name));
    m_ast.stats[stat].flags = flags;
    return stat;
  }
  Token name = m_token;
  if (!expect(TokenKind::name, "type alias")) return add_stat(StatKind::error, span_from(start));
  AstList generics = at(TokenKind::lt) ? parse_generic_params(true) : AstList{};
  expect(TokenKind::assign, "type alias");
  NodeId type = parse_type();
  NodeId stat = add_stat(StatKind::type_alias, span_from(start));
  m_ast.stats[stat].a = type;
  m_ast.stats[stat].list = generics;
  m_ast.stats[stat].text = add_text(token_source(name));
  m_ast.stats[stat].flags = flags;
  return stat;
}

}  // namespace rbxpipe::luau
