#include "luau/lexer.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <string>

#include "luau/error_codes.h"

namespace rbxpipe::luau {

namespace {

enum CharClass : std::uint8_t { k_space = 1, k_alpha = 2, k_digit = 4, k_hex = 8 };

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] |= k_alpha;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] |= k_alpha;
  table['_'] |= k_alpha;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] |= k_digit | k_hex;
  for (int c = 'a'; c <= 'f'; ++c) table[static_cast<std::size_t>(c)] |= k_hex;
  for (int c = 'A'; c <= 'F'; ++c) table[static_cast<std::size_t>(c)] |= k_hex;
  for (char c : {' ', '\t', '\n', '\r', '\v', '\f'}) table[static_cast<unsigned char>(c)] |= k_space;
  return table;
}

constexpr std::array<std::uint8_t, 256> k_classes = make_classes();

bool is_alpha(unsigned char c) { return (k_classes[c] & k_alpha) != 0; }
bool is_digit(unsigned char c) { return (k_classes[c] & k_digit) != 0; }
bool is_word(unsigned char c) { return (k_classes[c] & (k_alpha | k_digit)) != 0; }

// Reserved words, found by their first letter and length.
TokenKind keyword_or_name(const unsigned char* text, std::uint32_t size) {
  auto is = [&](std::string_view word) {
    return word.size() == size && std::memcmp(word.data(), text, size) == 0;
  };
  switch (text[0]) {
    case 'a': return is("and") ? TokenKind::kw_and : TokenKind::name;
    case 'b': return is("break") ? TokenKind::kw_break : TokenKind::name;
    case 'd': return is("do") ? TokenKind::kw_do : TokenKind::name;
    case 'e':
      if (is("end")) return TokenKind::kw_end;
      if (is("else")) return TokenKind::kw_else;
      return is("elseif") ? TokenKind::kw_elseif : TokenKind::name;
    case 'f':
      if (is("for")) return TokenKind::kw_for;
      if (is("function")) return TokenKind::kw_function;
      return is("false") ? TokenKind::kw_false : TokenKind::name;
    case 'i':
      if (is("if")) return TokenKind::kw_if;
      return is("in") ? TokenKind::kw_in : TokenKind::name;
    case 'l': return is("local") ? TokenKind::kw_local : TokenKind::name;
    case 'n':
      if (is("nil")) return TokenKind::kw_nil;
      return is("not") ? TokenKind::kw_not : TokenKind::name;
    case 'o': return is("or") ? TokenKind::kw_or : TokenKind::name;
    case 'r':
      if (is("return")) return TokenKind::kw_return;
      return is("repeat") ? TokenKind::kw_repeat : TokenKind::name;
    case 't':
      if (is("then")) return TokenKind::kw_then;
      return is("true") ? TokenKind::kw_true : TokenKind::name;
    case 'u': return is("until") ? TokenKind::kw_until : TokenKind::name;
    case 'w': return is("while") ? TokenKind::kw_while : TokenKind::name;
    default: return TokenKind::name;
  }
}

std::string hex_byte(unsigned char c) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

}  // namespace

Lexer::Lexer(std::string_view source, ErrorList& errors, std::vector<HotComment>& hot_comments)
    : m_data(reinterpret_cast<const unsigned char*>(source.data())),
      m_size(static_cast<std::uint32_t>(source.size())),
      m_errors(errors),
      m_hot_comments(hot_comments) {
  // A UTF-8 byte order mark and a `#!` line can never start valid code, so skipping them only accepts more.
  if (m_size >= 3 && m_data[0] == 0xEF && m_data[1] == 0xBB && m_data[2] == 0xBF) m_pos = 3;
  if (at(m_pos) == '#' && at(m_pos + 1) == '!') {
    while (m_pos < m_size && m_data[m_pos] != '\n') ++m_pos;
  }
}

void Lexer::newline_at(std::uint32_t position) {
  ++m_line;
  m_line_start = position + 1;
}

void Lexer::count_newlines(std::uint32_t from, std::uint32_t to) {
  const unsigned char* cursor = m_data + from;
  const unsigned char* stop = m_data + to;
  while (cursor < stop) {
    const void* found = std::memchr(cursor, '\n', static_cast<std::size_t>(stop - cursor));
    if (found == nullptr) break;
    cursor = static_cast<const unsigned char*>(found);
    newline_at(static_cast<std::uint32_t>(cursor - m_data));
    ++cursor;
  }
}

void Lexer::skip_trivia() {
  for (;;) {
    while (m_pos < m_size && (k_classes[m_data[m_pos]] & k_space) != 0) {
      if (m_data[m_pos] == '\n') newline_at(m_pos);
      ++m_pos;
    }
    if (m_pos + 1 < m_size && m_data[m_pos] == '-' && m_data[m_pos + 1] == '-') {
      skip_comment();
      continue;
    }
    return;
  }
}

