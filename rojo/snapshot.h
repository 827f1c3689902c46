#pragma once
// InstanceSnapshot: the instance a file, folder or project node turns into, before it is placed in a Dom.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rbx/types/variant.h"

namespace rbxpipe::rojo {

/// Properties keyed by canonical name.
using PropertyMap = std::map<std::string, rbx::types::Variant, std::less<>>;

/// One instance and its subtree, with what the builder and the sourcemap need to know about where it came from.
struct InstanceSnapshot {
  std::string name;                     ///< instance name
  std::string class_name;               ///< class
  PropertyMap properties;               ///< canonical name -> value (Ref values are wired from `ref_targets`)
  std::vector<InstanceSnapshot> children;  ///< in order
  std::optional<std::string> ref_id;    ///< `$id`, meta/model `id` or the `Rojo_Id` attribute
  /// Ref properties to point at the instance with a given ref id: (property, id).
  std::vector<std::pair<std::string, std::string>> ref_targets;
  /// Files this instance comes from, absolute, in Rojo's order (the script, its meta file, the project file).
  std::vector<std::string> file_paths;
};

}  // namespace rbxpipe::rojo
