#pragma once
// ByteReader: bounds-checked reads from untrusted bytes, for the blob formats of rbx/types and the binary format.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace rbxpipe::rbx::types {

/// Reads little-endian (and a few big-endian) values from a byte string and never past its end. The first failure sticks: later reads
/// return zero or empty values, so a decoder can read a whole record and check ok() once.
class ByteReader {
 public:
  /// A reader at offset 0 of `bytes`, which must outlive it.
  explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

  /// One byte.
  std::uint8_t read_u8();
  /// A 16-bit unsigned integer.
  std::uint16_t read_u16();
  /// A 32-bit unsigned integer.
  std::uint32_t read_u32();
  /// A 32-bit two's-complement integer.
  std::int32_t read_i32();
  /// A 16-bit two's-complement integer.
  std::int16_t read_i16();
  /// A big-endian 32-bit unsigned integer.
  std::uint32_t read_u32_be();
  /// A big-endian 64-bit unsigned integer.
  std::uint64_t read_u64_be();
  /// An IEEE single.
  float read_f32();
  /// An IEEE double.
  double read_f64();
  /// The next `size` bytes, viewing the input.
  std::string_view read_bytes(std::size_t size);
  /// A u32 length followed by that many bytes; the length is checked against what is left before copying.
  std::string read_string();
  /// A u32 element count, failing unless `count * min_element_size` bytes remain, so callers may allocate for it.
  std::uint32_t read_count(std::size_t min_element_size);

  /// True when `count` items of `size` bytes each fit in what is left; otherwise fails. Checked by division, so a
  /// hostile count cannot overflow.
  bool has(std::size_t count, std::size_t size = 1);

  /// Records an invalid_input failure (unless one is already recorded) and stops further reads.
  void fail(std::string message);

  /// True while no read has failed.
  bool ok() const { return !m_error.has_value(); }
  /// The first failure; only valid when !ok().
  const base::Error& error() const { return *m_error; }
  /// Bytes consumed so far.
  std::size_t offset() const { return m_offset; }
  /// Bytes not yet consumed (0 after a failure).
  std::size_t remaining() const { return ok() ? m_bytes.size() - m_offset : 0; }

 private:
  // Claims `size` bytes and returns a pointer to them, or nullptr (and fails) when fewer are left.
  const unsigned char* take(std::size_t size);

  std::string_view m_bytes;
  std::size_t m_offset = 0;
  std::optional<base::Error> m_error;
};

}  // namespace rbxpipe::rbx::types
