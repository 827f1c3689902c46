// Folders: init files, default projects, children in name order, globIgnorePaths; and the dispatch by sync rule.
#include <tbb/parallel_for.h>

#include "base/file_io.h"
#include "rojo/snapshot_context.h"

namespace rbxpipe::rojo {
namespace {

// Snapshotting a folder's entries in parallel pays off only when there are enough of them.
constexpr std::size_t k_parallel_entries = 8;
// Deepest folder path followed, in path components.
constexpr std::ptrdiff_t k_max_path_depth = 256;

// True when the folder a link points at is `folder` or one of its ancestors.
bool links_to_ancestor(const std::filesystem::path& folder, const std::filesystem::path& link) {
  std::error_code error;
  auto target = std::filesystem::canonical(link, error);
  if (error) return false;
  auto here = std::filesystem::canonical(folder, error);
  if (error) return false;
  for (auto ancestor = here;; ancestor = ancestor.parent_path()) {
    if (ancestor == target) return true;
    if (ancestor == ancestor.parent_path()) return false;
  }
}

bool is_ignored(const SnapshotScope& scope, const std::filesystem::path& path) {
  for (const auto& ignore : scope.ignores) {
    std::filesystem::path relative = path.lexically_relative(ignore->folder);
    if (relative.empty() || *relative.begin() == "..") continue;
    if (ignore->rules.ignores(relative.generic_string())) return true;
  }
  return false;
}

// The init file that gives a folder its class, in Rojo's priority order.
std::optional<std::filesystem::path> find_init(const SnapshotContext& context, const std::filesystem::path& folder,
                                               const std::vector<DirectoryEntry>& entries) {
  auto has = [&](std::string_view name) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const DirectoryEntry& e) { return !e.is_directory && e.name == name; });
  };
  (void)context;
  for (auto name : {std::string_view("default.project.json"), std::string_view("default.project.jsonc")})
    if (has(name)) return folder / std::string(name);
  for (auto name : init_file_names())
    if (has(name)) return folder / std::string(name);
  return std::nullopt;
}

std::optional<InstanceSnapshot> snapshot_children(const SnapshotContext& context, const SnapshotScope& scope,
                                                  const std::filesystem::path& folder,
                                                  const std::vector<DirectoryEntry>& entries) {
  InstanceSnapshot snapshot;
  snapshot.name = folder.filename().string();
  snapshot.class_name = "Folder";
  std::vector<std::optional<InstanceSnapshot>> slots(entries.size());
  auto one = [&](std::size_t i) {
    const auto& entry = entries[i];
    std::filesystem::path path = folder / entry.name;
    if (is_ignored(scope, path)) return;
    if (!entry.is_directory && is_init_file_name(entry.name)) return;
    if (entry.is_symlink && entry.is_directory && links_to_ancestor(folder, path)) {
      context.file_error(path, "ROJO0043", "symbolic link '" + entry.name +
                                               "' points at a folder containing it; following it would never end");
      return;
    }
    slots[i] = snapshot_path(context, scope, path);
  };
  if (context.parallel && entries.size() >= k_parallel_entries) {
    tbb::parallel_for(std::size_t{0}, entries.size(), one);
  } else {
    for (std::size_t i = 0; i < entries.size(); ++i) one(i);
  }
  // Two entries making the same name is legal in Roblox but makes paths in scripts ambiguous.
  std::map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i]) continue;
    auto [it, inserted] = seen.emplace(slots[i]->name, i);
    if (!inserted) {
      auto diagnostic = file_diagnostic(
          base::Severity::warning, "ROJO0013",
          "'" + entries[it->second].name + "' and '" + entries[i].name + "' both make an instance named '" +
              slots[i]->name + "'; scripts cannot tell them apart",
          context.display(folder / entries[i].name));
      context.sink.add(std::move(diagnostic));
    }
  }
  for (auto& slot : slots)
    if (slot) snapshot.children.push_back(std::move(*slot));
  return snapshot;
}

