#pragma once
// Tokens of Luau source (internal to the lexer and parser).

#include <cstdint>
#include <string_view>

namespace rbxpipe::luau {

/// What a token is. Keywords are the 21 reserved words; contextual words (`type`, `continue`...) are names.
enum class TokenKind : std::uint8_t {
  eof,
  name,
  number,
  string,         ///< '...' or "...": text is the raw contents between the quotes
  long_string,    ///< [[...]] or [==[...]==]: text is the contents (a newline right after the opening dropped)
  interp_simple,  ///< `...` with no braces: text is the raw contents
  interp_begin,   ///< `...{ : text is the raw piece before the brace
  interp_mid,     ///< }...{ : text is the raw piece between the braces
  interp_end,     ///< }...` : text is the raw piece after the brace
  attribute,      ///< @name: text is the name
  attribute_open, ///< @[
  kw_and, kw_break, kw_do, kw_else, kw_elseif, kw_end, kw_false, kw_for, kw_function, kw_if, kw_in, kw_local,
  kw_nil, kw_not, kw_or, kw_repeat, kw_return, kw_then, kw_true, kw_until, kw_while,
  plus, minus, star, slash, floor_div, percent, caret, concat, hash,
  eq, ne, lt, le, gt, ge, assign,
  plus_assign, minus_assign, star_assign, slash_assign, floor_div_assign, percent_assign, caret_assign,
  concat_assign,
  lparen, rparen, lbracket, rbracket, lbrace, rbrace, semicolon, colon, double_colon, comma, dot, dot3, arrow,
  question, pipe, ampersand,
};

/// One token: its kind, its bytes and where it starts and ends.
struct Token {
  TokenKind kind = TokenKind::eof;  ///< what it is
  std::uint32_t begin = 0;          ///< byte offset of the first byte
  std::uint32_t end = 0;            ///< byte offset past the last byte
  std::uint32_t text_begin = 0;     ///< start of the payload (string contents, attribute name)
  std::uint32_t text_end = 0;       ///< end of the payload
  int line = 0;                     ///< 1-based line of `begin`
  int column = 0;                   ///< 1-based byte column of `begin`
  int end_line = 0;                 ///< 1-based line of the last byte
};

/// How a token kind is written in messages: "'end'", "identifier", "string", "<eof>".
std::string_view token_kind_text(TokenKind kind);

/// True for the interpolated-string pieces.
inline bool is_interp_piece(TokenKind kind) {
  return kind == TokenKind::interp_simple || kind == TokenKind::interp_begin || kind == TokenKind::interp_mid ||
         kind == TokenKind::interp_end;
}

}  // namespace rbxpipe::luau
