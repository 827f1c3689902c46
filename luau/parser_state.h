#pragma once
// Parser: the recursive-descent parser behind parse_luau (internal). Its methods are spread over
// parser.cpp (tokens, errors, scopes), parser_statements.cpp, parser_control.cpp, parser_expressions.cpp,
// parser_constructors.cpp, parser_literals.cpp, parser_functions.cpp and parser_types.cpp.
//
// Recursion is bounded: every construct that can nest (blocks, bracketed expressions, tables, if-expressions,
// types) goes through a DepthGuard, and binary/unary operator chains are parsed with an explicit stack, so
// the native stack holds at most `max_depth` times a small constant number of frames.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "luau/error_list.h"
#include "luau/lexer.h"
#include "luau/literals.h"
#include "luau/name_table.h"
#include "luau/parser.h"

namespace rbxpipe::luau {

/// Parses one source into a ParseResult.
class Parser {
 public:
  /// A parser over `source` filling `result`.
  Parser(const base::SourceText& source, const ParseOptions& options, ParseResult& result);

  /// Parses the whole chunk into the result (tree and diagnostics).
  void parse_chunk();

 private:
  friend class DepthGuard;

  using NameEntry = NameTable::Entry;
  struct ScopeEntry {
    std::uint32_t name;
    NodeId previous;
  };
  struct FunctionState {
    bool vararg = false;
    int loop_depth = 0;
  };
  struct Binding {
    Token name;
    NodeId annotation;
  };
  struct Operator {
    bool unary;
    std::uint8_t op;
    int right_priority;
    NodeId left;
    Token token;
  };

  // parser.cpp: tokens, errors, tree building, names and scopes
  void advance();
  const Token& lookahead();
  bool at(TokenKind kind) const { return m_token.kind == kind; }
  bool accept(TokenKind kind);
  bool expect(TokenKind kind, std::string_view context);
  bool expect_closing(TokenKind kind, const Token& opening);
  void report_unclosed(TokenKind kind, const Token& opening);
  bool at_name(std::string_view word) const;
  bool split_ge();
  std::string_view token_source(const Token& token) const;
  std::string describe(const Token& token) const;
  void error(std::string_view code, const Token& token, std::string_view message);
  void error_at(std::string_view code, std::uint32_t offset, std::string_view message, int length = 0);
  void error_parts(std::string_view code, const Token& token, std::initializer_list<std::string_view> parts,
                   bool got = false);
  void error_expected(std::string_view what, std::string_view context);
  AstLocation location_of(const Token& token) const;
  AstLocation span_from(const Token& first) const;
  AstLocation span_from(const AstLocation& first) const;
  NodeId add_expr(ExprKind kind, AstLocation location);
  NodeId add_stat(StatKind kind, AstLocation location);
  NodeId add_type(TypeKind kind, AstLocation location);
  NodeId add_block(AstList stats, AstLocation location);
  AstList finish_list(std::size_t base);
  AstText add_text(std::string_view text);
  NameEntry& name_entry(std::string_view name);
  NodeId declare_local(std::string_view name, AstLocation location, NodeId annotation, bool is_const);
  NodeId declare_local(const Token& name, NodeId annotation, bool is_const);
  NodeId name_expr(const Token& name);
  std::size_t scope_mark() const { return m_scope.size(); }
  void restore_scope(std::size_t mark);
  bool block_follow() const;

  // parser_statements.cpp
  NodeId parse_block(bool own_scope = true);
  void parse_block_body();
  NodeId parse_statement();
  NodeId parse_local_statement();
  NodeId parse_break();
  NodeId parse_expression_statement();
  NodeId parse_contextual_statement(const Token& word);
  NodeId parse_assignment(NodeId first, const Token& start, bool check);
  NodeId parse_compound_assignment(NodeId target, const Token& start, bool check);
  void check_assignable(NodeId target);
  NodeId parse_local(const Token& start, std::uint8_t flags, AstList attributes);
  std::size_t parse_bindings(std::string_view context);
  AstList declare_bindings(std::size_t bindings_base);
  NodeId finish_local(const Token& start, std::uint8_t flags, std::size_t bindings_base, std::size_t values_base,
                      bool has_values);
  NodeId parse_local_function(const Token& start, std::uint8_t flags, AstList attributes);
  void check_const_values(const Token& start, std::size_t bindings_base, AstList values, bool has_values);
  NodeId parse_return();
  NodeId parse_loop_exit(StatKind kind, const Token& start);
  NodeId parse_type_statement(const Token& start, std::uint8_t flags);

  // parser_control.cpp
  NodeId parse_condition(NodeId& local_out);
  NodeId parse_condition_binding(NodeId& local_out);
  NodeId parse_if();
  NodeId parse_while();
  NodeId parse_repeat();
  NodeId parse_do();
  NodeId parse_for();
  void parse_numeric_range();
  NodeId parse_function_name(bool& method);
  NodeId parse_loop_body();
  NodeId parse_function_statement(AstList attributes, std::uint8_t flags, const Token& start);

