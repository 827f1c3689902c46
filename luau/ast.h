#pragma once
// The Luau syntax tree: flat arenas of nodes addressed by 32-bit ids, so a tree of any depth is built and freed
// without recursion. Names are resolved while parsing: a use of a local points at its declaration.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rbxpipe::luau {

/// Index of a node in one of the `Ast` arenas; `k_none` when absent.
using NodeId = std::uint32_t;
/// The id meaning "no node".
inline constexpr NodeId k_none = 0xffffffffu;

/// Where a node is: byte range [begin, end) and the 1-based line and byte column of its first byte.
struct AstLocation {
  std::uint32_t begin = 0;  ///< byte offset of the first byte
  std::uint32_t end = 0;    ///< byte offset just past the last byte
  int line = 0;             ///< 1-based line of `begin`
  int column = 0;           ///< 1-based byte column of `begin`
};

/// A run of ids in `Ast::ids` (what they index depends on the field holding the list).
struct AstList {
  std::uint32_t begin = 0;  ///< first index into `Ast::ids`
  std::uint32_t size = 0;   ///< number of ids
};

/// A run of bytes in `Ast::text` (names and decoded string constants).
struct AstText {
  std::uint32_t begin = 0;  ///< first byte in `Ast::text`
  std::uint32_t size = 0;   ///< number of bytes
};

/// Unary operators.
enum class UnaryOp : std::uint8_t { negate, logical_not, length };
/// Binary operators (also the operator of a compound assignment).
enum class BinaryOp : std::uint8_t {
  add, sub, mul, div, floor_div, mod, pow, concat, eq, ne, lt, le, gt, ge, logical_and, logical_or
};

/// Expression kinds; the comment says which `AstExpr` fields each uses.
enum class ExprKind : std::uint8_t {
  error,          ///< unparsable expression; `list` holds any sub-expressions that were parsed
  nil,            ///< `nil`
  boolean,        ///< `true`/`false`: `flags` is 1 for true
  number,         ///< number constant: `a` indexes `Ast::numbers`
  integer,        ///< integer literal `123i`: `a` indexes `Ast::integers`
  string,         ///< string constant: `text` is the decoded bytes; `flags` is 1 for a long-bracket string
  interp_string,  ///< `` `a{x}b` ``: `list` alternates string constants (even) and expressions (odd)
  varargs,        ///< `...`
  global,         ///< a name with no local in scope: `text`
  local,          ///< a use of a local: `a` is the `AstLocal` id, `text` the name
  index_name,     ///< `a.name`: `a` object, `text` name
  index_expr,     ///< `a[b]`: `a` object, `b` key
  call,           ///< `a(list)` or, when `flags & k_call_method`, `a:text(list)`; `b` explicit type args pack
  function,       ///< function expression: `a` is the `AstFunction` id
  table,          ///< table constructor: `list` holds `AstTableField` ids
  unary,          ///< `op a`: `op` is a `UnaryOp`
  binary,         ///< `a op b`: `op` is a `BinaryOp`
  if_else,        ///< `if a then b else c` (`elseif` nests in `c`); `list` holds the local of `if local x = a`
  type_cast,      ///< `a :: b`: `b` is an `AstType` id
  group,          ///< `(a)`
  instantiate,    ///< `a<<list>>`: `list` holds `AstType` ids
};

/// `AstExpr::flags` bit of a call written with `:`.
inline constexpr std::uint8_t k_call_method = 1;

/// One expression node.
struct AstExpr {
  ExprKind kind = ExprKind::error;  ///< which fields mean what
  std::uint8_t op = 0;              ///< UnaryOp or BinaryOp
  std::uint8_t flags = 0;           ///< kind-specific flags
  NodeId a = k_none;                ///< first child (see ExprKind)
  NodeId b = k_none;                ///< second child
  NodeId c = k_none;                ///< third child
  AstList list;                     ///< child list
  AstText text;                     ///< name or decoded string
  AstLocation location;             ///< source range
};

