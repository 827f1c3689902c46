// Project files and their Instance Descriptions: $className/$path resolution, class inference, nested projects.
#include <algorithm>

#include "rojo/snapshot_context.h"

namespace rbxpipe::rojo {
namespace {

using base::Severity;

// Nested projects deeper than this are almost certainly a mistake that would otherwise exhaust memory.
constexpr std::size_t k_max_project_depth = 64;

// Rojo infers classes for services under a DataModel, StarterPlayer's two script folders and Workspace's Terrain.
std::optional<std::string> infer_class(const SnapshotContext& context, const std::string& name,
                                       const std::optional<std::string>& parent_class) {
  if (!parent_class) return std::nullopt;
  if (*parent_class == "DataModel") {
    if (context.database.is_service(name)) return name;
  } else if (*parent_class == "StarterPlayer") {
    if (name == "StarterPlayerScripts" || name == "StarterCharacterScripts") return name;
  } else if (*parent_class == "Workspace") {
    if (name == "Terrain") return name;
  }
  return std::nullopt;
}

std::optional<InstanceSnapshot> snapshot_node(const SnapshotContext& context, const SnapshotScope& scope,
                                              const RojoProject& project, const ProjectNode& node,
                                              const std::optional<std::string>& parent_class) {
  const JsonFile& file = *project.json;
  std::optional<InstanceSnapshot> from_path;
  if (node.path) {
    std::filesystem::path full = std::filesystem::path(*node.path).is_absolute()
                                     ? std::filesystem::path(*node.path)
                                     : (project.folder / *node.path).lexically_normal();
    from_path = snapshot_path(context, scope, full);
    if (!from_path) {
      if (node.path_optional) return std::nullopt;
      bool exists = context.files.stamp(full).exists;
      context.sink.add(file.diagnose(
          Severity::error, "ROJO0011",
          exists ? "$path '" + *node.path + "' of '" + node.name + "' makes no instance: no sync rule takes that file"
                 : "$path '" + *node.path + "' of '" + node.name + "' does not exist",
          node.pointer + "/$path"));
      return std::nullopt;
    }
  }
  auto inferred = infer_class(context, node.name, parent_class);
  std::string class_name;
  if (node.class_name && from_path) {
    if (from_path->class_name != "Folder") {
      context.sink.add(file.diagnose(
          Severity::error, "ROJO0010",
          "the class of '" + node.name + "' is given twice: $className says " + *node.class_name + " and $path '" +
              *node.path + "' makes a " + from_path->class_name + "; with both, $path must be a plain folder",
          node.pointer + "/$className"));
      return std::nullopt;
    }
    class_name = *node.class_name;
  } else if (node.class_name) {
    class_name = *node.class_name;
  } else if (from_path) {
    class_name = from_path->class_name == "Folder" && inferred ? *inferred : from_path->class_name;
  } else if (inferred) {
    class_name = *inferred;
  } else {
    context.sink.add(file.diagnose(Severity::error, "ROJO0012",
                                   "'" + node.name + "' needs a class: set $className, point $path at a file or "
                                   "folder, or name a service such as ReplicatedStorage",
                                   node.pointer, !node.pointer.empty() && node.pointer != "/tree"));
    return std::nullopt;
  }
  if (!context.database.find_class(class_name) && node.class_name)
    context.sink.add(file.diagnose(Severity::warning, "ROJO0014",
                                   "class '" + class_name + "' is not in rbxpipe's reflection data; its properties "
                                   "cannot be checked (rbxpipe reflection import adds classes)",
                                   node.pointer + "/$className"));

  InstanceSnapshot snapshot = from_path ? std::move(*from_path) : InstanceSnapshot{};
  snapshot.name = node.name;
  snapshot.class_name = class_name;
  for (const auto& child : node.children)
    if (auto made = snapshot_node(context, scope, project, child, class_name))
      snapshot.children.push_back(std::move(*made));
  apply_values(context, file, node.properties, node.attributes, snapshot);
  if (node.id) snapshot.ref_id = node.id;
  snapshot.file_paths.push_back(project.file.string());
  return snapshot;
}

}  // namespace

std::optional<InstanceSnapshot> snapshot_project_file(const SnapshotContext& context, const SnapshotScope& scope,
                                                      const std::filesystem::path& file, const std::string& name) {
  if (std::find(scope.projects.begin(), scope.projects.end(), file) != scope.projects.end() ||
      scope.projects.size() >= k_max_project_depth) {
    context.file_error(file, "ROJO0006", "project includes itself through nested $path references");
    return std::nullopt;
  }
  auto contents = context.files.read(file);
  if (!contents) {
    context.file_error(file, "ROJO0040", contents.error().message());
    return std::nullopt;
  }
  std::vector<base::Diagnostic> diagnostics;
  auto project = parse_rojo_project(file, context.display(file), **contents, diagnostics);
  context.sink.add_all(diagnostics);
  if (!project) return std::nullopt;

  SnapshotScope inner;
  inner.emit_legacy_scripts = project->emit_legacy_scripts.value_or(scope.emit_legacy_scripts);
  inner.sync_rules = std::make_shared<const std::vector<SyncRule>>(project->sync_rules);
  inner.ignores = scope.ignores;
  if (!project->glob_ignore_paths.empty()) {
    auto rules = IgnoreRules::compile(project->glob_ignore_paths);
    if (rules) inner.ignores.push_back(std::make_shared<const IgnoreScope>(IgnoreScope{std::move(*rules), project->folder}));
  }
  inner.projects = scope.projects;
  inner.projects.push_back(file);

  ProjectNode root = project->tree;
  root.name = project->name.value_or(name);
  return snapshot_node(context, inner, *project, root, std::nullopt);
}

}  // namespace rbxpipe::rojo
