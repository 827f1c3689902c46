// Attribute values: which types attributes can hold (the types encode_attributes writes) and the attribute objects
// of Attributes properties, whose entries are always explicit values.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "rojo/value_json.h"

namespace rbxpipe::rojo::detail {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
using namespace rbx::types;

}  // namespace

bool attribute_can_hold(VariantType type) {
  switch (type) {
    case VariantType::String:
    case VariantType::Bool:
    case VariantType::Int32:
    case VariantType::Float32:
    case VariantType::Float64:
    case VariantType::UDim:
    case VariantType::UDim2:
    case VariantType::BrickColor:
    case VariantType::Color3:
    case VariantType::Vector2:
    case VariantType::Vector3:
    case VariantType::CFrame:
    case VariantType::EnumItem:
    case VariantType::NumberSequence:
    case VariantType::ColorSequence:
    case VariantType::NumberRange:
    case VariantType::Rect:
    case VariantType::Font: return true;
    default: return false;
  }
}

base::Error attribute_type_error(VariantType type) {
  std::vector<std::string_view> holdable;
  for (auto t = static_cast<unsigned>(VariantType::String); t <= static_cast<unsigned>(VariantType::Bytecode); ++t) {
    const auto candidate = static_cast<VariantType>(t);
    if (attribute_can_hold(candidate)) holdable.push_back(variant_type_name(candidate));
  }
  std::sort(holdable.begin(), holdable.end());
  std::string list;
  for (std::string_view name : holdable) list += (list.empty() ? "" : ", ") + std::string(name);
  return Error(ErrorCode::invalid_input, "attributes cannot hold " + std::string(variant_type_name(type)) +
                                             " values; they hold " + list);
}

Result<Attributes> decode_attribute_object(const Json& object, const rbx::reflection::Database& database) {
  if (!object.is_object()) {
    return Error(ErrorCode::invalid_input,
                 "Attributes expects an object of attribute names to explicit values, got " + describe(object));
  }
  Attributes attributes;
  for (const auto& [name, value] : object.items()) {
    auto type = explicit_type_of(value);
    if (!type) {
      const std::string_view example = value.is_string()    ? "{\"String\": \"...\"}"
                                       : value.is_boolean() ? "{\"Bool\": true}"
                                       : value.is_number()  ? "{\"Float64\": 1}"
                                                            : "{\"Vector3\": [1, 2, 3]}";
      return Error(ErrorCode::invalid_input, "attribute '" + name + "' needs an explicit value such as " +
                                                 std::string(example) + ", got " + describe(value));
    }
    auto decoded = decode_explicit_body(*type, value.begin().value(), database);
    if (!decoded) return Error(decoded.error().code(), "attribute '" + name + "': " + decoded.error().message());
    if (!attribute_can_hold(type_of(*decoded))) {
      return Error(ErrorCode::invalid_input,
                   "attribute '" + name + "': " + attribute_type_error(type_of(*decoded)).message());
    }
    // Objects iterate in key order, so the entries come out sorted by name as Attributes keeps them.
    attributes.entries.push_back(AttributeEntry{name, std::move(*decoded)});
  }
  return attributes;
}

}  // namespace rbxpipe::rojo::detail
