#include "platform/auth/base64url.h"

#include <array>
#include <cstdint>

namespace rbxpipe::platform::auth {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t k_invalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = k_invalid;
  for (std::size_t i = 0; i < k_alphabet.size(); ++i) {
    table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> k_sextets = make_table();

base::Error bad(std::string message) {
  return base::Error(base::ErrorCode::invalid_input, "base64url: " + std::move(message));
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += k_alphabet[(buffer >> bits) & 0x3F];
    }
    buffer &= (1U << bits) - 1;
  }
  if (bits > 0) out += k_alphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

bool is_base64url_alphabet(std::string_view text) {
  for (char c : text) {
    if (k_sextets[static_cast<unsigned char>(c)] == k_invalid) return false;
  }
  return true;
}

base::Result<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return bad("length " + std::to_string(text.size()) + " cannot encode whole bytes");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::uint8_t sextet = k_sextets[static_cast<unsigned char>(c)];
    if (sextet == k_invalid) {
      if (c == '=') return bad("padding '=' at offset " + std::to_string(i) + " (JOSE uses unpadded base64url)");
      return bad("character outside the base64url alphabet at offset " + std::to_string(i));
    }
    buffer = (buffer << 6) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
      buffer &= (1U << bits) - 1;
    }
  }
  // Leftover bits are padding inside the last character; a canonical encoder always writes them as zero.
  if (buffer != 0) return bad("non-zero unused bits in the last character");
  return out;
}

}  // namespace rbxpipe::platform::auth
