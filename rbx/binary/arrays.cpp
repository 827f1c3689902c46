#include "rbx/binary/arrays.h"

#include <bit>

namespace rbxpipe::rbx::binary {

std::uint32_t zigzag_encode(std::int32_t value) {
  // The shift happens on the unsigned bits (no signed overflow); `value >> 31` is an arithmetic shift in C++20.
  return (static_cast<std::uint32_t>(value) << 1) ^ static_cast<std::uint32_t>(value >> 31);
}

std::int32_t zigzag_decode(std::uint32_t code) {
  return static_cast<std::int32_t>((code >> 1) ^ (0U - (code & 1U)));
}

std::uint64_t zigzag_encode64(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t zigzag_decode64(std::uint64_t code) {
  return static_cast<std::int64_t>((code >> 1) ^ (0ULL - (code & 1ULL)));
}

std::uint32_t float_to_roblox(float value) { return std::rotl(std::bit_cast<std::uint32_t>(value), 1); }

float float_from_roblox(std::uint32_t bits) { return std::bit_cast<float>(std::rotr(bits, 1)); }

std::string interleave(std::string_view bytes, std::size_t width) {
  std::size_t count = width == 0 ? 0 : bytes.size() / width;
  std::string out(count * width, '\0');
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t j = 0; j < width; ++j) out[j * count + i] = bytes[i * width + j];
  }
  return out;
}

std::string deinterleave(std::string_view bytes, std::size_t width) {
  std::size_t count = width == 0 ? 0 : bytes.size() / width;
  std::string out(count * width, '\0');
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t j = 0; j < width; ++j) out[i * width + j] = bytes[j * count + i];
  }
  return out;
}

namespace {

// Reads `count` interleaved big-endian words of `width` bytes straight from the column layout, without building a
// de-interleaved copy first.
std::vector<std::uint64_t> read_words(ByteReader& reader, std::size_t count, std::size_t width) {
  if (!reader.has(count, width)) return {};
  std::string_view bytes = reader.read_bytes(count * width);
  std::vector<std::uint64_t> words(count, 0);
  for (std::size_t j = 0; j < width; ++j) {
    std::string_view column = bytes.substr(j * count, count);
    for (std::size_t i = 0; i < count; ++i) words[i] = (words[i] << 8) | static_cast<std::uint8_t>(column[i]);
  }
  return words;
}

template <typename T>
void write_words(ByteWriter& writer, std::span<const T> words, std::size_t width) {
  std::string out(words.size() * width, '\0');
  std::size_t count = words.size();
  for (std::size_t i = 0; i < count; ++i) {
    auto word = static_cast<std::uint64_t>(words[i]);
    for (std::size_t j = 0; j < width; ++j) {
      out[j * count + i] = static_cast<char>((word >> (8 * (width - 1 - j))) & 0xFF);
    }
  }
  writer.write_bytes(out);
}

}  // namespace

std::vector<std::uint32_t> read_u32_array(ByteReader& reader, std::size_t count) {
  std::vector<std::uint32_t> values;
  auto words = read_words(reader, count, 4);
  values.reserve(words.size());
  for (std::uint64_t word : words) values.push_back(static_cast<std::uint32_t>(word));
  return values;
}

std::vector<std::int32_t> read_i32_array(ByteReader& reader, std::size_t count) {
  std::vector<std::int32_t> values;
  auto words = read_words(reader, count, 4);
  values.reserve(words.size());
  for (std::uint64_t word : words) values.push_back(zigzag_decode(static_cast<std::uint32_t>(word)));
  return values;
}

std::vector<float> read_f32_array(ByteReader& reader, std::size_t count) {
  std::vector<float> values;
  auto words = read_words(reader, count, 4);
  values.reserve(words.size());
  for (std::uint64_t word : words) values.push_back(float_from_roblox(static_cast<std::uint32_t>(word)));
  return values;
}

std::vector<std::int64_t> read_i64_array(ByteReader& reader, std::size_t count) {
  std::vector<std::int64_t> values;
  auto words = read_words(reader, count, 8);
  values.reserve(words.size());
  for (std::uint64_t word : words) values.push_back(zigzag_decode64(word));
  return values;
}

std::vector<std::int32_t> read_referents(ByteReader& reader, std::size_t count) {
  std::vector<std::int32_t> values = read_i32_array(reader, count);
  // The running sum is kept unsigned: hostile deltas may overflow, which must wrap rather than be undefined.
  std::uint32_t sum = 0;
  for (std::int32_t& value : values) {
    sum += static_cast<std::uint32_t>(value);
    value = static_cast<std::int32_t>(sum);
  }
  return values;
}

void write_u32_array(ByteWriter& writer, std::span<const std::uint32_t> values) { write_words(writer, values, 4); }

void write_i32_array(ByteWriter& writer, std::span<const std::int32_t> values) {
  std::vector<std::uint32_t> codes;
  codes.reserve(values.size());
  for (std::int32_t value : values) codes.push_back(zigzag_encode(value));
  write_u32_array(writer, codes);
}

void write_f32_array(ByteWriter& writer, std::span<const float> values) {
  std::vector<std::uint32_t> codes;
  codes.reserve(values.size());
  for (float value : values) codes.push_back(float_to_roblox(value));
  write_u32_array(writer, codes);
}

void write_i64_array(ByteWriter& writer, std::span<const std::int64_t> values) {
  std::vector<std::uint64_t> codes;
  codes.reserve(values.size());
  for (std::int64_t value : values) codes.push_back(zigzag_encode64(value));
  write_words(writer, std::span<const std::uint64_t>(codes), 8);
}

void write_referents(ByteWriter& writer, std::span<const std::int32_t> referents) {
  std::vector<std::int32_t> deltas;
  deltas.reserve(referents.size());
  std::uint32_t previous = 0;
  for (std::int32_t referent : referents) {
    auto current = static_cast<std::uint32_t>(referent);
    deltas.push_back(static_cast<std::int32_t>(current - previous));
    previous = current;
  }
  write_i32_array(writer, deltas);
}

}  // namespace rbxpipe::rbx::binary
