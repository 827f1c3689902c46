#pragma once
// The writer's per-class property columns: which properties a class's PROP chunks hold, with what type, and the
// value every instance contributes (its own, converted, or a default).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/binary/type_ids.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::rbx::reflection {
class Database;
}

namespace rbxpipe::rbx::binary {

/// One PROP chunk to write.
struct PropColumn {
  std::string name;                    ///< serialized property name
  TypeId type = TypeId::string;        ///< the chunk's type id
  std::vector<types::Variant> values;  ///< one per instance, in the class's referent order, all written as `type`
};

/// Builds the PROP columns of one class, sorted by serialized name, Name included. Each property goes through
/// reflection::serialize. A property some instances lack gets the reflection default (or the type's default).
/// When instances disagree on a property's file type, the most common type wins (ties: the lower type id) and
/// the other values are converted where a lossless-enough conversion exists (numbers, Color3 <-> Color3uint8),
/// else replaced by the default. unsupported for value types the format cannot hold (Vector2int16, EnumItem).
base::Result<std::vector<PropColumn>> build_columns(const reflection::Database& database, const dom::Dom& dom,
                                                    const std::string& class_name,
                                                    std::span<const types::InstanceId> instances);

/// Converts `value` to a value written as `type`, or nullopt when no sensible conversion exists.
std::optional<types::Variant> convert_value(const types::Variant& value, TypeId type);

}  // namespace rbxpipe::rbx::binary
