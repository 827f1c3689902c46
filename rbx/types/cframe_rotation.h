#pragma once
// The compact rotation ids binary files and attributes use for axis-aligned CFrame rotations.

#include <array>
#include <cstdint>
#include <optional>

namespace rbxpipe::rbx::types {

/// The id (0x02 for identity, ...) of an axis-aligned rotation matrix (row-major), or nullopt when the matrix is not
/// one of the 24 axis-aligned rotations exactly.
std::optional<std::uint8_t> rotation_id_of(const std::array<float, 9>& rotation);

/// The matrix of a valid rotation id, or nullopt for 0 and invalid ids.
std::optional<std::array<float, 9>> rotation_of_id(std::uint8_t id);

}  // namespace rbxpipe::rbx::types
