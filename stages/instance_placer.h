#pragma once
// InstancePlacer: puts generated instances into a place's tree at dot-separated paths ("ReplicatedStorage.Lesson"),
// creating the service and Folders on the way, and reports, instead of overwriting, an instance already there.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::stages {

/// Diagnostic codes of the generated instances.
inline constexpr std::string_view k_exists_in_project = "BUILD0101";  ///< the Rojo tree already has the instance
inline constexpr std::string_view k_not_a_service = "BUILD0102";      ///< a path does not start with a service
inline constexpr std::string_view k_bad_path = "BUILD0103";           ///< an empty path or path segment
inline constexpr std::string_view k_asset_keys = "BUILD0104";         ///< asset inputs the Assets module cannot key
inline constexpr std::string_view k_asset_inputs = "BUILD0105";       ///< asset groups that cannot be listed
inline constexpr std::string_view k_generated_twice = "BUILD0106";    ///< two generated instances at one place
inline constexpr std::string_view k_runtime_layout = "BUILD0107";     ///< a runtime file in none of its folders

/// Places generated instances under a DataModel root, appending a diagnostic for every path it cannot use.
class InstancePlacer {
 public:
  /// Works on `dom`, naming `config_file` (rbxpipe.json) and `project_file` (the Rojo project) in diagnostics.
  InstancePlacer(rbx::dom::Dom& dom, std::string config_file, std::string project_file,
                 std::vector<base::Diagnostic>& diagnostics);

  /// The instance at `path`, found or created: the first segment must be a service (created with its class when
  /// missing), later ones are reused by name or created as Folders. `setting` ("lesson.public") names the path in
  /// messages. nullopt after reporting why the path cannot be used.
  std::optional<rbx::dom::InstanceId> container(std::string_view path, std::string_view setting);

  /// The child `name` of `parent`, created as a Folder when missing.
  rbx::dom::InstanceId folder(rbx::dom::InstanceId parent, const std::string& name);

  /// A new instance `name` of `class_name` under `parent`, generated from `origin` ("lesson/lesson.json"); nullopt
  /// after reporting an instance of that name already there (BUILD0101, or BUILD0106 when rbxpipe made it).
  std::optional<rbx::dom::InstanceId> add(rbx::dom::InstanceId parent, const std::string& class_name,
                                          const std::string& name, const std::string& origin);

  /// Reports an error about the configuration file.
  void report(std::string_view code, std::string message);

  /// The dot path of an instance from the root ("ReplicatedStorage.Lesson.Data").
  std::string path_of(rbx::dom::InstanceId id) const;

 private:
  rbx::dom::Dom& m_dom;
  std::string m_config_file;
  std::string m_project_file;
  std::vector<base::Diagnostic>& m_diagnostics;
  std::map<rbx::dom::InstanceId, std::string> m_generated;  // instance -> what made it, for BUILD0106
};

/// Splits an instance path at dots; empty when the path or any segment is empty.
std::vector<std::string> split_instance_path(std::string_view path);

}  // namespace rbxpipe::stages
