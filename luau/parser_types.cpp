// Type annotations: unions and intersections, optionals, references with type arguments, singletons, typeof,
// table types, function types, and type packs where a list of types is allowed.
#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

namespace {

constexpr std::uint32_t k_max_type_parts = 1000;

bool is_pack(TypeKind kind) {
  return kind == TypeKind::pack || kind == TypeKind::variadic_pack || kind == TypeKind::generic_pack;
}

}  // namespace

NodeId Parser::parse_type() {
  Token start = m_token;
  // A leading '|' or '&' is allowed (handy for one part per line) and fixes which separator the rest must use.
  TokenKind leading = at(TokenKind::pipe) || at(TokenKind::ampersand) ? m_token.kind : TokenKind::eof;
  if (leading != TokenKind::eof) advance();
  NodeId first = parse_type_suffixes(parse_simple_type(false));
  return parse_type_rest(first, start, leading);
}

// `T?` suffixes.
NodeId Parser::parse_type_suffixes(NodeId type) {
  while (at(TokenKind::question)) {
    AstLocation location = m_ast.types[type].location;
    advance();
    NodeId optional = add_type(TypeKind::optional, span_from(location));
    m_ast.types[optional].a = type;
    type = optional;
  }
  return type;
}

// After the first part: `| B | C` or `& B & C`, read in a loop.
NodeId Parser::parse_type_rest(NodeId first, const Token& start, TokenKind leading) {
  if (!at(TokenKind::pipe) && !at(TokenKind::ampersand)) return first;
  TokenKind separator = leading != TokenKind::eof ? leading : m_token.kind;
  std::size_t base = m_scratch.size();
  m_scratch.push_back(first);
  bool mixed_reported = false;
  bool size_reported = false;
  while (at(TokenKind::pipe) || at(TokenKind::ampersand)) {
    if (m_token.kind != separator && !mixed_reported) {
      error(k_code_type, m_token, "Mixing union and intersection types is not allowed; add parentheses");
      mixed_reported = true;
    }
    advance();
    m_scratch.push_back(parse_type_suffixes(parse_simple_type(false)));
    if (m_scratch.size() - base > k_max_type_parts && !size_reported) {
      error_at(k_code_type, start.begin, "A union or intersection type may have at most 1000 parts");
      size_reported = true;
    }
  }
  NodeId type = add_type(separator == TokenKind::pipe ? TypeKind::union_of : TypeKind::intersection_of,
                         span_from(start));
  m_ast.types[type].list = finish_list(base);
  return type;
}

// Where a type pack is allowed too (type arguments, return types, pack defaults): `...T`, `G...`, `(A, B)`, `()`.
NodeId Parser::parse_type_or_pack() {
  Token start = m_token;
  if (at(TokenKind::dot3) || (at(TokenKind::name) && lookahead().kind == TokenKind::dot3)) {
    return parse_variadic_or_generic_pack();
  }
  if (!at(TokenKind::lparen)) return parse_type();
  NodeId first = parse_simple_type(true);
  if (is_pack(m_ast.types[first].kind)) return first;
  return parse_type_rest(parse_type_suffixes(first), start, TokenKind::eof);
}

// At `...T` or `G...`.
NodeId Parser::parse_variadic_or_generic_pack() {
  Token start = m_token;
  if (accept(TokenKind::dot3)) {
    NodeId inner = parse_type();
    NodeId pack = add_type(TypeKind::variadic_pack, span_from(start));
    m_ast.types[pack].a = inner;
    return pack;
  }
  advance();  // the name
  advance();  // '...'
  NodeId pack = add_type(TypeKind::generic_pack, span_from(start));
  m_ast.types[pack].text = name_entry(token_source(start)).text;
  return pack;
}

NodeId Parser::parse_simple_type(bool allow_pack) {
  switch (m_token.kind) {
    case TokenKind::kw_nil:
    case TokenKind::kw_true:
    case TokenKind::kw_false:
    case TokenKind::string:
    case TokenKind::long_string:
    case TokenKind::interp_simple:
    case TokenKind::interp_begin:
    case TokenKind::kw_function: return parse_singleton_type();
    case TokenKind::name:
      if (token_source(m_token) == "typeof" && lookahead().kind == TokenKind::lparen) return parse_typeof_type();
      return parse_reference_type();
    case TokenKind::lbrace: return parse_table_type();
    case TokenKind::lparen: return parse_paren_type(allow_pack, {}, false);
    case TokenKind::lt: return parse_generic_function_type();
    default:
      error_parts(k_code_syntax, m_token, {"Expected a type"}, true);
      return add_type(TypeKind::error, {m_token.begin, m_token.begin, m_token.line, m_token.column});
  }
}

