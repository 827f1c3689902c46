#pragma once
// Internal to base/: character-level helpers shared by the JSONC reader (UTF-8, hex escapes, error wording).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rbxpipe::base {

/// True for '0'..'9'.
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// True for the characters a bare word (true, null, or a mistaken unquoted name) is made of.
bool is_word_char(char c);

/// The value of four hex digits at `offset`, or -1 when any is missing or not hex.
int hex4(std::string_view text, std::size_t offset);

/// Bytes in the well-formed UTF-8 sequence at `offset` (RFC 3629: no overlongs, no surrogates), or 0 if ill-formed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t offset);

/// Appends `code_point` encoded as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

/// Names what sits at `offset` for "expected X, found Y" messages: "']'", "'foo'", "end of file", "byte 0xff".
std::string describe_found(std::string_view text, std::size_t offset);

}  // namespace rbxpipe::base
