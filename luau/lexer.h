#pragma once
// Lexer: turns Luau source bytes into tokens on demand (internal). Comments are skipped (hot comments recorded);
// bad characters, unterminated strings and comments are reported to the ErrorList and skipped or closed, so the
// parser always sees a well-formed token stream.

#include <cstdint>
#include <string_view>
#include <vector>

#include "luau/error_list.h"
#include "luau/parser.h"
#include "luau/token.h"

namespace rbxpipe::luau {

/// Scans tokens from one source.
class Lexer {
 public:
  /// A lexer over `source`, reporting into `errors` and recording hot comments into `hot_comments`.
  Lexer(std::string_view source, ErrorList& errors, std::vector<HotComment>& hot_comments);

  /// Scans and returns the next token (`eof` forever at the end).
  Token next();

 private:
  enum class Brace : std::uint8_t { normal, interpolation };

  void skip_trivia();
  void skip_comment();
  void newline_at(std::uint32_t position);
  void count_newlines(std::uint32_t from, std::uint32_t to);
  bool skip_bad_character();
  void scan_name(Token& token);
  void scan_number(Token& token);
  void scan_quoted(Token& token);
  void skip_escape();
  void scan_interp_piece(Token& token, bool first);
  bool scan_long_bracket(Token& token, bool comment);
  void scan_operator(Token& token, unsigned char c);
  void scan_attribute(Token& token);
  int long_bracket_level(std::uint32_t position) const;
  unsigned char at(std::uint32_t position) const { return position < m_size ? m_data[position] : 0; }

  const unsigned char* m_data;
  std::uint32_t m_size;
  std::uint32_t m_pos = 0;
  int m_line = 1;
  std::uint32_t m_line_start = 0;
  bool m_seen_token = false;
  ErrorList& m_errors;
  std::vector<HotComment>& m_hot_comments;
  std::vector<Brace> m_braces;
};

}  // namespace rbxpipe::luau
