// parse_luau and the parser's plumbing: tokens, error messages, tree building, names and scopes.
#include "luau/parser.h"

#include <limits>

#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

ParseResult parse_luau(const base::SourceText& source, const ParseOptions& options) {
  ParseResult result;
  if (source.text().size() >= std::numeric_limits<std::uint32_t>::max()) {
    ErrorList errors(source);
    errors.fatal(k_code_syntax, 0, "File is too large to parse (4 GiB or more)");
    result.diagnostics = errors.take();
    return result;
  }
  Parser parser(source, options, result);
  parser.parse_chunk();
  return result;
}

Parser::Parser(const base::SourceText& source, const ParseOptions& options, ParseResult& result)
    : m_source(source),
      m_text(source.text()),
      m_options(options),
      m_result(result),
      m_ast(result.ast),
      m_errors(source),
      m_lexer(source.text(), m_errors, result.hot_comments) {
  // Rough sizes from typical code (about one expression per 6 bytes) avoid most regrowth on big files.
  std::size_t size = m_text.size();
  m_ast.exprs.reserve(size / 6 + 16);
  m_ast.stats.reserve(size / 24 + 16);
  m_ast.ids.reserve(size / 6 + 16);
  m_ast.text.reserve(size / 8 + 64);
  m_functions.push_back({true, 0});  // the chunk is a vararg function
  m_token = m_lexer.next();
  m_prev_end_line = m_token.line;
}

void Parser::parse_chunk() {
  Token first = m_token;
  std::size_t base = m_scratch.size();
  for (;;) {
    parse_block_body();
    if (at(TokenKind::eof)) break;
    // A stray closing word at the top level: report it and keep parsing what follows.
    error(k_code_syntax, m_token, "Expected end of file, got " + describe(m_token));
    advance();
  }
  AstBlock chunk;
  chunk.stats = finish_list(base);
  chunk.location = {first.begin, static_cast<std::uint32_t>(m_text.size()), first.line, first.column};
  if (m_text.empty()) chunk.location = {0, 0, 1, 1};
  m_ast.blocks.push_back(chunk);
  m_result.chunk = chunk;
  m_result.diagnostics = m_errors.take();
}

// ---- tokens ----

void Parser::advance() {
  m_prev_end = m_token.end;
  m_prev_end_line = m_token.end_line;
  if (m_has_lookahead) {
    m_token = m_lookahead;
    m_has_lookahead = false;
  } else {
    m_token = m_lexer.next();
  }
  if (m_errors.stopped()) m_token.kind = TokenKind::eof;
}

const Token& Parser::lookahead() {
  if (!m_has_lookahead) {
    m_lookahead = m_lexer.next();
    m_has_lookahead = true;
    if (m_errors.stopped()) m_lookahead.kind = TokenKind::eof;
  }
  return m_lookahead;
}

bool Parser::accept(TokenKind kind) {
  if (m_token.kind != kind) return false;
  advance();
  return true;
}

bool Parser::expect(TokenKind kind, std::string_view context) {
  if (accept(kind)) return true;
  error_expected(token_kind_text(kind), context);
  return false;
}

bool Parser::expect_closing(TokenKind kind, const Token& opening) {
  if (accept(kind)) return true;
  report_unclosed(kind, opening);
  return false;
}

[[gnu::noinline]] void Parser::report_unclosed(TokenKind kind, const Token& opening) {
  std::string where = opening.line == m_token.line ? "column " + std::to_string(opening.column)
                                                   : "line " + std::to_string(opening.line);
  error(k_code_syntax, m_token,
        "Expected " + std::string(token_kind_text(kind)) + " (to close '" + std::string(token_source(opening)) +
            "' at " + where + "), got " + describe(m_token));
}

bool Parser::at_name(std::string_view word) const {
  return m_token.kind == TokenKind::name && token_source(m_token) == word;
}

// Types close with '>', but `Map<K, V>= x` lexes as '>=': take its '>' and leave '=' as the current token.
bool Parser::split_ge() {
  if (m_token.kind != TokenKind::ge) return false;
  m_prev_end = m_token.begin + 1;
  m_prev_end_line = m_token.line;
  m_token.kind = TokenKind::assign;
  m_token.begin += 1;
  m_token.column += 1;
  return true;
}

std::string_view Parser::token_source(const Token& token) const {
  return m_text.substr(token.begin, token.end - token.begin);
}

std::string Parser::describe(const Token& token) const {
  switch (token.kind) {
    case TokenKind::eof: return "end of file";
    case TokenKind::string:
    case TokenKind::long_string: return "string";
    case TokenKind::interp_simple:
    case TokenKind::interp_begin: return "interpolated string";
    case TokenKind::interp_mid:
    case TokenKind::interp_end: return "'}'";
    default: break;
  }
  std::string_view text = token_source(token);
  if (text.size() > 32) return "'" + std::string(text.substr(0, 29)) + "...'";
  return "'" + std::string(text) + "'";
}

// ---- errors ----

// Error reporting is kept out of line: message strings then never occupy the frames of the recursive parse
// functions that report them.
[[gnu::noinline]] void Parser::error(std::string_view code, const Token& token, std::string_view message) {
  int length = static_cast<int>(token.end - token.begin);
  if (token.kind == TokenKind::eof) length = 0;
  error_at(code, token.begin, message, length);
}

[[gnu::noinline]] void Parser::error_at(std::string_view code, std::uint32_t offset, std::string_view message,
                                        int length) {
  m_errors.report(code, offset, std::string(message), length);
  if (m_errors.stopped()) m_token.kind = TokenKind::eof;
}

