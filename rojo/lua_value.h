#pragma once
// LuaValue: a plain data value (nil, boolean, number, string, array, table) and the Lua source Rojo generates for
// it, so data files (.json, .toml, .yaml) and rbxpipe's own generated modules print byte-identically to Rojo.

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace rbxpipe::rojo {

struct LuaValue;

/// A Lua array: `{a, b, c}`.
using LuaArray = std::vector<LuaValue>;
/// A Lua table with string keys; printed with keys sorted by byte order whatever the order here (JSON and TOML
/// objects print this way in Rojo).
using LuaTable = std::vector<std::pair<std::string, LuaValue>>;
/// A Lua table whose keys may be any value but nil, printed in the order given: YAML mappings keep document order
/// and may have number, boolean or table keys (`[1] = ...`).
using LuaKeyedTable = std::vector<std::pair<LuaValue, LuaValue>>;

/// One data value. Numbers are doubles, as Rojo holds them (integers print without a fraction).
struct LuaValue {
  // The special members are declared here and defined where LuaValue is complete: implicit ones make the standard
  // library's pair/variant traits recurse into the incomplete type under clang.
  /// nil.
  LuaValue();
  /// A value of one of the alternatives (bool, double, std::string, LuaArray, ...).
  template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, LuaValue>>>
  LuaValue(T&& value) : data(std::forward<T>(value)) {}  // NOLINT(google-explicit-constructor)
  /// Copies.
  LuaValue(const LuaValue& other);
  /// Moves.
  LuaValue(LuaValue&& other) noexcept;
  /// Copy-assigns.
  LuaValue& operator=(const LuaValue& other);
  /// Move-assigns.
  LuaValue& operator=(LuaValue&& other) noexcept;
  ~LuaValue();

  /// monostate is nil.
  std::variant<std::monostate, bool, double, std::string, LuaArray, LuaTable, LuaKeyedTable> data;
};

/// The source of a ModuleScript returning `value`, exactly as Rojo writes it ("return ..." with tab indents, no
/// trailing newline).
std::string lua_module_source(const LuaValue& value);

/// One value as a Lua expression written at nesting depth `indent`: a table's entries get `indent + 1` tabs and its
/// closing brace `indent` tabs; the first line carries no indentation of its own.
std::string lua_expression(const LuaValue& value, int indent = 0);

/// A number as Rust prints an f64: shortest round-trip digits, never an exponent ("1", "0.1", 1e21 as
/// "1000000000000000000000"), "-0" for negative zero; NaN as "0/0" and infinities as "math.huge" / "-math.huge".
std::string lua_number(double value);

}  // namespace rbxpipe::rojo