// `nil`, `true`, `false`, a string; and the reported mistakes `function` and interpolated strings.
NodeId Parser::parse_singleton_type() {
  Token start = m_token;
  if (is_interp_piece(start.kind)) {
    error(k_code_interpolation, m_token, "Interpolated strings cannot be used as types; use a plain string");
    parse_interpolated();
    return add_type(TypeKind::error, span_from(start));
  }
  advance();
  switch (start.kind) {
    case TokenKind::kw_nil: {
      NodeId type = add_type(TypeKind::reference, location_of(start));
      m_ast.types[type].text = name_entry("nil").text;
      return type;
    }
    case TokenKind::kw_true:
    case TokenKind::kw_false: {
      NodeId type = add_type(TypeKind::singleton_bool, location_of(start));
      m_ast.types[type].flags = start.kind == TokenKind::kw_true ? 1 : 0;
      return type;
    }
    case TokenKind::string:
    case TokenKind::long_string: {
      NodeId string = parse_string(start);
      NodeId type = add_type(TypeKind::singleton_string, location_of(start));
      m_ast.types[type].text = m_ast.exprs[string].text;
      return type;
    }
    default:
      error(k_code_type, start, "'function' is not a type; write a function type such as '(...any) -> ...any'");
      return add_type(TypeKind::error, location_of(start));
  }
}

// `typeof(expr)`.
NodeId Parser::parse_typeof_type() {
  Token start = m_token;
  advance();
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return add_type(TypeKind::error, location_of(start));
  advance();
  NodeId expr = parse_expr();
  expect_closing(TokenKind::rparen, open);
  NodeId type = add_type(TypeKind::type_of, span_from(start));
  m_ast.types[type].a = expr;
  return type;
}

// `<T, U...>(args) -> result`.
NodeId Parser::parse_generic_function_type() {
  Token start = m_token;
  DepthGuard guard(*this, start);
  if (!guard.ok()) return add_type(TypeKind::error, location_of(start));
  AstList generics = parse_generic_params(false);
  if (!at(TokenKind::lparen)) {
    error_expected("'('", "generic function type");
    return add_type(TypeKind::error, span_from(start));
  }
  return parse_paren_type(false, generics, true);
}

NodeId Parser::parse_reference_type() {
  Token start = m_token;
  advance();
  Token name = start;
  AstText prefix{};
  if (at(TokenKind::dot)) {
    advance();
    name = m_token;
    if (!expect(TokenKind::name, "qualified type name")) return add_type(TypeKind::error, span_from(start));
    prefix = name_entry(token_source(start)).text;
  }
  AstList args = at(TokenKind::lt) ? parse_type_args() : AstList{};
  NodeId type = add_type(TypeKind::reference, span_from(start));
  m_ast.types[type].text = name_entry(token_source(name)).text;
  m_ast.types[type].prefix = prefix;
  m_ast.types[type].list = args;
  if (at(TokenKind::dot3)) {
    error(k_code_type, m_token, "Unexpected '...' after type name; a generic type pack is not allowed here");
    advance();
  }
  return type;
}

// At '<': type arguments, each a type or a pack, up to the closing '>'.
AstList Parser::parse_type_args() {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return {};
  advance();
  std::size_t base = m_scratch.size();
  while ((!at(TokenKind::gt) && !at(TokenKind::ge)) || m_scratch.size() > base) {
    m_scratch.push_back(parse_type_or_pack());
    if (!accept(TokenKind::comma)) break;
  }
  expect_type_close();
  return finish_list(base);
}

bool Parser::expect_type_close() {
  if (accept(TokenKind::gt) || split_ge()) return true;
  error_expected("'>'", "type parameters");
  return false;
}

// At '(': a function type's arguments, a parenthesized type, or (where allowed) a type pack.
NodeId Parser::parse_paren_type(bool allow_pack, AstList generics, bool has_generics) {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return add_type(TypeKind::error, location_of(open));
  advance();
  std::size_t base = m_scratch.size();
  bool named = false;
  NodeId tail = parse_paren_type_list(base, named);
  expect_closing(TokenKind::rparen, open);
  NodeId args = add_type(TypeKind::pack, span_from(open));
  m_ast.types[args].a = tail;
  if (at(TokenKind::arrow)) {
    m_ast.types[args].list = finish_list(base);
    advance();
    NodeId result = parse_return_type();
    NodeId function = add_type(TypeKind::function, span_from(open));
    m_ast.types[function].list = generics;
    m_ast.types[function].a = args;
    m_ast.types[function].b = result;
    return function;
  }
  return finish_paren_type(args, base, named, allow_pack, has_generics);
}

// The entries between '(' and ')' onto the scratch list; returns the tail pack (`...T`, `G...`) or k_none.
NodeId Parser::parse_paren_type_list(std::size_t base, bool& named) {
  while (!at(TokenKind::rparen) || m_scratch.size() > base) {
    if (at(TokenKind::dot3) || (at(TokenKind::name) && lookahead().kind == TokenKind::dot3)) {
      return parse_variadic_or_generic_pack();
    }
    if (at(TokenKind::name) && lookahead().kind == TokenKind::colon) {
      m_scratch.push_back(parse_named_type_arg());
      named = true;
    } else {
      m_scratch.push_back(parse_type());
    }
    if (!accept(TokenKind::comma)) break;
  }
  return k_none;
}

