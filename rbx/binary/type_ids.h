#pragma once
// The property type ids of PROP chunks and how they correspond to rbxpipe's value types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rbx/types/variant.h"

namespace rbxpipe::rbx::binary {

/// A PROP chunk's type id byte.
enum class TypeId : std::uint8_t {
  string = 0x01,
  boolean = 0x02,
  int32 = 0x03,
  float32 = 0x04,
  float64 = 0x05,
  udim = 0x06,
  udim2 = 0x07,
  ray = 0x08,
  faces = 0x09,
  axes = 0x0A,
  brick_color = 0x0B,
  color3 = 0x0C,
  vector2 = 0x0D,
  vector3 = 0x0E,
  cframe = 0x10,
  enumeration = 0x12,
  ref = 0x13,
  vector3int16 = 0x14,
  number_sequence = 0x15,
  color_sequence = 0x16,
  number_range = 0x17,
  rect = 0x18,
  physical_properties = 0x19,
  color3uint8 = 0x1A,
  int64 = 0x1B,
  shared_string = 0x1C,
  bytecode = 0x1D,
  optional_cframe = 0x1E,
  unique_id = 0x1F,
  font = 0x20,
  security_capabilities = 0x21,
  content = 0x22,
};

/// The type id for a byte read from a file, or nullopt when the byte names no known type.
std::optional<TypeId> type_id_from_byte(std::uint8_t byte);

/// A readable name for messages ("Vector3 (0x0E)").
std::string type_id_name(TypeId type);

/// The type id a value of `type` is written with (String for every string-like type), or nullopt for the types
/// the binary format cannot hold (Vector2int16, EnumItem).
std::optional<TypeId> type_id_for(types::VariantType type);

/// The value type a reader produces for a type id (String 0x01 reads as String).
types::VariantType variant_type_for(TypeId type);

}  // namespace rbxpipe::rbx::binary
