#pragma once
// Internal to the audio probes: bounds-checked little- and big-endian reads over a byte string.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rbxpipe::assets::audio_bytes {

/// Byte `index` of `bytes` as an unsigned value; the caller checks the bounds.
inline std::uint32_t byte_at(std::string_view bytes, std::size_t index) {
  return static_cast<std::uint8_t>(bytes[index]);
}

/// Little-endian unsigned 16-bit value at `offset`; the caller checks the bounds.
inline std::uint32_t le16(std::string_view bytes, std::size_t offset) {
  return byte_at(bytes, offset) | (byte_at(bytes, offset + 1) << 8);
}

/// Little-endian unsigned 32-bit value at `offset`; the caller checks the bounds.
inline std::uint32_t le32(std::string_view bytes, std::size_t offset) {
  return le16(bytes, offset) | (le16(bytes, offset + 2) << 16);
}

/// Big-endian unsigned 32-bit value at `offset`; the caller checks the bounds.
inline std::uint32_t be32(std::string_view bytes, std::size_t offset) {
  return (byte_at(bytes, offset) << 24) | (byte_at(bytes, offset + 1) << 16) | (byte_at(bytes, offset + 2) << 8) |
         byte_at(bytes, offset + 3);
}

/// True when `bytes` holds `tag` at `offset`.
inline bool has_tag(std::string_view bytes, std::size_t offset, std::string_view tag) {
  return offset <= bytes.size() && bytes.size() - offset >= tag.size() && bytes.substr(offset, tag.size()) == tag;
}

/// Bytes taken by an ID3v2 tag at the start of `bytes` (header, syncsafe size and optional footer), or 0.
inline std::size_t id3v2_length(std::string_view bytes) {
  if (!has_tag(bytes, 0, "ID3") || bytes.size() < 10) return 0;
  std::size_t size = 0;
  for (std::size_t i = 6; i < 10; ++i) size = (size << 7) | (byte_at(bytes, i) & 0x7fu);
  bool footer = (byte_at(bytes, 5) & 0x10u) != 0;
  return 10 + size + (footer ? 10 : 0);
}

}  // namespace rbxpipe::assets::audio_bytes