// `name: T` in a function type's arguments.
NodeId Parser::parse_named_type_arg() {
  Token name = m_token;
  advance();
  advance();
  NodeId inner = parse_type();
  NodeId arg = add_type(TypeKind::named_arg, span_from(name));
  m_ast.types[arg].a = inner;
  m_ast.types[arg].text = name_entry(token_source(name)).text;
  return arg;
}

// A parenthesized list not followed by '->': `(T)` is a group; otherwise a pack where packs are allowed.
NodeId Parser::finish_paren_type(NodeId pack, std::size_t base, bool named, bool allow_pack, bool has_generics) {
  std::size_t count = m_scratch.size() - base;
  NodeId tail = m_ast.types[pack].a;
  if (has_generics) {
    error_expected("'->'", "generic function type");
  } else if (count == 1 && tail == k_none && !named) {
    m_ast.types[pack].kind = TypeKind::group;
    m_ast.types[pack].a = m_scratch[base];
    m_scratch.resize(base);
    return pack;
  } else if (!allow_pack) {
    error_expected("'->'", "function type");
  }
  m_ast.types[pack].list = finish_list(base);
  return pack;
}

NodeId Parser::parse_table_type() {
  Token open = m_token;
  DepthGuard guard(*this, open);
  if (!guard.ok()) return add_type(TypeKind::error, location_of(open));
  advance();
  bool entries = at(TokenKind::rbrace) || at(TokenKind::lbracket) || at_access_modifier() ||
                 (at(TokenKind::name) && lookahead().kind == TokenKind::colon);
  NodeId table = k_none;
  if (entries) {
    table = parse_table_type_entries();
  } else {
    NodeId element = parse_type();
    table = add_type(TypeKind::array, location_of(open));
    m_ast.types[table].a = element;
  }
  expect_closing(TokenKind::rbrace, open);
  m_ast.types[table].location = span_from(open);
  return table;
}

// `read`/`write` before a table type entry (and not a property named read or write).
bool Parser::at_access_modifier() {
  if (!at_name("read") && !at_name("write")) return false;
  TokenKind next = lookahead().kind;
  return next == TokenKind::name || next == TokenKind::lbracket;
}

NodeId Parser::parse_table_type_entries() {
  std::size_t base = m_scratch.size();
  bool seen_indexer = false;
  while (!at(TokenKind::rbrace) && !at(TokenKind::eof)) {
    NodeId entry = parse_table_type_entry(seen_indexer);
    if (entry == k_none) break;
    m_scratch.push_back(entry);
    if (!accept(TokenKind::comma) && !accept(TokenKind::semicolon)) break;
  }
  NodeId table = add_type(TypeKind::table, location_of(m_token));
  m_ast.types[table].list = finish_list(base);
  return table;
}

// `[read|write] name: T`, `[read|write] ["key"]: T` or `[read|write] [K]: V`; k_none when none is there.
NodeId Parser::parse_table_type_entry(bool& seen_indexer) {
  Token start = m_token;
  std::uint8_t access = 0;
  if (at_access_modifier()) {
    access = at_name("read") ? k_type_read : k_type_write;
    advance();
  }
  NodeId entry = k_none;
  if (at(TokenKind::lbracket)) {
    entry = parse_table_type_bracket_entry(seen_indexer);
  } else if (at(TokenKind::name)) {
    AstText name = name_entry(token_source(m_token)).text;
    advance();
    expect(TokenKind::colon, "table type property");
    NodeId value = parse_type();
    entry = add_type(TypeKind::property, location_of(start));
    m_ast.types[entry].text = name;
    m_ast.types[entry].a = value;
  } else {
    error_parts(k_code_syntax, m_token, {"Expected a property name or '[' in table type"}, true);
    return k_none;
  }
  m_ast.types[entry].flags = access;
  m_ast.types[entry].location = span_from(start);
  return entry;
}

// `["key"]: T` (a property) or `[K]: V` (the indexer).
NodeId Parser::parse_table_type_bracket_entry(bool& seen_indexer) {
  Token bracket = m_token;
  advance();
  if ((at(TokenKind::string) || at(TokenKind::long_string)) && lookahead().kind == TokenKind::rbracket) {
    NodeId key = parse_atom();
    expect_closing(TokenKind::rbracket, bracket);
    expect(TokenKind::colon, "table type property");
    NodeId value = parse_type();
    NodeId entry = add_type(TypeKind::property, location_of(bracket));
    m_ast.types[entry].text = m_ast.exprs[key].text;
    m_ast.types[entry].a = value;
    return entry;
  }
  if (seen_indexer) error(k_code_type, bracket, "A table type can have only one indexer");
  seen_indexer = true;
  NodeId key = parse_type();
  expect_closing(TokenKind::rbracket, bracket);
  expect(TokenKind::colon, "table type indexer");
  NodeId value = parse_type();
  NodeId entry = add_type(TypeKind::indexer, location_of(bracket));
  m_ast.types[entry].b = key;
  m_ast.types[entry].a = value;
  return entry;
}

}  // namespace rbxpipe::luau
