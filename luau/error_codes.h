#pragma once
// The stable diagnostic codes of the Luau parser (listed with their meaning in luau/README.md).

#include <string_view>

namespace rbxpipe::luau {

/// Unexpected or missing token.
inline constexpr std::string_view k_code_syntax = "LUAU0001";
/// Unterminated string, long string, interpolated string or block comment.
inline constexpr std::string_view k_code_unterminated = "LUAU0002";
/// Malformed escape sequence in a string.
inline constexpr std::string_view k_code_bad_escape = "LUAU0003";
/// Malformed number literal.
inline constexpr std::string_view k_code_bad_number = "LUAU0004";
/// Character that cannot appear outside strings and comments.
inline constexpr std::string_view k_code_bad_character = "LUAU0005";
/// Operator from another language (`!=`, `&&`, `||`, `!`).
inline constexpr std::string_view k_code_confusable = "LUAU0006";
/// `break` or `continue` outside a loop.
inline constexpr std::string_view k_code_outside_loop = "LUAU0007";
/// `...` outside a vararg function.
inline constexpr std::string_view k_code_varargs = "LUAU0008";
/// `(` on a new line that would continue the previous expression as a call.
inline constexpr std::string_view k_code_ambiguous_call = "LUAU0009";
/// Assignment to something that is not a variable or a field.
inline constexpr std::string_view k_code_not_assignable = "LUAU0010";
/// A `;` that does not follow a statement.
inline constexpr std::string_view k_code_empty_statement = "LUAU0011";
/// A statement after `return`, `break` or `continue` in the same block.
inline constexpr std::string_view k_code_after_last = "LUAU0012";
/// Nesting deeper than the limit.
inline constexpr std::string_view k_code_too_deep = "LUAU0013";
/// More than 100 errors.
inline constexpr std::string_view k_code_too_many_errors = "LUAU0014";
/// Unknown, duplicated, empty or misplaced attribute, or bad attribute arguments.
inline constexpr std::string_view k_code_attribute = "LUAU0015";
/// Malformed interpolated string (`{{`, empty `{}`, used as a call argument or a type).
inline constexpr std::string_view k_code_interpolation = "LUAU0016";
/// Malformed type annotation.
inline constexpr std::string_view k_code_type = "LUAU0017";
/// `const` without a matching initializer, or assignment to a const.
inline constexpr std::string_view k_code_const = "LUAU0018";
/// Misused `export` of a value.
inline constexpr std::string_view k_code_export = "LUAU0019";
/// Syntax Roblox has not shipped (with `roblox_only`).
inline constexpr std::string_view k_code_not_on_roblox = "LUAU0020";
/// A type function using a local of an enclosing function or the chunk.
inline constexpr std::string_view k_code_type_function_local = "LUAU0021";

}  // namespace rbxpipe::luau
