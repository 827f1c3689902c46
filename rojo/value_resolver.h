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
/// (`{"Vector3": [1, 2, 3]}`, rbx-dom's serde shapes) are taken as given; implicit values are typed by the
/// property's declared type, walking superclasses (enum item names, numbers cast as Rust's `as` does, arrays for
/// vectors, colours and CFrames). A known property's value then becomes what a file reader would make of it
/// (reflection::canonicalize): converted to the declared type where that is lossless (`{"String": ...}` for
/// Script.Source becomes a ProtectedString) and legacy properties named as their replacement (Decal.Texture ->
/// TextureContent); an unknown property keeps its name and value. invalid_input names the class, the property, the
/// expected shape and what was given; for an unknown enum item it lists valid items. not_found for an unknown
/// property or class with an implicit value.
base::Result<ResolvedProperty> resolve_property(const rbx::reflection::Database& database, std::string_view class_name,
                                                std::string_view property, std::string_view json);

/// Resolves an attribute value: implicit only for booleans (Bool), numbers (Float64) and strings (String);
/// anything else must be explicit (`{"Vector3": [1, 2, 3]}`) and of a type attributes can hold. invalid_input
/// otherwise. The database validates BrickColor numbers.
base::Result<rbx::types::Variant> resolve_attribute(const rbx::reflection::Database& database, std::string_view json);

}  // namespace rbxpipe::rojo