void Lexer::skip_comment() {
  std::uint32_t start = m_pos;
  m_pos += 2;
  if (at(m_pos) == '[' && long_bracket_level(m_pos) >= 0) {
    Token ignored;
    ignored.begin = start;
    scan_long_bracket(ignored, true);
    return;
  }
  std::uint32_t text_begin = m_pos;
  const void* found = std::memchr(m_data + m_pos, '\n', m_size - m_pos);
  m_pos = found != nullptr ? static_cast<std::uint32_t>(static_cast<const unsigned char*>(found) - m_data) : m_size;
  if (at(text_begin) == '!') {
    std::uint32_t end = m_pos;
    while (end > text_begin + 1 && (k_classes[m_data[end - 1]] & k_space) != 0) --end;
    HotComment hot;
    hot.text.assign(reinterpret_cast<const char*>(m_data + text_begin + 1), end - text_begin - 1);
    hot.header = !m_seen_token;
    hot.location = {start, m_pos, m_line, static_cast<int>(start - m_line_start + 1)};
    m_hot_comments.push_back(std::move(hot));
  }
}

// Reports and skips a byte that cannot start a token; a UTF-8 sequence is skipped whole and named by code point.
bool Lexer::skip_bad_character() {
  unsigned char c = m_data[m_pos];
  if (c < 0x80) {
    std::string shown = c >= 0x20 && c < 0x7f ? std::string("'") + static_cast<char>(c) + "'" : hex_byte(c);
    m_errors.report(k_code_bad_character, m_pos, "Unexpected character " + shown, 1);
    ++m_pos;
    return true;
  }
  int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  std::uint32_t code_point = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0Fu : c & 0x1Fu;
  bool valid = extra > 0 && m_pos + static_cast<std::uint32_t>(extra) < m_size;
  for (int i = 1; valid && i <= extra; ++i) {
    unsigned char next = m_data[m_pos + static_cast<std::uint32_t>(i)];
    if ((next & 0xC0) != 0x80) valid = false;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  if (valid) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
    m_errors.report(k_code_bad_character, m_pos,
                    std::string("Unexpected Unicode character ") + buffer +
                        "; outside strings and comments only ASCII is allowed",
                    extra + 1);
    m_pos += static_cast<std::uint32_t>(extra) + 1;
  } else {
    m_errors.report(k_code_bad_character, m_pos, "Unexpected byte " + hex_byte(c) + " (not valid UTF-8)", 1);
    ++m_pos;
  }
  return true;
}

Token Lexer::next() {
  Token token;
  for (;;) {
    skip_trivia();
    token.begin = m_pos;
    token.line = m_line;
    token.column = static_cast<int>(m_pos - m_line_start + 1);
    if (m_pos >= m_size) {
      token.kind = TokenKind::eof;
      token.end = m_pos;
      token.end_line = m_line;
      return token;
    }
    unsigned char c = m_data[m_pos];
    if (is_alpha(c)) {
      scan_name(token);
    } else if (is_digit(c) || (c == '.' && is_digit(at(m_pos + 1)))) {
      scan_number(token);
    } else if (c == '"' || c == '\'') {
      scan_quoted(token);
    } else if (c == '`') {
      ++m_pos;
      scan_interp_piece(token, true);
    } else if (c == '[' && long_bracket_level(m_pos) >= 0) {
      scan_long_bracket(token, false);
    } else if (c == '[' && at(m_pos + 1) == '=') {
      m_errors.report(k_code_unterminated, m_pos,
                      "Malformed long string delimiter: expected '[' after '[' and '='s", 1);
      scan_operator(token, c);
    } else if (c == '}' && !m_braces.empty() && m_braces.back() == Brace::interpolation) {
      m_braces.pop_back();
      ++m_pos;
      scan_interp_piece(token, false);
    } else if (c == '@') {
      scan_attribute(token);
      if (token.kind == TokenKind::eof) continue;
    } else {
      scan_operator(token, c);
      if (token.kind == TokenKind::eof) continue;  // a bad character was reported and skipped
    }
    token.end = m_pos;
    token.end_line = m_line;
    m_seen_token = true;
    return token;
  }
}

void Lexer::scan_name(Token& token) {
  std::uint32_t start = m_pos;
  while (m_pos < m_size && is_word(m_data[m_pos])) ++m_pos;
  token.kind = keyword_or_name(m_data + start, m_pos - start);
  token.text_begin = start;
  token.text_end = m_pos;
}

// A "number-like" run: digits, '.', '_', an exponent sign, then any word characters. The parser validates it.
void Lexer::scan_number(Token& token) {
  std::uint32_t start = m_pos;
  ++m_pos;
  while (m_pos < m_size && (is_digit(m_data[m_pos]) || m_data[m_pos] == '.' || m_data[m_pos] == '_')) ++m_pos;
  if (at(m_pos) == 'e' || at(m_pos) == 'E') {
    ++m_pos;
    if (at(m_pos) == '+' || at(m_pos) == '-') ++m_pos;
  }
  while (m_pos < m_size && is_word(m_data[m_pos])) ++m_pos;
  token.kind = TokenKind::number;
  token.text_begin = start;
  token.text_end = m_pos;
}

