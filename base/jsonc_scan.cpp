#include "base/jsonc_scan.h"

#include <cstdio>

namespace rbxpipe::base {

namespace {

// A mistaken bare word is quoted in full up to this many bytes, so a runaway token cannot flood the message.
constexpr std::size_t k_max_quoted_word = 32;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool in_range(std::string_view text, std::size_t offset, unsigned char low, unsigned char high) {
  if (offset >= text.size()) return false;
  auto byte = static_cast<unsigned char>(text[offset]);
  return byte >= low && byte <= high;
}

}  // namespace

bool is_word_char(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

int hex4(std::string_view text, std::size_t offset) {
  if (offset + 4 > text.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    int digit = hex_digit(text[offset + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return 0;
  auto lead = static_cast<unsigned char>(text[offset]);
  // The second byte's range depends on the lead byte; that is what excludes overlongs and surrogates.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (!in_range(text, offset + 1, low, high)) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!in_range(text, offset + i, 0x80, 0xBF)) return 0;
  }
  return length;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  auto byte = [&](std::uint32_t value) { out += static_cast<char>(static_cast<unsigned char>(value)); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

std::string describe_found(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "end of file";
  char c = text[offset];
  if (is_word_char(c)) {
    std::size_t end = offset;
    while (end < text.size() && is_word_char(text[end]) && end - offset < k_max_quoted_word) ++end;
    std::string word(text.substr(offset, end - offset));
    if (end < text.size() && is_word_char(text[end])) word += "...";
    return "'" + word + "'";
  }
  if (c == '\'') return "\"'\"";
  auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  // A pasted typographic quote or similar: show the character itself when it is well-formed UTF-8.
  if (std::size_t length = utf8_sequence_length(text, offset); byte >= 0x80 && length > 0) {
    return "'" + std::string(text.substr(offset, length)) + "'";
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(byte));
  return byte >= 0x80 ? "byte " + std::string(hex) : "control character " + std::string(hex);
}

}  // namespace rbxpipe::base
