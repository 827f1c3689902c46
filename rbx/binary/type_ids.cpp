#include "rbx/binary/type_ids.h"

#include <array>
#include <cstdio>
#include <utility>

namespace rbxpipe::rbx::binary {

namespace {

using types::VariantType;

// One row per type id: the id and the value type a reader produces for it. The writer's mapping is the inverse
// plus the string-like types, which all travel as String.
constexpr std::array<std::pair<TypeId, VariantType>, 32> k_types = {{
    {TypeId::string, VariantType::String},
    {TypeId::boolean, VariantType::Bool},
    {TypeId::int32, VariantType::Int32},
    {TypeId::float32, VariantType::Float32},
    {TypeId::float64, VariantType::Float64},
    {TypeId::udim, VariantType::UDim},
    {TypeId::udim2, VariantType::UDim2},
    {TypeId::ray, VariantType::Ray},
    {TypeId::faces, VariantType::Faces},
    {TypeId::axes, VariantType::Axes},
    {TypeId::brick_color, VariantType::BrickColor},
    {TypeId::color3, VariantType::Color3},
    {TypeId::vector2, VariantType::Vector2},
    {TypeId::vector3, VariantType::Vector3},
    {TypeId::cframe, VariantType::CFrame},
    {TypeId::enumeration, VariantType::Enum},
    {TypeId::ref, VariantType::Ref},
    {TypeId::vector3int16, VariantType::Vector3int16},
    {TypeId::number_sequence, VariantType::NumberSequence},
    {TypeId::color_sequence, VariantType::ColorSequence},
    {TypeId::number_range, VariantType::NumberRange},
    {TypeId::rect, VariantType::Rect},
    {TypeId::physical_properties, VariantType::PhysicalProperties},
    {TypeId::color3uint8, VariantType::Color3uint8},
    {TypeId::int64, VariantType::Int64},
    {TypeId::shared_string, VariantType::SharedString},
    {TypeId::bytecode, VariantType::Bytecode},
    {TypeId::optional_cframe, VariantType::OptionalCFrame},
    {TypeId::unique_id, VariantType::UniqueId},
    {TypeId::font, VariantType::Font},
    {TypeId::security_capabilities, VariantType::SecurityCapabilities},
    {TypeId::content, VariantType::Content},
}};

}  // namespace

std::optional<TypeId> type_id_from_byte(std::uint8_t byte) {
  for (const auto& [id, type] : k_types) {
    if (static_cast<std::uint8_t>(id) == byte) return id;
  }
  return std::nullopt;
}

std::string type_id_name(TypeId type) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(type));
  return std::string(types::variant_type_name(variant_type_for(type))) + " (" + hex + ")";
}

std::optional<TypeId> type_id_for(VariantType type) {
  switch (type) {
    case VariantType::BinaryString:
    case VariantType::ProtectedString:
    case VariantType::ContentId:
    case VariantType::Tags:
    case VariantType::Attributes:
    case VariantType::MaterialColors:
      return TypeId::string;
    case VariantType::Vector2int16:
    case VariantType::EnumItem:
      return std::nullopt;
    default:
      break;
  }
  for (const auto& [id, read_type] : k_types) {
    if (read_type == type) return id;
  }
  return std::nullopt;
}

VariantType variant_type_for(TypeId type) {
  for (const auto& [id, read_type] : k_types) {
    if (id == type) return read_type;
  }
  return VariantType::String;
}

}  // namespace rbxpipe::rbx::binary