// The message is the parts joined, then (with `got`) ", got <what the token is>".
[[gnu::noinline]] void Parser::error_parts(std::string_view code, const Token& token,
                                           std::initializer_list<std::string_view> parts, bool got) {
  std::string message;
  for (auto part : parts) message += part;
  if (got) message += ", got " + describe(token);
  error(code, token, message);
}

[[gnu::noinline]] void Parser::error_expected(std::string_view what, std::string_view context) {
  std::string message = "Expected " + std::string(what);
  if (!context.empty()) message += " when parsing " + std::string(context);
  error(k_code_syntax, m_token, message + ", got " + describe(m_token));
}

// ---- tree building ----

AstLocation Parser::location_of(const Token& token) const {
  return {token.begin, token.end, token.line, token.column};
}

AstLocation Parser::span_from(const Token& first) const {
  return {first.begin, std::max(m_prev_end, first.begin), first.line, first.column};
}

AstLocation Parser::span_from(const AstLocation& first) const {
  return {first.begin, std::max(m_prev_end, first.begin), first.line, first.column};
}

NodeId Parser::add_expr(ExprKind kind, AstLocation location) {
  auto id = static_cast<NodeId>(m_ast.exprs.size());
  AstExpr& expr = m_ast.exprs.emplace_back();
  expr.kind = kind;
  expr.location = location;
  return id;
}

NodeId Parser::add_stat(StatKind kind, AstLocation location) {
  auto id = static_cast<NodeId>(m_ast.stats.size());
  AstStat& stat = m_ast.stats.emplace_back();
  stat.kind = kind;
  stat.location = location;
  return id;
}

NodeId Parser::add_type(TypeKind kind, AstLocation location) {
  auto id = static_cast<NodeId>(m_ast.types.size());
  AstType& type = m_ast.types.emplace_back();
  type.kind = kind;
  type.location = location;
  return id;
}

NodeId Parser::add_block(AstList stats, AstLocation location) {
  auto id = static_cast<NodeId>(m_ast.blocks.size());
  m_ast.blocks.push_back({stats, location});
  return id;
}

AstList Parser::finish_list(std::size_t base) {
  AstList list{static_cast<std::uint32_t>(m_ast.ids.size()), static_cast<std::uint32_t>(m_scratch.size() - base)};
  m_ast.ids.insert(m_ast.ids.end(), m_scratch.begin() + static_cast<std::ptrdiff_t>(base), m_scratch.end());
  m_scratch.resize(base);
  return list;
}

AstText Parser::add_text(std::string_view text) {
  AstText ref{static_cast<std::uint32_t>(m_ast.text.size()), static_cast<std::uint32_t>(text.size())};
  m_ast.text.append(text);
  return ref;
}

// ---- names and scopes ----

Parser::NameEntry& Parser::name_entry(std::string_view name) { return m_names[m_names.intern(name, m_ast.text)]; }

NodeId Parser::declare_local(std::string_view name, AstLocation location, NodeId annotation, bool is_const) {
  std::uint32_t index = m_names.intern(name, m_ast.text);
  NameEntry& entry = m_names[index];
  auto id = static_cast<NodeId>(m_ast.locals.size());
  AstLocal& local = m_ast.locals.emplace_back();
  local.name = entry.text;
  local.location = location;
  local.annotation = annotation;
  local.function = static_cast<std::uint32_t>(m_functions.size() - 1);
  local.is_const = is_const;
  local.shadows = entry.local;
  m_scope.push_back({index, entry.local});
  entry.local = id;
  return id;
}

NodeId Parser::declare_local(const Token& name, NodeId annotation, bool is_const) {
  return declare_local(token_source(name), location_of(name), annotation, is_const);
}

NodeId Parser::name_expr(const Token& name) {
  NameEntry& entry = name_entry(token_source(name));
  if (entry.local == k_none) {
    NodeId id = add_expr(ExprKind::global, location_of(name));
    m_ast.exprs[id].text = entry.text;
    return id;
  }
  NodeId id = add_expr(ExprKind::local, location_of(name));
  m_ast.exprs[id].a = entry.local;
  m_ast.exprs[id].text = entry.text;
  if (m_type_function_level >= 0 &&
      m_ast.locals[entry.local].function < static_cast<std::uint32_t>(m_type_function_level)) {
    error(k_code_type_function_local, name,
          "Type functions cannot use the local '" + std::string(token_source(name)) +
              "' declared outside them; only globals and their own locals are visible");
  }
  return id;
}

void Parser::restore_scope(std::size_t mark) {
  while (m_scope.size() > mark) {
    m_names[m_scope.back().name].local = m_scope.back().previous;
    m_scope.pop_back();
  }
}

bool Parser::block_follow() const {
  switch (m_token.kind) {
    case TokenKind::eof:
    case TokenKind::kw_end:
    case TokenKind::kw_else:
    case TokenKind::kw_elseif:
    case TokenKind::kw_until: return true;
    default: return false;
  }
}

DepthGuard::DepthGuard(Parser& parser, const Token& token) : m_parser(parser), m_ok(true) {
  if (++parser.m_depth <= parser.m_options.max_depth) return;
  m_ok = false;
  parser.m_errors.fatal(k_code_too_deep, token.begin,
                        "Code is nested more than " + std::to_string(parser.m_options.max_depth) +
                            " levels deep; simplify it");
  parser.m_token.kind = TokenKind::eof;
}

}  // namespace rbxpipe::luau