std::optional<InstanceSnapshot> snapshot_folder(const SnapshotContext& context, const SnapshotScope& scope,
                                                const std::filesystem::path& folder) {
  // Symlinks can make a folder contain itself; no real project nests this deep.
  if (std::distance(folder.begin(), folder.end()) > k_max_path_depth) {
    context.file_error(folder, "ROJO0043",
                       "folders nest more than " + std::to_string(k_max_path_depth) +
                           " levels deep here; is there a symbolic link pointing back up?");
    return std::nullopt;
  }
  auto entries = context.files.list(folder);
  if (!entries) {
    context.file_error(folder, "ROJO0040", entries.error().message());
    return std::nullopt;
  }
  auto init = find_init(context, folder, *entries);
  if (init) {
    std::string file_name = init->filename().string();
    if (is_project_file_name(file_name))
      return snapshot_project_file(context, scope, *init, folder.filename().string());
    auto contents = snapshot_children(context, scope, folder, *entries);
    if (!contents) return std::nullopt;
    const SyncRule* rule = find_sync_rule({}, *init);
    if (rule == nullptr) return std::nullopt;
    auto snapshot = snapshot_file(context, scope, *init, rule->middleware, contents->name);
    if (!snapshot) return std::nullopt;
    snapshot->name = contents->name;
    snapshot->children = std::move(contents->children);
    snapshot->file_paths.insert(snapshot->file_paths.begin(), folder.string());
    apply_folder_meta(context, folder, *snapshot);
    return snapshot;
  }
  auto snapshot = snapshot_children(context, scope, folder, *entries);
  if (!snapshot) return std::nullopt;
  snapshot->file_paths.push_back(folder.string());
  apply_folder_meta(context, folder, *snapshot);
  return snapshot;
}

}  // namespace

void DiagnosticSink::add(base::Diagnostic diagnostic) {
  std::lock_guard lock(m_mutex);
  if (diagnostic.severity == base::Severity::error) m_has_errors = true;
  m_diagnostics.push_back(std::move(diagnostic));
}

void DiagnosticSink::add_all(const std::vector<base::Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) add(diagnostic);
}

std::vector<base::Diagnostic> DiagnosticSink::take() {
  std::lock_guard lock(m_mutex);
  std::vector<base::Diagnostic> out = std::move(m_diagnostics);
  m_diagnostics.clear();
  base::sort_diagnostics(out);
  return out;
}

std::string SnapshotContext::display(const std::filesystem::path& path) const {
  std::string relative = base::display_path(path, display_root);
  if (display_prefix.empty() || display_prefix == "." || std::filesystem::path(relative).is_absolute())
    return relative;
  return (display_prefix / relative).generic_string();
}

void SnapshotContext::file_error(const std::filesystem::path& path, std::string code, std::string message) const {
  sink.add(file_diagnostic(base::Severity::error, std::move(code), std::move(message), display(path)));
}

std::optional<InstanceSnapshot> snapshot_folder_contents(const SnapshotContext& context, const SnapshotScope& scope,
                                                         const std::filesystem::path& folder) {
  auto entries = context.files.list(folder);
  if (!entries) return std::nullopt;
  return snapshot_children(context, scope, folder, *entries);
}

std::optional<InstanceSnapshot> snapshot_path(const SnapshotContext& context, const SnapshotScope& scope,
                                              const std::filesystem::path& path) {
  auto kind = context.files.probe(path);
  if (kind == SourceFiles::Kind::missing) return std::nullopt;
  if (kind == SourceFiles::Kind::directory) return snapshot_folder(context, scope, path);
  std::string file_name = path.filename().string();
  if (is_init_file_name(file_name)) return std::nullopt;
  static const std::vector<SyncRule> no_user_rules;
  // A reference, never a copy: the rule found points into this vector.
  const std::vector<SyncRule>& user_rules = scope.sync_rules ? *scope.sync_rules : no_user_rules;
  const SyncRule* rule = find_sync_rule(user_rules, path);
  if (rule == nullptr) return std::nullopt;
  return snapshot_file(context, scope, path, rule->middleware, rule->instance_name(path));
}

}  // namespace rbxpipe::rojo
