#include "bundle/bundle_path.h"

#include <cstdint>

namespace rbxpipe::bundle {
namespace {

base::Error bad_path(std::string_view path, std::string_view why) {
  return base::Error(base::ErrorCode::invalid_input, quoted_entry(path) + " " + std::string(why));
}

// Length of the UTF-8 sequence starting at `offset`, or 0 when it is malformed (overlong, surrogate, truncated).
std::size_t utf8_length_at(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<std::uint8_t>(text[offset]);
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (offset + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<std::uint8_t>(text[offset + i]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  static constexpr std::uint32_t k_smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < k_smallest[length] || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t length = utf8_length_at(text, offset);
    if (length == 0) return false;
    offset += length;
  }
  return true;
}

bool is_lower_hex(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string quoted_entry(std::string_view text) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t length = utf8_length_at(text, offset);
    const auto byte = static_cast<std::uint8_t>(text[offset]);
    if (length == 0 || byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += k_digits[byte >> 4];
      out += k_digits[byte & 0x0F];
      ++offset;
      continue;
    }
    out.append(text.substr(offset, length));
    offset += length;
  }
  return out + "'";
}

base::Result<void> check_bundle_path(std::string_view path) {
  if (path.empty()) return bad_path(path, "is empty");
  if (path.size() > k_max_path_bytes) {
    return bad_path(path, "is longer than " + std::to_string(k_max_path_bytes) + " bytes");
  }
  if (!is_valid_utf8(path)) return bad_path(path, "is not valid UTF-8");
  if (path.front() == '/') return bad_path(path, "is absolute");
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') return bad_path(path, "contains a backslash");
    if (c == ':') return bad_path(path, "contains a colon (drive letter or stream name)");
    if (byte < 0x20 || byte == 0x7F) return bad_path(path, "contains a control character");
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view component = path.substr(start, end - start);
    if (component.empty()) return bad_path(path, "has an empty component");
    if (component == ".") return bad_path(path, "has a '.' component");
    if (component == "..") return bad_path(path, "has a '..' component (it would leave the bundle)");
    if (component.size() > k_max_component_bytes) {
      return bad_path(path, "has a component longer than " + std::to_string(k_max_component_bytes) + " bytes");
    }
    start = end + 1;
  }
  return base::ok();
}

}  // namespace rbxpipe::bundle
