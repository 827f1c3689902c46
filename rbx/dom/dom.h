#pragma once
// Dom: a tree of Roblox instances (class, name, ordered children, properties) with stable ids for references.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::dom {

using types::InstanceId;
using types::k_null_instance;
using types::Variant;

/// One instance. Properties are keyed by canonical name and never include Name (a field of its own).
struct Instance {
  InstanceId id = k_null_instance;                    ///< stable within its Dom
  std::string class_name;                             ///< "Part", "ModuleScript", ...
  std::string name;                                   ///< the Name property
  InstanceId parent = k_null_instance;                ///< k_null_instance only for the root
  std::vector<InstanceId> children;                   ///< in order
  std::map<std::string, Variant, std::less<>> properties;  ///< canonical property name -> value
};

/// A tree with one root. For a place the root's class is DataModel and its children are the services; for a model
/// file the root is a container (class "DataModel", name "ROOT") whose children are the model's top-level instances.
class Dom {
 public:
  /// An empty tree whose root is a DataModel named "ROOT".
  Dom();

  /// The root's id.
  InstanceId root() const { return m_root; }
  /// Adds an instance as the last child of `parent` and returns its id (`parent` must exist).
  InstanceId insert(InstanceId parent, std::string class_name, std::string name);
  /// The instance; `id` must exist.
  Instance& get(InstanceId id);
  /// The instance; `id` must exist.
  const Instance& get(InstanceId id) const;
  /// The instance or nullptr when `id` is unknown or destroyed.
  const Instance* find(InstanceId id) const;
  /// True when `id` names a live instance.
  bool contains(InstanceId id) const { return find(id) != nullptr; }
  /// Sets a property (replacing any previous value).
  void set_property(InstanceId id, std::string name, Variant value);
  /// Moves `id` to the end of `new_parent`'s children; invalid_input when that would make a cycle or move the root.
  base::Result<void> reparent(InstanceId id, InstanceId new_parent);
  /// Removes `id` and its whole subtree (not the root).
  void destroy(InstanceId id);
  /// `id` and all its descendants in pre-order (parent first, children in order). Iterative: deep trees are fine.
  std::vector<InstanceId> descendants(InstanceId id) const;
  /// Number of live instances, the root included.
  std::size_t size() const { return m_live; }
  /// The first child of `parent` named `name`, or k_null_instance.
  InstanceId find_child(InstanceId parent, std::string_view name) const;

 private:
  std::vector<Instance> m_instances;  // index = id - 1; destroyed slots have id == k_null_instance
  InstanceId m_root = k_null_instance;
  std::size_t m_live = 0;
};

/// How strictly first_difference compares values.
struct CompareOptions {
  /// Numbers within this relative difference count as equal (0: exact). XML files store floats with fewer
  /// significant digits than binary files, so comparing the two formats needs about 1e-5.
  double relative_tolerance = 0;
};

/// Compares two subtrees structurally: class, name, properties (Refs compared by the position of their targets in
/// their trees; NaN equals NaN) and children in order. Returns "" when equal, else the first difference.
std::string first_difference(const Dom& a, InstanceId a_root, const Dom& b, InstanceId b_root,
                             const CompareOptions& options = {});

}  // namespace rbxpipe::rbx::dom
