#pragma once
// Decoding of Luau literals: string escapes and number spellings (internal to the parser).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rbxpipe::luau {

/// A malformed escape: where it starts in the raw text and how many bytes it spans.
struct EscapeError {
  std::uint32_t offset = 0;  ///< offset of the backslash within the raw text
  std::uint32_t length = 0;  ///< bytes of the malformed escape
};

/// Appends the decoded bytes of a quoted or interpolated string's raw contents to `out`; malformed `\x`, `\u` and
/// `\ddd` escapes are appended to `errors` (and decode to nothing). Unknown escapes mean the character itself.
void decode_string(std::string_view raw, std::string& out, std::vector<EscapeError>& errors);

/// What a number spelling is.
enum class NumberStatus : std::uint8_t { number, integer, malformed, integer_overflow };

/// A decoded number literal.
struct NumberLiteral {
  NumberStatus status = NumberStatus::malformed;  ///< valid number, valid `i` integer, or why not
  double value = 0;                               ///< the value of a number
  std::int64_t integer = 0;                       ///< the value of an integer literal (two's complement)
};

/// Decodes a number token: decimal (with fraction and exponent), `0x` hex, `0b` binary, `_` separators after the
/// first character, and `i`-suffixed integer literals. Overflowing hex/binary numbers are valid (they round).
NumberLiteral decode_number(std::string_view text);

}  // namespace rbxpipe::luau