/// Statement kinds; the comment says which `AstStat` fields each uses.
enum class StatKind : std::uint8_t {
  error,             ///< unparsable statement
  expr,              ///< call statement: `a` is the call expression
  local,             ///< `local`/`const`: `list` locals, `list2` values (`flags`: k_stat_const, k_stat_export)
  assign,            ///< `list` targets = `list2` values
  compound_assign,   ///< `a op= b`: `op` is the BinaryOp
  do_block,          ///< `do a end`: `a` block
  while_loop,        ///< `while a do b end`: `b` block
  repeat_loop,       ///< `repeat a until b`: `a` block, `b` condition
  if_then,           ///< `list`: (condition, block, local) per `if`/`elseif`, local of `if local x = e` or k_none;
                     ///< `c` else block or k_none
  numeric_for,       ///< `for a = list[0], list[1], list[2]? do b end`: `a` local, `b` block
  generic_for,       ///< `for list in list2 do a end`: `list` locals, `list2` values, `a` block
  function,          ///< `function a() end`: `a` name expression (global, local or index_name chain), `b` AstFunction
  local_function,    ///< `local function a() end`: `a` local, `b` AstFunction (`flags`: k_stat_const, k_stat_export)
  return_values,     ///< `return list`
  break_loop,        ///< `break`
  continue_loop,     ///< `continue`
  type_alias,        ///< `type text<list> = a`: `list` AstGenericParam ids, `a` type (`flags`: k_stat_export)
  type_function,     ///< `type function text() end`: `b` AstFunction (`flags`: k_stat_export)
};

/// `AstStat::flags` bit of a `const` declaration or `const function`.
inline constexpr std::uint8_t k_stat_const = 1;
/// `AstStat::flags` bit of an `export` statement.
inline constexpr std::uint8_t k_stat_export = 2;

/// One statement node.
struct AstStat {
  StatKind kind = StatKind::error;  ///< which fields mean what
  std::uint8_t op = 0;              ///< BinaryOp of a compound assignment
  std::uint8_t flags = 0;           ///< k_stat_const, k_stat_export
  NodeId a = k_none;                ///< first child (see StatKind)
  NodeId b = k_none;                ///< second child
  NodeId c = k_none;                ///< third child
  AstList list;                     ///< first child list
  AstList list2;                    ///< second child list
  AstText text;                     ///< declared type name
  AstLocation location;             ///< source range
};

/// A block: statements in order.
struct AstBlock {
  AstList stats;         ///< AstStat ids
  AstLocation location;  ///< source range
};

/// A declared local (variable, parameter, loop variable, local function, `self`).
struct AstLocal {
  AstText name;                 ///< the name
  AstLocation location;         ///< where it is declared
  NodeId annotation = k_none;   ///< AstType id of `: T`, or k_none
  std::uint32_t function = 0;   ///< nesting level of the function declaring it (0 is the chunk)
  bool is_const = false;        ///< declared with `const`, `const function` or `export function`
  NodeId shadows = k_none;      ///< the local of the same name it hides, or k_none
};

/// A function body (expression, statement, method or type function).
struct AstFunction {
  AstList params;               ///< AstLocal ids of the parameters, not counting `self`
  NodeId self = k_none;         ///< AstLocal id of the implicit `self` of a `:` method, or k_none
  bool vararg = false;          ///< ends with `...`
  NodeId vararg_type = k_none;  ///< AstType of `...: T` (a type or a generic pack), or k_none
  AstList generics;             ///< AstGenericParam ids
  NodeId return_type = k_none;  ///< AstType (type or pack) after `:`, or k_none
  NodeId body = k_none;         ///< AstBlock id
  AstList attributes;           ///< AstAttribute ids
  AstLocation location;         ///< from `function` (or the first attribute) to `end`
};

/// Table constructor entry kinds.
enum class TableFieldKind : std::uint8_t { item, record, general };

/// `{ value }`, `{ name = value }` (key is a string constant) or `{ [key] = value }`.
struct AstTableField {
  TableFieldKind kind = TableFieldKind::item;  ///< which form
  NodeId key = k_none;                         ///< AstExpr id of the key (k_none for items)
  NodeId value = k_none;                       ///< AstExpr id of the value
};