  // parser_expressions.cpp
  NodeId parse_expr();
  NodeId parse_expr_from(NodeId first);
  void push_unary_operators();
  NodeId reduce_operators(std::size_t base, NodeId operand);
  bool push_binary_operator(NodeId left);
  bool at_binary_operator() const;
  NodeId reduce(const Operator& waiting, NodeId right);
  NodeId parse_simple_expr();
  NodeId parse_atom();
  NodeId parse_function_expr();
  NodeId parse_literal_suffix(NodeId expr);
  NodeId parse_casts(NodeId expr);
  NodeId parse_primary_expr();
  NodeId parse_group();
  NodeId parse_suffixes(NodeId expr);
  NodeId parse_field_suffix(NodeId object);
  NodeId parse_index_suffix(NodeId object);
  NodeId parse_method_suffix(NodeId object);
  NodeId parse_instantiate_suffix(NodeId expr);
  bool parse_call_args();
  NodeId parse_call(NodeId callee, bool method, AstText method_name, NodeId type_args);
  void parse_expr_list();
  NodeId parse_table();
  NodeId parse_table_field();
  NodeId parse_if_expr();

  // parser_literals.cpp
  NodeId decode_piece(const Token& token, AstLocation location);
  NodeId parse_string(const Token& token);
  NodeId parse_interpolated();
  NodeId parse_interp_piece();
  NodeId parse_interp_expr();
  NodeId parse_number();
  NodeId parse_instantiation();

  // parser_functions.cpp
  NodeId parse_function_body(const Token& start, bool method, AstList attributes, bool type_function);
  void parse_signature(NodeId id, const Token& start, bool method);
  void parse_params(NodeId id);
  AstList parse_generic_params(bool allow_defaults);
  AstList parse_attributes();
  void add_attribute(const AstAttribute& attribute, std::size_t base);
  void check_attribute_args(const AstAttribute& attribute);
  NodeId parse_attributed_statement();
  NodeId parse_export(const Token& word, AstList attributes);
  void note_export(const Token& name);

  // parser_types.cpp
  NodeId parse_type();
  NodeId parse_type_suffixes(NodeId type);
  NodeId parse_type_rest(NodeId first, const Token& start, TokenKind leading);
  NodeId parse_type_or_pack();
  NodeId parse_return_type();
  NodeId parse_variadic_or_generic_pack();
  NodeId parse_simple_type(bool allow_pack);
  NodeId parse_singleton_type();
  NodeId parse_typeof_type();
  NodeId parse_generic_function_type();
  NodeId parse_reference_type();
  AstList parse_type_args();
  bool expect_type_close();
  NodeId parse_paren_type(bool allow_pack, AstList generics, bool has_generics);
  NodeId parse_paren_type_list(std::size_t base, bool& named);
  NodeId parse_named_type_arg();
  NodeId finish_paren_type(NodeId pack, std::size_t base, bool named, bool allow_pack, bool has_generics);
  NodeId parse_table_type();
  bool at_access_modifier();
  NodeId parse_table_type_entries();
  NodeId parse_table_type_entry(bool& seen_indexer);
  NodeId parse_table_type_bracket_entry(bool& seen_indexer);

  const base::SourceText& m_source;
  std::string_view m_text;
  ParseOptions m_options;
  ParseResult& m_result;
  Ast& m_ast;
  ErrorList m_errors;
  Lexer m_lexer;
  Token m_token;
  Token m_lookahead;
  bool m_has_lookahead = false;
  std::uint32_t m_prev_end = 0;
  int m_prev_end_line = 1;
  int m_depth = 0;
  int m_block_depth = 0;
  int m_type_function_level = -1;
  std::vector<NodeId> m_scratch;
  std::vector<Binding> m_bindings;
  std::vector<EscapeError> m_escape_errors;
  std::vector<Operator> m_operators;
  std::vector<FunctionState> m_functions;
  std::vector<ScopeEntry> m_scope;
  NameTable m_names;
  std::unordered_set<std::string_view> m_exported;
  bool m_has_export = false;
  std::uint32_t m_top_return = 0xffffffffu;
  std::string m_decode_buffer;
};

/// Counts one level of nesting for as long as it lives; reports the limit once and stops the parse.
class DepthGuard {
 public:
  /// Enters one level at `token`.
  DepthGuard(Parser& parser, const Token& token);
  ~DepthGuard() { --m_parser.m_depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  /// False when the limit was exceeded (the caller returns an error node).
  bool ok() const { return m_ok; }

 private:
  Parser& m_parser;
  bool m_ok;
};

}  // namespace rbxpipe::luau
