#pragma once
// Luau and TypeScript source text for generated modules: literals, table keys, and a small table-literal printer
// (tab indents, trailing commas) so every generated module prints the same way.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rbxpipe::assets {

/// True when `name` can be written bare as a Luau table key (`lava = ...`): an identifier that is not a keyword.
bool is_luau_identifier(std::string_view name);

/// A Luau double-quoted string literal; quotes, backslashes and control bytes escaped, other bytes kept as they are.
std::string luau_string(std::string_view text);

/// A Luau table key: `name` when it is an identifier, else `["name"]`.
std::string luau_key(std::string_view name);

/// True when `name` can be written bare as a TypeScript property name.
bool is_typescript_identifier(std::string_view name);

/// A TypeScript double-quoted string literal.
std::string typescript_string(std::string_view text);

/// A TypeScript property name: `name` when it is an identifier, else `"name"`.
std::string typescript_key(std::string_view name);

/// A Luau expression being built: either plain text (`"rbxassetid://1"`, `10`) or a table literal with array items
/// and keyed fields, printed in the order they were added.
struct LuauExpr {
  // Special members are defined in the .cpp where LuauExpr is complete: implicit ones make clang's standard library
  // check pair<string, LuauExpr> while LuauExpr is still incomplete.
  /// An empty expression.
  LuauExpr();
  /// Copies.
  LuauExpr(const LuauExpr& other);
  /// Moves.
  LuauExpr(LuauExpr&& other) noexcept;
  /// Copy-assigns.
  LuauExpr& operator=(const LuauExpr& other);
  /// Move-assigns.
  LuauExpr& operator=(LuauExpr&& other) noexcept;
  ~LuauExpr();

  std::string text;                                      ///< the expression, when not a table
  bool is_table = false;                                 ///< true: print `items` and `fields` as a table literal
  std::vector<LuauExpr> items;                           ///< array part, printed first
  std::vector<std::pair<std::string, LuauExpr>> fields;  ///< keyed part (raw key names), in this order

  /// An expression written as is.
  static LuauExpr raw(std::string text);
  /// A string literal.
  static LuauExpr string(std::string_view text);
  /// An empty table.
  static LuauExpr table();
  /// Appends an array item and returns this table.
  LuauExpr& add(LuauExpr item);
  /// Appends a keyed field and returns this table.
  LuauExpr& set(std::string key, LuauExpr value);
};

/// Prints `expr` at nesting depth `depth` (tabs). A table whose entries are all array items of plain text prints on
/// one line (`{"a", "b"}`); any other non-empty table prints one entry per line with trailing commas.
std::string render_luau(const LuauExpr& expr, int depth = 0);

}  // namespace rbxpipe::assets
