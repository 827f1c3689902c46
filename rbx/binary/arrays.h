#pragma once
// The binary format's array encodings: byte interleaving, zigzag integers, rotated "Roblox floats" and
// delta-encoded referents.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rbx/binary/bytes.h"

namespace rbxpipe::rbx::binary {

/// Zigzag-encodes a 32-bit integer so small magnitudes get small codes (0, -1, 1, -2 -> 0, 1, 2, 3).
std::uint32_t zigzag_encode(std::int32_t value);
/// Inverse of zigzag_encode; defined for every input.
std::int32_t zigzag_decode(std::uint32_t code);
/// Zigzag-encodes a 64-bit integer.
std::uint64_t zigzag_encode64(std::int64_t value);
/// Inverse of zigzag_encode64; defined for every input.
std::int64_t zigzag_decode64(std::uint64_t code);

/// The bits of a float as the format stores them: IEEE bits rotated left by one (sign bit last).
std::uint32_t float_to_roblox(float value);
/// Inverse of float_to_roblox.
float float_from_roblox(std::uint32_t bits);

/// Interleaves `bytes`, read as records of `width` bytes, column by column: byte 0 of every record first.
std::string interleave(std::string_view bytes, std::size_t width);
/// Inverse of interleave; `bytes.size()` must be a multiple of `width`.
std::string deinterleave(std::string_view bytes, std::size_t width);

/// Reads `count` big-endian u32 values stored interleaved. On short data the reader fails and the result is empty.
std::vector<std::uint32_t> read_u32_array(ByteReader& reader, std::size_t count);
/// Reads `count` zigzag i32 values (big-endian, interleaved).
std::vector<std::int32_t> read_i32_array(ByteReader& reader, std::size_t count);
/// Reads `count` Roblox floats (big-endian, interleaved).
std::vector<float> read_f32_array(ByteReader& reader, std::size_t count);
/// Reads `count` zigzag i64 values (big-endian, interleaved).
std::vector<std::int64_t> read_i64_array(ByteReader& reader, std::size_t count);
/// Reads `count` referents: zigzag i32, interleaved, each stored as the difference from the previous one.
std::vector<std::int32_t> read_referents(ByteReader& reader, std::size_t count);

/// Writes big-endian u32 values interleaved.
void write_u32_array(ByteWriter& writer, std::span<const std::uint32_t> values);
/// Writes zigzag i32 values interleaved.
void write_i32_array(ByteWriter& writer, std::span<const std::int32_t> values);
/// Writes Roblox floats interleaved.
void write_f32_array(ByteWriter& writer, std::span<const float> values);
/// Writes zigzag i64 values interleaved.
void write_i64_array(ByteWriter& writer, std::span<const std::int64_t> values);
/// Writes referents delta-encoded, zigzagged and interleaved.
void write_referents(ByteWriter& writer, std::span<const std::int32_t> referents);

}  // namespace rbxpipe::rbx::binary
