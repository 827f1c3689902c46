// The lexer's string forms: quoted strings, long brackets (strings and block comments) and the pieces of
// interpolated strings. Escapes are only skipped here; the parser decodes and checks them (literals.h).
#include <cstring>
#include <string>

#include "luau/error_codes.h"
#include "luau/lexer.h"

namespace rbxpipe::luau {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

int Lexer::long_bracket_level(std::uint32_t position) const {
  std::uint32_t cursor = position + 1;
  while (at(cursor) == '=') ++cursor;
  return at(cursor) == '[' ? static_cast<int>(cursor - position - 1) : -1;
}

// Called at the first '[' (after `--` for a comment). Returns false when the closing bracket is missing.
bool Lexer::scan_long_bracket(Token& token, bool comment) {
  auto level = static_cast<std::uint32_t>(long_bracket_level(m_pos));
  m_pos += level + 2;
  // A newline right after the opening bracket is not part of the contents.
  if (at(m_pos) == '\r') {
    ++m_pos;
    if (at(m_pos) == '\n') newline_at(m_pos++);
  } else if (at(m_pos) == '\n') {
    newline_at(m_pos++);
    if (at(m_pos) == '\r') ++m_pos;
  }
  token.kind = TokenKind::long_string;
  token.text_begin = m_pos;
  std::uint32_t search = m_pos;
  while (search < m_size) {
    const void* found = std::memchr(m_data + search, ']', m_size - search);
    if (found == nullptr) break;
    auto close = static_cast<std::uint32_t>(static_cast<const unsigned char*>(found) - m_data);
    std::uint32_t cursor = close + 1;
    while (cursor < m_size && m_data[cursor] == '=' && cursor - close - 1 < level) ++cursor;
    if (cursor - close - 1 == level && at(cursor) == ']') {
      count_newlines(m_pos, close);
      token.text_end = close;
      m_pos = cursor + 1;
      return true;
    }
    search = close + 1;
  }
  m_errors.report(k_code_unterminated, token.begin,
                  comment ? "Unterminated block comment: the closing ']" + std::string(level, '=') + "]' is missing"
                          : "Unterminated long string: the closing ']" + std::string(level, '=') + "]' is missing",
                  comment ? 4 : 2);
  count_newlines(m_pos, m_size);
  token.text_end = m_size;
  m_pos = m_size;
  return false;
}

// Called just after a backslash: skips the escaped character (a newline pair counts as one; `\z` also skips the
// whitespace after it, newlines included, so raw newlines after it are allowed).
void Lexer::skip_escape() {
  unsigned char escaped = at(m_pos);
  if (escaped == '\r') {
    ++m_pos;
    if (at(m_pos) == '\n') newline_at(m_pos++);
  } else if (escaped == '\n') {
    newline_at(m_pos++);
    if (at(m_pos) == '\r') ++m_pos;
  } else if (escaped == 'z') {
    ++m_pos;
    while (m_pos < m_size && is_space(m_data[m_pos])) {
      if (m_data[m_pos] == '\n') newline_at(m_pos);
      ++m_pos;
    }
  } else if (m_pos < m_size) {
    ++m_pos;
  }
}

void Lexer::scan_quoted(Token& token) {
  unsigned char quote = m_data[m_pos];
  ++m_pos;
  token.kind = TokenKind::string;
  token.text_begin = m_pos;
  while (m_pos < m_size) {
    unsigned char c = m_data[m_pos];
    if (c == quote) {
      token.text_end = m_pos;
      ++m_pos;
      return;
    }
    if (c == '\n' || c == '\r') break;
    if (c != '\\') {
      ++m_pos;
      continue;
    }
    ++m_pos;
    skip_escape();
  }
  token.text_end = m_pos;
  std::string shown(1, static_cast<char>(quote));
  m_errors.report(k_code_unterminated, token.begin, "Unterminated string: the closing " + shown + " is missing", 1);
}

// Reads one piece of an interpolated string, from just after '`' (first) or '}' up to and including '{' or '`'.
void Lexer::scan_interp_piece(Token& token, bool first) {
  token.text_begin = m_pos;
  while (m_pos < m_size) {
    unsigned char c = m_data[m_pos];
    if (c == '`') {
      token.kind = first ? TokenKind::interp_simple : TokenKind::interp_end;
      token.text_end = m_pos;
      ++m_pos;
      return;
    }
    if (c == '{') {
      token.kind = first ? TokenKind::interp_begin : TokenKind::interp_mid;
      token.text_end = m_pos;
      ++m_pos;
      m_braces.push_back(Brace::interpolation);
      if (at(m_pos) == '{') {
        m_errors.report(k_code_interpolation, m_pos - 1,
                        "Double braces are not allowed in interpolated strings; did you mean '\\{'?", 2);
      }
      return;
    }
    if (c == '\n' || c == '\r') break;
    ++m_pos;
    if (c != '\\') continue;
    if (at(m_pos) == 'u' && at(m_pos + 1) == '{') {
      // The braces of a `\u{...}` escape do not open an interpolation.
      m_pos += 2;
      while (m_pos < m_size && m_data[m_pos] != '}' && m_data[m_pos] != '`' && m_data[m_pos] != '\n') ++m_pos;
      if (at(m_pos) == '}') ++m_pos;
    } else {
      skip_escape();
    }
  }
  // Unterminated: close the string here so the parser can carry on with the next line.
  token.kind = first ? TokenKind::interp_simple : TokenKind::interp_end;
  token.text_end = m_pos;
  m_errors.report(k_code_unterminated, token.begin, "Unterminated interpolated string: the closing ` is missing", 1);
}

}  // namespace rbxpipe::luau
