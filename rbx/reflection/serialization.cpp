// Placeholder implementation: properties pass through unchanged, until the reflection data lands.
#include "rbx/reflection/serialization.h"

namespace rbxpipe::rbx::reflection {

std::pair<std::string, types::Variant> canonicalize(const Database&, std::string_view, std::string_view serialized_name,
                                                    types::Variant value) {
  return {std::string(serialized_name), std::move(value)};
}

std::vector<SerializedProperty> serialize(const Database&, std::string_view, std::string_view canonical_name,
                                          const types::Variant& value,
                                          const std::function<bool(std::string_view)>&) {
  return {SerializedProperty{std::string(canonical_name), value}};
}

types::VariantType serialized_type(const Database&, std::string_view, std::string_view, types::VariantType value_type) {
  return value_type;
}

}  // namespace rbxpipe::rbx::reflection