/// An attribute: `@name` or an entry of `@[name(args)]`.
struct AstAttribute {
  AstText name;          ///< attribute name without `@`
  AstList args;          ///< AstExpr ids of literal arguments
  AstLocation location;  ///< source range
};

/// A generic parameter `T`, `T...`, `T = Default` or `T... = Default...`.
struct AstGenericParam {
  AstText name;                 ///< the name
  bool pack = false;            ///< declared with `...`
  NodeId default_type = k_none; ///< AstType id of the default, or k_none
  AstLocation location;         ///< source range
};

/// Type kinds; the comment says which `AstType` fields each uses.
enum class TypeKind : std::uint8_t {
  error,             ///< unparsable type
  reference,         ///< `prefix.text<list>` (`prefix` empty when unqualified; `nil` is a reference named nil)
  singleton_string,  ///< string literal type: `text`
  singleton_bool,    ///< `true`/`false`: `flags` is 1 for true
  type_of,           ///< `typeof(a)`: `a` AstExpr id
  table,             ///< `{ list }`: property and indexer entries
  array,             ///< `{ a }`
  property,          ///< table entry `text: a` (`flags`: k_type_read, k_type_write)
  indexer,           ///< table entry `[b]: a` (`flags`: k_type_read, k_type_write)
  function,          ///< `<list>(a) -> b`: `list` generics, `a` argument pack, `b` return type or pack
  union_of,          ///< `list[0] | list[1] | ...`
  intersection_of,   ///< `list[0] & list[1] & ...`
  optional,          ///< `a?`
  group,             ///< `(a)`
  named_arg,         ///< function type argument `text: a`
  pack,              ///< `(list, a...)`: `a` is the tail pack or k_none
  variadic_pack,     ///< `...a`
  generic_pack,      ///< `text...`
};

/// `AstType::flags` bit of a `read` table entry.
inline constexpr std::uint8_t k_type_read = 1;
/// `AstType::flags` bit of a `write` table entry.
inline constexpr std::uint8_t k_type_write = 2;

/// One type node.
struct AstType {
  TypeKind kind = TypeKind::error;  ///< which fields mean what
  std::uint8_t flags = 0;           ///< kind-specific flags
  NodeId a = k_none;                ///< first child
  NodeId b = k_none;                ///< second child
  AstList list;                     ///< child list
  AstText text;                     ///< name or string
  AstText prefix;                   ///< module prefix of a qualified reference
  AstLocation location;             ///< source range
};

/// All nodes of one parsed file. Lists and text are stored once and referred to by `AstList`/`AstText`.
struct Ast {
  std::vector<AstExpr> exprs;               ///< expressions
  std::vector<AstStat> stats;               ///< statements
  std::vector<AstBlock> blocks;             ///< blocks
  std::vector<AstType> types;               ///< types, type entries and packs
  std::vector<AstLocal> locals;             ///< declared locals
  std::vector<AstFunction> functions;       ///< function bodies
  std::vector<AstTableField> fields;        ///< table constructor entries
  std::vector<AstAttribute> attributes;     ///< attributes
  std::vector<AstGenericParam> generics;    ///< generic parameters
  std::vector<double> numbers;              ///< number constants
  std::vector<std::int64_t> integers;       ///< integer literal values (two's complement)
  std::vector<NodeId> ids;                  ///< storage of every AstList
  std::string text;                         ///< storage of every AstText

  /// The ids of a list.
  std::span<const NodeId> list(AstList list) const { return {ids.data() + list.begin, list.size}; }
  /// The bytes of a text.
  std::string_view str(AstText text_ref) const { return {text.data() + text_ref.begin, text_ref.size}; }
  /// The expression with id `id`.
  const AstExpr& expr(NodeId id) const { return exprs[id]; }
  /// The statement with id `id`.
  const AstStat& stat(NodeId id) const { return stats[id]; }
};

/// Source spelling of a binary operator ("+", "and").
std::string_view binary_op_text(BinaryOp op);
/// Source spelling of a unary operator ("-", "not", "#").
std::string_view unary_op_text(UnaryOp op);

}  // namespace rbxpipe::luau
