#include "rbx/types/byte_writer.h"

#include <bit>
#include <limits>

namespace rbxpipe::rbx::types {

void ByteWriter::write_little_endian(std::uint64_t value, int size) {
  for (int i = 0; i < size; ++i) {
    m_bytes += static_cast<char>(value & 0xFF);
    value >>= 8;
  }
}

void ByteWriter::write_u16(std::uint16_t value) { write_little_endian(value, 2); }

void ByteWriter::write_u32(std::uint32_t value) { write_little_endian(value, 4); }

void ByteWriter::write_i32(std::int32_t value) { write_u32(std::bit_cast<std::uint32_t>(value)); }

void ByteWriter::write_i16(std::int16_t value) { write_u16(std::bit_cast<std::uint16_t>(value)); }

void ByteWriter::write_u32_be(std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) m_bytes += static_cast<char>((value >> shift) & 0xFF);
}

void ByteWriter::write_u64_be(std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) m_bytes += static_cast<char>((value >> shift) & 0xFF);
}

void ByteWriter::write_f32(float value) { write_u32(std::bit_cast<std::uint32_t>(value)); }

void ByteWriter::write_f64(double value) { write_little_endian(std::bit_cast<std::uint64_t>(value), 8); }

bool ByteWriter::write_string(std::string_view bytes) {
  // A silently truncated length would make every later field unreadable; the caller turns this into an error.
  if (bytes.size() > std::numeric_limits<std::uint32_t>::max()) return false;
  write_u32(static_cast<std::uint32_t>(bytes.size()));
  write_bytes(bytes);
  return true;
}

}  // namespace rbxpipe::rbx::types
