#include "rbx/types/byte_reader.h"

#include <bit>

namespace rbxpipe::rbx::types {

namespace {

// Assembling values byte by byte keeps the reader independent of host endianness and alignment.
std::uint64_t little_endian(const unsigned char* bytes, std::size_t size) {
  std::uint64_t value = 0;
  for (std::size_t i = size; i > 0; --i) value = value << 8 | bytes[i - 1];
  return value;
}

std::uint64_t big_endian(const unsigned char* bytes, std::size_t size) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < size; ++i) value = value << 8 | bytes[i];
  return value;
}

}  // namespace

const unsigned char* ByteReader::take(std::size_t size) {
  if (!ok()) return nullptr;
  if (size > m_bytes.size() - m_offset) {
    fail("truncated: need " + std::to_string(size) + " bytes at offset " + std::to_string(m_offset) + ", " +
         std::to_string(m_bytes.size() - m_offset) + " left");
    return nullptr;
  }
  const auto* start = reinterpret_cast<const unsigned char*>(m_bytes.data()) + m_offset;
  m_offset += size;
  return start;
}

std::uint8_t ByteReader::read_u8() {
  const unsigned char* bytes = take(1);
  return bytes ? bytes[0] : 0;
}

std::uint16_t ByteReader::read_u16() {
  const unsigned char* bytes = take(2);
  return bytes ? static_cast<std::uint16_t>(little_endian(bytes, 2)) : 0;
}

std::uint32_t ByteReader::read_u32() {
  const unsigned char* bytes = take(4);
  return bytes ? static_cast<std::uint32_t>(little_endian(bytes, 4)) : 0;
}

std::int32_t ByteReader::read_i32() { return std::bit_cast<std::int32_t>(read_u32()); }

std::int16_t ByteReader::read_i16() { return std::bit_cast<std::int16_t>(read_u16()); }

std::uint32_t ByteReader::read_u32_be() {
  const unsigned char* bytes = take(4);
  return bytes ? static_cast<std::uint32_t>(big_endian(bytes, 4)) : 0;
}

std::uint64_t ByteReader::read_u64_be() {
  const unsigned char* bytes = take(8);
  return bytes ? big_endian(bytes, 8) : 0;
}

bool ByteReader::has(std::size_t count, std::size_t size) {
  if (!ok()) return false;
  if (size != 0 && count > remaining() / size) {
    fail("truncated: " + std::to_string(count) + " items of " + std::to_string(size) + " bytes at offset " +
         std::to_string(m_offset) + ", " + std::to_string(remaining()) + " bytes left");
    return false;
  }
  return true;
}

float ByteReader::read_f32() { return std::bit_cast<float>(read_u32()); }

double ByteReader::read_f64() {
  const unsigned char* bytes = take(8);
  return std::bit_cast<double>(bytes ? little_endian(bytes, 8) : std::uint64_t{0});
}

std::string_view ByteReader::read_bytes(std::size_t size) {
  const unsigned char* bytes = take(size);
  return bytes ? std::string_view(reinterpret_cast<const char*>(bytes), size) : std::string_view{};
}

std::string ByteReader::read_string() {
  const std::uint32_t size = read_u32();
  return std::string(read_bytes(size));
}

std::uint32_t ByteReader::read_count(std::size_t min_element_size) {
  const std::size_t at = m_offset;
  const std::uint32_t count = read_u32();
  if (!ok()) return 0;
  // Dividing instead of multiplying cannot overflow, and a hostile count fails here before anyone reserves memory.
  if (min_element_size > 0 && count > remaining() / min_element_size) {
    fail("count " + std::to_string(count) + " at offset " + std::to_string(at) + " needs at least " +
         std::to_string(min_element_size) + " bytes each, but only " + std::to_string(remaining()) + " are left");
    return 0;
  }
  return count;
}

void ByteReader::fail(std::string message) {
  if (m_error) return;
  m_error.emplace(base::ErrorCode::invalid_input, std::move(message));
}

}  // namespace rbxpipe::rbx::types
