#pragma once
// Internal to rojo/: the JSON decoding shared by value_resolver.cpp (implicit values), value_explicit.cpp and
// value_explicit_objects.cpp (explicit values) and value_attributes.cpp (attribute rules). It exposes
// nlohmann_json, so only rojo's value_*.cpp files include it.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "rbx/reflection/database.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rojo::detail {

/// Objects keep their members sorted by key, so attributes and messages come out in a stable order.
using Json = nlohmann::json;

/// What a JSON value is, for "got ..." in messages: "a string", "an array of 3 numbers", "null".
std::string describe(const Json& value);

/// `value as f32` in Rust: rounds to nearest, overflows to infinity, NaN stays NaN.
float f32_from(double value);

/// `value as Int` in Rust: truncates toward zero, saturates at the type's range, NaN becomes 0.
template <typename Int>
Int saturating_from(double value) {
  constexpr Int k_min = std::numeric_limits<Int>::min();
  constexpr Int k_max = std::numeric_limits<Int>::max();
  if (value != value) return 0;
  if (value <= static_cast<double>(k_min)) return k_min;
  if (value >= static_cast<double>(k_max)) return k_max;
  return static_cast<Int>(value);
}

/// A JSON number as an integer of [min, max], exactly for integer literals, Rust-cast (saturating) otherwise.
std::int64_t saturating_integer(const Json& number, std::int64_t min, std::int64_t max);

// Readers for explicit shapes. `at` is where the value sits inside the explicit body ("" for the body itself,
// "[1]", "keypoints[0].time"); on failure `got` says what was found there, for "... expects X, got <got>".

/// What an explicit type expects, for messages.
struct Expect {
  std::string_view type;   ///< "Vector3"
  std::string_view shape;  ///< "[x, y, z] numbers"
  /// invalid_input "<type> expects <shape>, got <got>".
  base::Error fail(std::string_view got) const;
};

/// "<what>" for the body itself, else "<what> at <at>".
std::string located(std::string what, const std::string& at);
/// The path of item `index` below `at` ("[2]", "keypoints[2]").
std::string at_index(const std::string& at, std::size_t index);
/// The path of member `key` below `at` ("keypoints", "keypoints[0].time").
std::string at_key(const std::string& at, std::string_view key);

/// Any JSON number, as a double.
std::optional<double> read_number(const Json& value, const std::string& at, std::string& got);
/// A whole number in [min, max] (an integer literal, or a float literal with no fraction).
std::optional<std::int64_t> read_whole(const Json& value, std::int64_t min, std::int64_t max, const std::string& at,
                                       std::string& got);
/// An array of exactly `count` numbers, each cast to f32.
bool read_floats(const Json& value, float* out, std::size_t count, const std::string& at, std::string& got);
/// [x, y, z] numbers.
std::optional<rbx::types::Vector3> read_vector3(const Json& value, const std::string& at, std::string& got);
/// Member `key` of an object; nullptr (with `got` set) when `object` is no object or lacks the member.
const Json* read_field(const Json& object, std::string_view key, const std::string& at, std::string& got);

/// Decodes the object-shaped explicit types (CFrame, OptionalCFrame, Ray, NumberSequence, ColorSequence,
/// PhysicalProperties, Font, MaterialColors, Content, EnumItem, UniqueId, Ref, Attributes); nullopt for other types.
std::optional<base::Result<rbx::types::Variant>> decode_structured_body(std::string_view type, const Json& body,
                                                                        const rbx::reflection::Database& database);

/// The type name when `value` is an explicit value (an object whose one key names a value type, `{"Vector3": ...}`),
/// else nullopt.
std::optional<std::string> explicit_type_of(const Json& value);

/// Decodes an explicit value (`{"Vector3": [1, 2, 3]}`; explicit_type_of must have named it). invalid_input says
/// what the type expects and what was given ("Vector3 expects [x, y, z] numbers, got a string"); unsupported for
/// types rbxpipe cannot hold (Region3).
base::Result<rbx::types::Variant> decode_explicit(const Json& value, const rbx::reflection::Database& database);

/// Decodes the body of an explicit value of `type` (the `[1, 2, 3]` of `{"Vector3": [1, 2, 3]}`).
base::Result<rbx::types::Variant> decode_explicit_body(std::string_view type, const Json& body,
                                                       const rbx::reflection::Database& database);

/// An object of attribute name -> explicit value, each of a type attributes can hold.
base::Result<rbx::types::Attributes> decode_attribute_object(const Json& object,
                                                             const rbx::reflection::Database& database);

/// True when attributes can hold values of `type` (String, Bool, numbers, UDim, Vector3, CFrame, Font, ...).
bool attribute_can_hold(rbx::types::VariantType type);

/// invalid_input for an attribute value of a type attributes cannot hold, listing the types they can.
base::Error attribute_type_error(rbx::types::VariantType type);

}  // namespace rbxpipe::rojo::detail
