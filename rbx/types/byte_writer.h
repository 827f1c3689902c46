#pragma once
// ByteWriter: output for the blob formats of rbx/types and the binary format (little-endian unless named _be).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace rbxpipe::rbx::types {

/// Appends little-endian values to a growing byte string.
class ByteWriter {
 public:
  /// Reserves room for `bytes` in total, so a writer of known size allocates once.
  void reserve(std::size_t bytes) { m_bytes.reserve(bytes); }
  /// Appends one byte.
  void write_u8(std::uint8_t value) { m_bytes += static_cast<char>(value); }
  /// Appends a 16-bit unsigned integer.
  void write_u16(std::uint16_t value);
  /// Appends a 32-bit unsigned integer.
  void write_u32(std::uint32_t value);
  /// Appends a 32-bit two's-complement integer.
  void write_i32(std::int32_t value);
  /// Appends a 16-bit two's-complement integer.
  void write_i16(std::int16_t value);
  /// Appends a big-endian 32-bit unsigned integer.
  void write_u32_be(std::uint32_t value);
  /// Appends a big-endian 64-bit unsigned integer.
  void write_u64_be(std::uint64_t value);
  /// Appends an IEEE single.
  void write_f32(float value);
  /// Appends an IEEE double.
  void write_f64(double value);
  /// Appends raw bytes.
  void write_bytes(std::string_view bytes) { m_bytes += bytes; }
  /// Appends a u32 length and the bytes; false (writing nothing) when the length does not fit in 32 bits.
  bool write_string(std::string_view bytes);

  /// The bytes written so far.
  const std::string& bytes() const { return m_bytes; }
  /// The bytes written so far, moved out; the writer is empty afterwards.
  std::string take() { return std::move(m_bytes); }

 private:
  // Appends the low `size` bytes of `value`, least significant first.
  void write_little_endian(std::uint64_t value, int size);

  std::string m_bytes;
};

}  // namespace rbxpipe::rbx::types
