#pragma once
// Internal to rbx/reflection: property values as JSON text, in rbxpipe's reflection format and in rbx-dom's.
// The interface is text so that no header depends on a JSON library.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "rbx/reflection/database.h"

namespace rbxpipe::rbx::reflection {

/// Face names by bit (Faces: Right=1 ... Front=32), as both formats spell them.
inline constexpr std::array<std::string_view, 6> k_face_names = {"Right", "Top", "Back", "Left", "Bottom", "Front"};
/// Axis names by bit (Axes: X=1, Y=2, Z=4).
inline constexpr std::array<std::string_view, 3> k_axis_names = {"X", "Y", "Z"};

/// Encodes a value as JSON text in rbxpipe's format; the shape follows the value's type (README.md, "Values").
std::string encode_value(const types::Variant& value);

/// Encodes a value with its type: `{"type":"Vector3","value":[1,2,3]}`.
std::string encode_typed_value(const types::Variant& value);

/// Decodes JSON text in rbxpipe's format: a typed value, or a bare value of `type` when given. Enum item names
/// resolve through `enum_descriptor` when it is given. invalid_input names the expected shape.
base::Result<types::Variant> decode_value(std::string_view json, std::optional<types::VariantType> type,
                                          const EnumDescriptor* enum_descriptor);

/// Decodes one value in rbx-dom's explicit form (`{"Vector3":[1,2,3]}`); nullopt for a type or shape it does not
/// know, so imports skip what they cannot represent.
std::optional<types::Variant> decode_rbx_dom_value(std::string_view json);

/// The weight of a FontWeight item name; nullopt when unknown.
std::optional<std::uint16_t> font_weight_from_name(std::string_view name);

}  // namespace rbxpipe::rbx::reflection
