#pragma once
// Bounds-checked little/big-endian byte reading and writing for the binary format's chunk bodies.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace rbxpipe::rbx::binary {

/// A cursor over bytes. A read past the end never touches memory outside the data: it marks the reader failed,
/// returns zero or empty, and every later read does the same, so callers check ok() once after a group of reads.
class ByteReader {
 public:
  /// A reader positioned at the start of `data`.
  explicit ByteReader(std::string_view data) : m_data(data) {}

  /// False once any read ran past the end.
  bool ok() const { return !m_failed; }
  /// Position of the next byte, or where the first failed read started.
  std::size_t offset() const { return m_position; }
  /// Bytes left after the cursor (zero once failed).
  std::size_t remaining() const { return m_failed ? 0 : m_data.size() - m_position; }
  /// True when `count` items of `size` bytes each fit in the remaining bytes; else marks the reader failed.
  bool has(std::size_t count, std::size_t size = 1);

  /// Returns the next `count` bytes and advances past them (empty and failed when too few remain).
  std::string_view take(std::size_t count);
  /// One byte.
  std::uint8_t u8();
  /// A little-endian u16.
  std::uint16_t u16_le();
  /// A little-endian u32.
  std::uint32_t u32_le();
  /// A big-endian u32.
  std::uint32_t u32_be();
  /// A big-endian u64.
  std::uint64_t u64_be();
  /// A little-endian IEEE float.
  float f32_le();
  /// A little-endian IEEE double.
  double f64_le();
  /// A little-endian i16.
  std::int16_t i16_le();
  /// A u32 length followed by that many bytes.
  std::string string();

 private:
  std::string_view m_data;
  std::size_t m_position = 0;
  bool m_failed = false;
};

/// Appends encoded values to a byte string.
class ByteWriter {
 public:
  /// The bytes written so far.
  const std::string& bytes() const { return m_bytes; }
  /// Moves the bytes out.
  std::string take() { return std::move(m_bytes); }

  /// Raw bytes.
  void raw(std::string_view bytes) { m_bytes.append(bytes); }
  /// One byte.
  void u8(std::uint8_t value) { m_bytes.push_back(static_cast<char>(value)); }
  /// A little-endian u16.
  void u16_le(std::uint16_t value);
  /// A little-endian u32.
  void u32_le(std::uint32_t value);
  /// A big-endian u32.
  void u32_be(std::uint32_t value);
  /// A big-endian u64.
  void u64_be(std::uint64_t value);
  /// A little-endian IEEE float.
  void f32_le(float value);
  /// A little-endian IEEE double.
  void f64_le(double value);
  /// A little-endian i16.
  void i16_le(std::int16_t value);
  /// A u32 length followed by the bytes; the caller guarantees the length fits in 32 bits.
  void string(std::string_view text);

 private:
  std::string m_bytes;
};

}  // namespace rbxpipe::rbx::binary
