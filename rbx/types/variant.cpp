#include "rbx/types/variant.h"

#include <array>

namespace rbxpipe::rbx::types {

namespace {

// Indexed by VariantType; the names match rbx-dom's type names so imported reflection data maps one to one.
constexpr std::array<std::string_view, 40> k_type_names = {
    "String",       "BinaryString", "ProtectedString", "ContentId",      "Bool",           "Int32",
    "Int64",        "Float32",      "Float64",         "UDim",           "UDim2",          "Ray",
    "Faces",        "Axes",         "BrickColor",      "Color3",         "Color3uint8",    "Vector2",
    "Vector2int16", "Vector3",      "Vector3int16",    "CFrame",         "OptionalCFrame", "Enum",
    "EnumItem",     "Ref",          "NumberSequence",  "ColorSequence",  "NumberRange",    "Rect",
    "PhysicalProperties", "SharedString", "UniqueId",  "Font",           "SecurityCapabilities", "Content",
    "Tags",         "Attributes",   "MaterialColors",  "Bytecode",
};

static_assert(k_type_names.size() == std::variant_size_v<Variant>, "one name per Variant alternative");

template <std::size_t... I>
Variant default_at(std::size_t index, std::index_sequence<I...>) {
  Variant value;
  // Value-initialises the alternative at `index`: zeroes, empty strings, identity CFrame (CFrame's own default).
  (void)((index == I ? (value.emplace<I>(), true) : false) || ...);
  return value;
}

}  // namespace

std::string_view variant_type_name(VariantType type) { return k_type_names[static_cast<std::size_t>(type)]; }

std::optional<VariantType> variant_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < k_type_names.size(); ++i) {
    if (k_type_names[i] == name) return static_cast<VariantType>(i);
  }
  // Spellings used by API dumps and older rbx-dom databases.
  if (name == "string") return VariantType::String;
  if (name == "bool") return VariantType::Bool;
  if (name == "int") return VariantType::Int32;
  if (name == "int64") return VariantType::Int64;
  if (name == "float") return VariantType::Float32;
  if (name == "double") return VariantType::Float64;
  if (name == "Rect2D") return VariantType::Rect;
  if (name == "CoordinateFrame") return VariantType::CFrame;
  if (name == "OptionalCoordinateFrame") return VariantType::OptionalCFrame;
  if (name == "Object" || name == "Instance") return VariantType::Ref;
  if (name == "NetAssetRef") return VariantType::SharedString;
  if (name == "token") return VariantType::Enum;
  return std::nullopt;
}

Variant default_value(VariantType type) {
  if (type == VariantType::BrickColor) return BrickColor{};
  return default_at(static_cast<std::size_t>(type), std::make_index_sequence<std::variant_size_v<Variant>>{});
}

}  // namespace rbxpipe::rbx::types
