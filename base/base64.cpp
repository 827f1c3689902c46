#include "base/base64.h"

#include <array>
#include <cstdint>

namespace rbxpipe::base {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t k_not_base64 = 0xFF;

// A 256-entry reverse table turns the per-character check into one load, with no ranges to get wrong.
constexpr std::array<std::uint8_t, 256> make_sextet_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = k_not_base64;
  for (std::size_t i = 0; i < k_alphabet.size(); ++i) {
    table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> k_sextets = make_sextet_table();

// RFC 2045 wraps lines and XML pretty-printers indent; both only ever add ASCII whitespace.
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Error bad_input(std::string message) { return Error(ErrorCode::invalid_input, "base64: " + std::move(message)); }

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[group >> 18 & 0x3F];
    out += k_alphabet[group >> 12 & 0x3F];
    out += k_alphabet[group >> 6 & 0x3F];
    out += k_alphabet[group & 0x3F];
  }
  const std::size_t tail = bytes.size() - i;
  if (tail > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (tail == 2) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += k_alphabet[group >> 18 & 0x3F];
    out += k_alphabet[group >> 12 & 0x3F];
    out += tail == 2 ? k_alphabet[group >> 6 & 0x3F] : '=';
    out += '=';
  }
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;   // sextets of the current quantum, padding counted as zero bits
  int filled = 0;            // characters of the current quantum seen so far
  int padding = 0;           // '=' seen in the current quantum
  bool finished = false;     // a padded quantum ended the data; only whitespace may follow
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_ascii_space(c)) continue;
    if (finished) return bad_input("data after the final padded quantum at offset " + std::to_string(i));
    if (c == '=') {
      // "x===" and "====" would encode fewer than one byte, so padding may only fill the last one or two places.
      if (filled < 2) return bad_input("padding '=' too early in a quantum at offset " + std::to_string(i));
      ++padding;
    } else {
      const std::uint8_t sextet = k_sextets[static_cast<unsigned char>(c)];
      if (sextet == k_not_base64) {
        return bad_input("invalid character 0x" + std::string{"0123456789ABCDEF"[(c >> 4) & 0xF]} +
                         "0123456789ABCDEF"[c & 0xF] + " at offset " + std::to_string(i));
      }
      if (padding > 0) return bad_input("character after padding at offset " + std::to_string(i));
      group |= static_cast<std::uint32_t>(sextet);
    }
    ++filled;
    if (filled < 4) {
      group <<= 6;
      continue;
    }
    // Non-zero bits under the padding would mean two encodings decode to the same bytes; strict decoders refuse
    // them (RFC 4648 §3.5) so that a decoded value re-encodes to exactly the text it came from.
    const std::uint32_t unused_mask = padding == 2 ? 0xFFFF : padding == 1 ? 0xFF : 0;
    if ((group & unused_mask) != 0) return bad_input("non-zero bits under padding before offset " + std::to_string(i));
    out += static_cast<char>(group >> 16 & 0xFF);
    if (padding < 2) out += static_cast<char>(group >> 8 & 0xFF);
    if (padding < 1) out += static_cast<char>(group & 0xFF);
    finished = padding > 0;
    group = 0;
    filled = 0;
  }
  if (filled != 0) {
    return bad_input("length is not a multiple of 4 (" + std::to_string(filled) + " characters left over)");
  }
  return out;
}

}  // namespace rbxpipe::base