void Lexer::scan_attribute(Token& token) {
  if (at(m_pos + 1) == '[') {
    m_pos += 2;
    token.kind = TokenKind::attribute_open;
    return;
  }
  if (is_alpha(at(m_pos + 1))) {
    ++m_pos;
    token.text_begin = m_pos;
    while (m_pos < m_size && is_word(m_data[m_pos])) ++m_pos;
    token.text_end = m_pos;
    token.kind = TokenKind::attribute;
    return;
  }
  m_errors.report(k_code_attribute, m_pos, "Expected an attribute name or '[' after '@'", 1);
  ++m_pos;
  token.kind = TokenKind::eof;
}

void Lexer::scan_operator(Token& token, unsigned char c) {
  unsigned char c1 = at(m_pos + 1);
  auto one = [&](TokenKind kind) {
    token.kind = kind;
    m_pos += 1;
  };
  auto two = [&](TokenKind kind) {
    token.kind = kind;
    m_pos += 2;
  };
  switch (c) {
    case '+': return c1 == '=' ? two(TokenKind::plus_assign) : one(TokenKind::plus);
    case '-':
      if (c1 == '=') return two(TokenKind::minus_assign);
      return c1 == '>' ? two(TokenKind::arrow) : one(TokenKind::minus);
    case '*': return c1 == '=' ? two(TokenKind::star_assign) : one(TokenKind::star);
    case '/':
      if (c1 == '/') {
        if (at(m_pos + 2) == '=') {
          token.kind = TokenKind::floor_div_assign;
          m_pos += 3;
          return;
        }
        return two(TokenKind::floor_div);
      }
      return c1 == '=' ? two(TokenKind::slash_assign) : one(TokenKind::slash);
    case '%': return c1 == '=' ? two(TokenKind::percent_assign) : one(TokenKind::percent);
    case '^': return c1 == '=' ? two(TokenKind::caret_assign) : one(TokenKind::caret);
    case '#': return one(TokenKind::hash);
    case '=': return c1 == '=' ? two(TokenKind::eq) : one(TokenKind::assign);
    case '<': return c1 == '=' ? two(TokenKind::le) : one(TokenKind::lt);
    case '>': return c1 == '=' ? two(TokenKind::ge) : one(TokenKind::gt);
    case '(': return one(TokenKind::lparen);
    case ')': return one(TokenKind::rparen);
    case '[': return one(TokenKind::lbracket);
    case ']': return one(TokenKind::rbracket);
    case '{':
      m_braces.push_back(Brace::normal);
      return one(TokenKind::lbrace);
    case '}':
      if (!m_braces.empty()) m_braces.pop_back();
      return one(TokenKind::rbrace);
    case ';': return one(TokenKind::semicolon);
    case ':': return c1 == ':' ? two(TokenKind::double_colon) : one(TokenKind::colon);
    case ',': return one(TokenKind::comma);
    case '?': return one(TokenKind::question);
    case '.':
      if (c1 != '.') return one(TokenKind::dot);
      if (at(m_pos + 2) == '.') {
        token.kind = TokenKind::dot3;
        m_pos += 3;
        return;
      }
      if (at(m_pos + 2) == '=') {
        token.kind = TokenKind::concat_assign;
        m_pos += 3;
        return;
      }
      return two(TokenKind::concat);
    case '~':
      if (c1 == '=') return two(TokenKind::ne);
      m_errors.report(k_code_bad_character, m_pos,
                      "Unexpected character '~'; Luau has no bitwise operators, use the bit32 library", 1);
      ++m_pos;
      token.kind = TokenKind::eof;
      return;
    case '!':
      // Operators from other languages are reported with a hint and read as what they were meant to be.
      if (c1 == '=') {
        m_errors.report(k_code_confusable, m_pos, "Unexpected '!='; did you mean '~='?", 2);
        return two(TokenKind::ne);
      }
      m_errors.report(k_code_confusable, m_pos, "Unexpected '!'; did you mean 'not'?", 1);
      return one(TokenKind::kw_not);
    case '&':
      if (c1 == '&') {
        m_errors.report(k_code_confusable, m_pos, "Unexpected '&&'; did you mean 'and'?", 2);
        return two(TokenKind::kw_and);
      }
      return one(TokenKind::ampersand);
    case '|':
      if (c1 == '|') {
        m_errors.report(k_code_confusable, m_pos, "Unexpected '||'; did you mean 'or'?", 2);
        return two(TokenKind::kw_or);
      }
      return one(TokenKind::pipe);
    default: break;
  }
  skip_bad_character();
  token.kind = TokenKind::eof;
}

}  // namespace rbxpipe::luau
