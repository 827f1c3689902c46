#pragma once
// Bounds-checked little- and big-endian integer reads over a byte string, shared by the image header parsers.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rbxpipe::assets::image_bytes {

/// The byte at `offset`, or nullopt past the end.
inline std::optional<std::uint32_t> u8(std::string_view bytes, std::size_t offset) {
  if (offset >= bytes.size()) return std::nullopt;
  return static_cast<std::uint8_t>(bytes[offset]);
}

/// A big-endian unsigned integer of `width` bytes (1..4) at `offset`, or nullopt when it does not fit.
inline std::optional<std::uint32_t> be(std::string_view bytes, std::size_t offset, std::size_t width) {
  if (offset > bytes.size() || bytes.size() - offset < width) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<std::uint8_t>(bytes[offset + i]);
  return value;
}

/// A little-endian unsigned integer of `width` bytes (1..4) at `offset`, or nullopt when it does not fit.
inline std::optional<std::uint32_t> le(std::string_view bytes, std::size_t offset, std::size_t width) {
  if (offset > bytes.size() || bytes.size() - offset < width) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = width; i > 0; --i) value = (value << 8) | static_cast<std::uint8_t>(bytes[offset + i - 1]);
  return value;
}

}  // namespace rbxpipe::assets::image_bytes
