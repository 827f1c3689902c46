#include "luau/literals.h"

#include <charconv>
#include <cstdlib>
#include <limits>
#include <system_error>

namespace rbxpipe::luau {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Decodes the escape whose letter is at raw[i] (just after the backslash); returns the index after it, or 0 when
// it is malformed (the caller reports it).
std::size_t decode_escape(std::string_view raw, std::size_t i, std::string& out) {
  char c = raw[i];
  switch (c) {
    case 'a': out += '\a'; return i + 1;
    case 'b': out += '\b'; return i + 1;
    case 'f': out += '\f'; return i + 1;
    case 'n': out += '\n'; return i + 1;
    case 'r': out += '\r'; return i + 1;
    case 't': out += '\t'; return i + 1;
    case 'v': out += '\v'; return i + 1;
    case '\r':
    case '\n': {
      out += '\n';
      char other = c == '\r' ? '\n' : '\r';
      return i + 1 < raw.size() && raw[i + 1] == other ? i + 2 : i + 1;
    }
    case 'z':
      ++i;
      while (i < raw.size() && is_space(raw[i])) ++i;
      return i;
    case 'x': {
      if (i + 2 >= raw.size()) return 0;
      int high = hex_value(raw[i + 1]);
      int low = hex_value(raw[i + 2]);
      if (high < 0 || low < 0) return 0;
      out += static_cast<char>(high * 16 + low);
      return i + 3;
    }
    case 'u': {
      if (i + 1 >= raw.size() || raw[i + 1] != '{') return 0;
      std::size_t cursor = i + 2;
      std::uint32_t code_point = 0;
      std::size_t digits = 0;
      while (cursor < raw.size() && hex_value(raw[cursor]) >= 0) {
        code_point = code_point * 16 + static_cast<std::uint32_t>(hex_value(raw[cursor]));
        if (code_point > 0x10FFFF) return 0;
        ++cursor;
        ++digits;
      }
      if (digits == 0 || cursor >= raw.size() || raw[cursor] != '}') return 0;
      append_utf8(out, code_point);
      return cursor + 1;
    }
    default: break;
  }
  if (c >= '0' && c <= '9') {
    int value = 0;
    std::size_t cursor = i;
    while (cursor < raw.size() && cursor < i + 3 && raw[cursor] >= '0' && raw[cursor] <= '9') {
      value = value * 10 + (raw[cursor] - '0');
      ++cursor;
    }
    if (value > 255) return 0;
    out += static_cast<char>(value);
    return cursor;
  }
  out += c;  // unknown escapes (`\q`, `\{`, `\\`, quotes) mean the character itself
  return i + 1;
}

// The length of a malformed escape starting at the backslash, for the underline.
std::uint32_t malformed_length(std::string_view raw, std::size_t backslash) {
  std::size_t end = backslash + 2;
  char c = backslash + 1 < raw.size() ? raw[backslash + 1] : '\0';
  if (c == 'u') {
    while (end < raw.size() && end < backslash + 12 && raw[end] != '}' && raw[end] != '\n') ++end;
    if (end < raw.size() && raw[end] == '}') ++end;
  } else if (c == 'x') {
    while (end < raw.size() && end < backslash + 4 && raw[end] != '\\' && raw[end] != ' ' && raw[end] != '\n') {
      ++end;
    }
  } else {
    while (end < raw.size() && end < backslash + 4 && raw[end] >= '0' && raw[end] <= '9') ++end;
  }
  return static_cast<std::uint32_t>(std::min(end, raw.size()) - backslash);
}

bool parse_digits(std::string_view digits, unsigned base, std::uint64_t& value, bool& overflow) {
  if (digits.empty()) return false;
  value = 0;
  overflow = false;
  for (char c : digits) {
    int digit = hex_value(c);
    if (digit < 0 || static_cast<unsigned>(digit) >= base) return false;
    if (value > (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(digit)) / base) overflow = true;
    value = value * base + static_cast<unsigned>(digit);
  }
  return true;
}

// Hex and binary numbers keep their value as a double even past 64 bits (overflow is only a lint).
bool parse_wide(std::string_view digits, unsigned base, double& value) {
  if (digits.empty()) return false;
  value = 0;
  for (char c : digits) {
    int digit = hex_value(c);
    if (digit < 0 || static_cast<unsigned>(digit) >= base) return false;
    value = value * base + digit;
  }
  return true;
}

}  // namespace

void decode_string(std::string_view raw, std::string& out, std::vector<EscapeError>& errors) {
  std::size_t i = 0;
  while (i < raw.size()) {
    std::size_t backslash = raw.find('\\', i);
    if (backslash == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, backslash - i));
    if (backslash + 1 >= raw.size()) return;  // a trailing backslash only happens in an unterminated string
    std::size_t next = decode_escape(raw, backslash + 1, out);
    if (next == 0) {
      errors.push_back({static_cast<std::uint32_t>(backslash), malformed_length(raw, backslash)});
      next = backslash + 2;  // go on after the escape letter so a following escape is checked too
    }
    i = next;
  }
}

NumberLiteral decode_number(std::string_view text) {
  NumberLiteral result;
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != '_') clean += c;
  }
  std::string_view digits = clean;
  bool hex = digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
  bool binary = digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B');
  if (!digits.empty() && digits.back() == 'i') {
    std::string_view body = digits.substr(0, digits.size() - 1);
    std::uint64_t value = 0;
    bool overflow = false;
    bool ok = hex      ? parse_digits(body.substr(2), 16, value, overflow)
              : binary ? parse_digits(body.substr(2), 2, value, overflow)
                       : parse_digits(body, 10, value, overflow);
    if (!ok) return result;
    // Decimal literals may reach 2^63 so that the most negative integer can be written with a minus sign.
    if (overflow || (!hex && !binary && value > (std::uint64_t{1} << 63))) {
      result.status = NumberStatus::integer_overflow;
      return result;
    }
    result.status = NumberStatus::integer;
    result.integer = static_cast<std::int64_t>(value);
    return result;
  }
  if (hex || binary) {
    if (!parse_wide(digits.substr(2), hex ? 16 : 2, result.value)) return result;
    result.status = NumberStatus::number;
    return result;
  }
  const char* begin = digits.data();
  const char* end = begin + digits.size();
  auto [stop, error] = std::from_chars(begin, end, result.value, std::chars_format::general);
  if (stop != end || (error != std::errc() && error != std::errc::result_out_of_range)) return result;
  if (error == std::errc::result_out_of_range) {
    // Too large or too small: take what strtod makes of it (infinity or zero), as the reference compiler does.
    result.value = std::strtod(clean.c_str(), nullptr);
  }
  result.status = NumberStatus::number;
  return result;
}

}  // namespace rbxpipe::luau
