// Function bodies, parameters, return types, generic parameter lists, attributes and `export` of values.
#include <string>

#include "luau/error_codes.h"
#include "luau/parser_state.h"

namespace rbxpipe::luau {

namespace {

constexpr std::string_view k_known_attributes[] = {"native", "checked", "deprecated", "debugnoinline"};

bool known_attribute(std::string_view name) {
  for (auto known : k_known_attributes) {
    if (known == name) return true;
  }
  return false;
}

}  // namespace

// `funcbody` after `function` (and its name): generics, parameters, return type, block, `end`. `start` is the
// token the function starts with (for the location and the "to close" message).
NodeId Parser::parse_function_body(const Token& start, bool method, AstList attributes, bool type_function) {
  // The node is stored first and filled in by index, so no large local lives across the body's recursion.
  auto id = static_cast<NodeId>(m_ast.functions.size());
  m_ast.functions.emplace_back().attributes = attributes;
  m_functions.push_back({false, 0});
  int saved_type_function_level = m_type_function_level;
  if (type_function) m_type_function_level = static_cast<int>(m_functions.size() - 1);
  std::size_t mark = scope_mark();
  parse_signature(id, start, method);
  m_functions.back().vararg = m_ast.functions[id].vararg;
  NodeId body = parse_block();
  m_ast.functions[id].body = body;
  expect_closing(TokenKind::kw_end, start);
  restore_scope(mark);
  m_functions.pop_back();
  m_type_function_level = saved_type_function_level;
  m_ast.functions[id].location = span_from(start);
  return id;
}

// Generics, `self`, parameters and return type of function `id`.
void Parser::parse_signature(NodeId id, const Token& start, bool method) {
  if (at(TokenKind::lt)) {
    AstList generics = parse_generic_params(false);
    m_ast.functions[id].generics = generics;
  }
  if (method) m_ast.functions[id].self = declare_local("self", location_of(start), k_none, false);
  Token open = m_token;
  if (expect(TokenKind::lparen, "function")) {
    parse_params(id);
    expect_closing(TokenKind::rparen, open);
  }
  if (accept(TokenKind::colon)) {
    NodeId return_type = parse_return_type();
    m_ast.functions[id].return_type = return_type;
  }
}

void Parser::parse_params(NodeId id) {
  std::size_t base = m_scratch.size();
  while (!at(TokenKind::rparen) || m_scratch.size() > base) {
    if (accept(TokenKind::dot3)) {
      m_ast.functions[id].vararg = true;
      if (accept(TokenKind::colon)) {
        bool generic_pack = at(TokenKind::name) && lookahead().kind == TokenKind::dot3;
        NodeId type = generic_pack || at(TokenKind::dot3) ? parse_variadic_or_generic_pack() : parse_type();
        m_ast.functions[id].vararg_type = type;
      }
      break;
    }
    Token name = m_token;
    if (!expect(TokenKind::name, "function parameters")) break;
    NodeId annotation = accept(TokenKind::colon) ? parse_type() : k_none;
    m_scratch.push_back(declare_local(name, annotation, false));
    if (!accept(TokenKind::comma)) break;
  }
  AstList params = finish_list(base);
  m_ast.functions[id].params = params;
}

// `<T, U..., V = Default>`; defaults only where `allow_defaults` (type aliases). Plain names come before packs.
AstList Parser::parse_generic_params(bool allow_defaults) {
  advance();
  std::size_t base = m_scratch.size();
  bool seen_pack = false;
  for (;;) {
    Token name = m_token;
    if (!expect(TokenKind::name, "generic parameters")) break;
    AstGenericParam param;
    param.name = name_entry(token_source(name)).text;
    if (accept(TokenKind::dot3)) {
      param.pack = true;
      seen_pack = true;
    } else if (seen_pack) {
      error(k_code_type, name,
            "Generic type '" + std::string(token_source(name)) + "' must come before the generic type packs");
    }
    if (at(TokenKind::assign)) {
      if (!allow_defaults) error(k_code_type, m_token, "Default types are only allowed on type alias parameters");
      advance();
      param.default_type = param.pack ? parse_type_or_pack() : parse_type();
    }
    param.location = span_from(name);
    m_scratch.push_back(static_cast<NodeId>(m_ast.generics.size()));
    m_ast.generics.push_back(param);
    if (!accept(TokenKind::comma)) break;
  }
  expect_type_close();
  return finish_list(base);
}

// One or more `@name` / `@[a, b(args), c "s", d {t}]`, checked against the known attribute names.
AstList Parser::parse_attributes() {
  std::size_t base = m_scratch.size();
  while (at(TokenKind::attribute) || at(TokenKind::attribute_open)) {
    if (at(TokenKind::attribute)) {
      AstAttribute attribute;
      attribute.name = name_entry(m_text.substr(m_token.text_begin, m_token.text_end - m_token.text_begin)).text;
      attribute.location = location_of(m_token);
      add_attribute(attribute, base);
      advance();
      continue;
    }
    Token open = m_token;
    advance();
    if (at(TokenKind::rbracket)) {
      error(k_code_attribute, open, "An attribute list '@[]' cannot be empty");
      advance();
      continue;
    }
    for (;;) {
      Token name = m_token;
      if (!expect(TokenKind::name, "attribute")) break;
      AstAttribute attribute;
      attribute.name = name_entry(token_source(name)).text;
      std::size_t args_base = m_scratch.size();
      if (at(TokenKind::lparen)) {
        Token paren = m_token;
        DepthGuard guard(*this, paren);
        if (!guard.ok()) break;
        advance();
        if (!at(TokenKind::rparen)) parse_expr_list();
        expect_closing(TokenKind::rparen, paren);
      } else if (at(TokenKind::string) || at(TokenKind::long_string)) {
        Token string = m_token;
        advance();
        m_scratch.push_back(parse_string(string));
      } else if (at(TokenKind::lbrace)) {
        m_scratch.push_back(parse_table());
      }
      attribute.args = finish_list(args_base);
      attribute.location = span_from(name);
      add_attribute(attribute, base);
      if (!accept(TokenKind::comma)) break;
    }
    expect_closing(TokenKind::rbracket, open);
  }
  return finish_list(base);
}

void Parser::add_attribute(const AstAttribute& attribute, std::size_t base) {
  std::string name(m_ast.str(attribute.name));
  int length = static_cast<int>(attribute.location.end - attribute.location.begin);
  if (!known_attribute(name)) {
    error_at(k_code_attribute, attribute.location.begin,
             "Unknown attribute '@" + name + "'; known attributes are @native, @checked and @deprecated", length);
  }
  for (std::size_t i = base; i < m_scratch.size(); ++i) {
    if (m_ast.str(m_ast.attributes[m_scratch[i]].name) == name) {
      error_at(k_code_attribute, attribute.location.begin, "Duplicate attribute '@" + name + "'", length);
      break;
    }
  }
  check_attribute_args(attribute);
  m_scratch.push_back(static_cast<NodeId>(m_ast.attributes.size()));
  m_ast.attributes.push_back(attribute);
}

// Arguments must be literals (nil, booleans, numbers, strings, tables of literals); `@deprecated` takes at most
// one table with string fields `use` and `reason`.
void Parser::check_attribute_args(const AstAttribute& attribute) {
  std::vector<NodeId> pending(m_ast.list(attribute.args).begin(), m_ast.list(attribute.args).end());
  while (!pending.empty()) {
    NodeId id = pending.back();
    pending.pop_back();
    const AstExpr& expr = m_ast.exprs[id];
    switch (expr.kind) {
      case ExprKind::nil:
      case ExprKind::boolean:
      case ExprKind::number:
      case ExprKind::integer:
      case ExprKind::string:
      case ExprKind::error: continue;
      case ExprKind::unary:
        if (expr.op == static_cast<std::uint8_t>(UnaryOp::negate) &&
            (m_ast.exprs[expr.a].kind == ExprKind::number || m_ast.exprs[expr.a].kind == ExprKind::integer)) {
          continue;
        }
        break;
      case ExprKind::table:
        for (NodeId field_id : m_ast.list(expr.list)) {
          const AstTableField& field = m_ast.fields[field_id];
          if (field.key != k_none) pending.push_back(field.key);
          pending.push_back(field.value);
        }
        continue;
      default: break;
    }
    error_at(k_code_attribute, expr.location.begin,
             "Attribute arguments must be literals: nil, booleans, numbers, strings or tables of them",
             static_cast<int>(expr.location.end - expr.location.begin));
    return;
  }
  if (m_ast.str(attribute.name) != "deprecated" || attribute.args.size == 0) return;
  bool valid = attribute.args.size == 1;
  const AstExpr& arg = m_ast.exprs[m_ast.ids[attribute.args.begin]];
  if (valid && arg.kind != ExprKind::table) valid = false;
  if (valid) {
    for (NodeId field_id : m_ast.list(arg.list)) {
      const AstTableField& field = m_ast.fields[field_id];
      std::string_view key = field.kind == TableFieldKind::record ? m_ast.str(m_ast.exprs[field.key].text) : "";
      if ((key != "use" && key != "reason") || m_ast.exprs[field.value].kind != ExprKind::string) valid = false;
    }
  }
  if (!valid) {
    error_at(k_code_attribute, attribute.location.begin,
             "'@deprecated' takes no arguments or one table {use = \"...\", reason = \"...\"}",
             static_cast<int>(attribute.location.end - attribute.location.begin));
  }
}

// A statement starting with attributes: they must be followed by one of the function declarations.
NodeId Parser::parse_attributed_statement() {
  Token start = m_token;
  AstList attributes = parse_attributes();
  if (at(TokenKind::kw_function)) return parse_function_statement(attributes, 0, start);
  if (at(TokenKind::kw_local) && lookahead().kind == TokenKind::kw_function) {
    advance();
    return parse_local(start, 0, attributes);
  }
  if (at_name("const") && lookahead().kind == TokenKind::kw_function) {
    if (m_options.roblox_only) {
      error(k_code_not_on_roblox, m_token, "'const' declarations are not available on Roblox yet; use 'local'");
    }
    advance();
    return parse_local(start, k_stat_const, attributes);
  }
  if (at_name("export") && lookahead().kind == TokenKind::kw_function) {
    Token word = m_token;
    advance();
    return parse_export(word, attributes);
  }
  error(k_code_attribute, m_token,
        "Attributes are only allowed before 'function', 'local function', 'const function' or 'export function'");
  if (block_follow()) return add_stat(StatKind::error, span_from(start));
  return parse_statement();
}

// After `export` (consumed, `word`), at `local`, `const` or `function`.
NodeId Parser::parse_export(const Token& word, AstList attributes) {
  if (m_options.roblox_only) {
    error(k_code_not_on_roblox, word, "'export' of values is not available on Roblox yet");
  }
  if (m_block_depth > 0 || m_functions.size() > 1) {
    error(k_code_export, word, "'export' is only allowed at the top level of a module");
  }
  if (at(TokenKind::kw_function)) {
    Token function_token = m_token;
    advance();
    Token name = m_token;
    if (!expect(TokenKind::name, "exported function name")) return add_stat(StatKind::error, span_from(word));
    NodeId local = declare_local(name, k_none, true);
    note_export(name);
    if (at(TokenKind::dot) || at(TokenKind::colon)) {
      error(k_code_export, m_token, "An exported function must have a plain name, not a field or method");
      while (accept(TokenKind::dot) || accept(TokenKind::colon)) accept(TokenKind::name);
    }
    NodeId function = parse_function_body(attributes.size > 0 ? word : function_token, false, attributes, false);
    NodeId stat = add_stat(StatKind::local_function, span_from(word));
    m_ast.stats[stat].a = local;
    m_ast.stats[stat].b = function;
    m_ast.stats[stat].flags = k_stat_export | k_stat_const;
    return stat;
  }
  bool is_const = at_name("const");
  Token keyword = m_token;
  advance();
  if (at(TokenKind::kw_function)) {
    error(k_code_export, keyword,
          std::string("'export ") + (is_const ? "const" : "local") +
              " function' is not allowed; write 'export function'");
  }
  return parse_local(word, static_cast<std::uint8_t>(k_stat_export | (is_const ? k_stat_const : 0)), attributes);
}

void Parser::note_export(const Token& name) {
  std::string_view text = token_source(name);
  if (!m_exported.insert(text).second) {
    error(k_code_export, name, "'" + std::string(text) + "' is exported twice");
  }
  if (!m_has_export && m_top_return != k_none) {
    error(k_code_export, name, "A module that returns a value cannot also export values");
  }
  m_has_export = true;
}

// A return type. As in the reference parser, `(T, ...U)` followed by `?`, `|` or `&` applies them to its only
// type T and keeps the tail: `(): (string, ...number) | boolean` is accepted.
NodeId Parser::parse_return_type() {
  Token start = m_token;
  NodeId result = parse_type_or_pack();
  if (!at(TokenKind::question) && !at(TokenKind::pipe) && !at(TokenKind::ampersand)) return result;
  const AstType& pack = m_ast.types[result];
  if (pack.kind != TypeKind::pack || pack.a == k_none || pack.list.size != 1) return result;
  std::uint32_t slot = pack.list.begin;
  if (m_ast.types[m_ast.ids[slot]].kind == TypeKind::named_arg) return result;
  m_ast.ids[slot] = parse_type_rest(parse_type_suffixes(m_ast.ids[slot]), start, TokenKind::eof);
  return result;
}

}  // namespace rbxpipe::luau
