#pragma once
// Property and attribute values as project, meta and model files write them (Rojo's implicit and explicit JSON
// forms), resolved into typed values through the reflection database.

#include <string>
#include <string_view>

#include "base/result.h"
#include "rbx/reflection/database.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rojo {

/// A resolved property: the canonical name the Dom stores it under and its value.
struct ResolvedProperty {
  std::string name;           ///< canonical property name ("Size" for "size")
  rbx::types::Variant value;  ///< the typed value
};

/// Resolves `json` (one JSON value as text) written for `class_name`.`property`. Explicit values
/// (`{"Vector3": [1, 2, 3]}`) are taken as given (an unknown property keeps its name); implicit values are typed by
/// the property's declared type, walking superclasses. invalid_input with a message naming the class, the property,
/// the expected shape and what was given; for an unknown enum item the message lists the valid items; not_found for
/// an unknown property with an implicit value.
base::Result<ResolvedProperty> resolve_property(const rbx::reflection::Database& database, std::string_view class_name,
                                                std::string_view property, std::string_view json);

/// Resolves an attribute value: implicit only for booleans, numbers (Float64) and strings; anything else must be
/// explicit (`{"Vector3": [1, 2, 3]}`) and of a type attributes can hold. invalid_input otherwise.
base::Result<rbx::types::Variant> resolve_attribute(std::string_view json);

}  // namespace rbxpipe::rojo
