#include "rbx/binary/bytes.h"

#include <bit>

namespace rbxpipe::rbx::binary {

namespace {

// Assembles integers byte by byte: no pointer casts, so no unaligned access and no endianness assumption.
std::uint64_t load_le(std::string_view bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = bytes.size(); i-- > 0;) value = (value << 8) | static_cast<std::uint8_t>(bytes[i]);
  return value;
}

std::uint64_t load_be(std::string_view bytes) {
  std::uint64_t value = 0;
  for (char byte : bytes) value = (value << 8) | static_cast<std::uint8_t>(byte);
  return value;
}

void store_le(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

void store_be(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = width; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

}  // namespace

bool ByteReader::has(std::size_t count, std::size_t size) {
  if (m_failed) return false;
  // Division instead of multiplication: a hostile count times a size must not wrap around.
  if (size != 0 && count > (m_data.size() - m_position) / size) {
    m_failed = true;
    return false;
  }
  return true;
}

std::string_view ByteReader::take(std::size_t count) {
  if (!has(count)) return {};
  std::string_view bytes = m_data.substr(m_position, count);
  m_position += count;
  return bytes;
}

std::uint8_t ByteReader::u8() { return static_cast<std::uint8_t>(load_le(take(1))); }
std::uint16_t ByteReader::u16_le() { return static_cast<std::uint16_t>(load_le(take(2))); }
std::uint32_t ByteReader::u32_le() { return static_cast<std::uint32_t>(load_le(take(4))); }
std::uint32_t ByteReader::u32_be() { return static_cast<std::uint32_t>(load_be(take(4))); }
std::uint64_t ByteReader::u64_be() { return load_be(take(8)); }
float ByteReader::f32_le() { return std::bit_cast<float>(u32_le()); }
double ByteReader::f64_le() { return std::bit_cast<double>(load_le(take(8))); }
std::int16_t ByteReader::i16_le() { return std::bit_cast<std::int16_t>(u16_le()); }

std::string ByteReader::string() {
  std::uint32_t length = u32_le();
  return std::string(take(length));
}

void ByteWriter::u16_le(std::uint16_t value) { store_le(m_bytes, value, 2); }
void ByteWriter::u32_le(std::uint32_t value) { store_le(m_bytes, value, 4); }
void ByteWriter::u32_be(std::uint32_t value) { store_be(m_bytes, value, 4); }
void ByteWriter::u64_be(std::uint64_t value) { store_be(m_bytes, value, 8); }
void ByteWriter::f32_le(float value) { u32_le(std::bit_cast<std::uint32_t>(value)); }
void ByteWriter::f64_le(double value) { store_le(m_bytes, std::bit_cast<std::uint64_t>(value), 8); }
void ByteWriter::i16_le(std::int16_t value) { u16_le(std::bit_cast<std::uint16_t>(value)); }

void ByteWriter::string(std::string_view text) {
  u32_le(static_cast<std::uint32_t>(text.size()));
  m_bytes.append(text);
}

}  // namespace rbxpipe::rbx::binary
