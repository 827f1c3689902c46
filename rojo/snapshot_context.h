#pragma once
// Internal to rojo/: what every snapshot function shares while turning a project into instance snapshots.

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "rbx/reflection/database.h"
#include "rojo/json_file.h"
#include "rojo/path_glob.h"
#include "rojo/project_file.h"
#include "rojo/snapshot.h"
#include "rojo/source_files.h"
#include "rojo/sync_rules.h"

namespace rbxpipe::rojo {

/// Collects diagnostics from many threads.
class DiagnosticSink {
 public:
  /// Adds one diagnostic.
  void add(base::Diagnostic diagnostic);
  /// Adds many.
  void add_all(const std::vector<base::Diagnostic>& diagnostics);
  /// Everything so far, sorted by file and position.
  std::vector<base::Diagnostic> take();
  /// True once an error was added.
  bool has_errors() const { return m_has_errors.load(); }

 private:
  std::mutex m_mutex;
  std::vector<base::Diagnostic> m_diagnostics;
  std::atomic<bool> m_has_errors{false};
};

/// globIgnorePaths of one project, matched relative to that project's folder.
struct IgnoreScope {
  IgnoreRules rules;             ///< compiled rules
  std::filesystem::path folder;  ///< the project folder
};

/// What a project in force contributes: nested projects start a new scope.
struct SnapshotScope {
  bool emit_legacy_scripts = true;                          ///< scripts as Script/LocalScript with RunContext Legacy
  std::shared_ptr<const std::vector<SyncRule>> sync_rules;  ///< the innermost project's user rules
  std::vector<std::shared_ptr<const IgnoreScope>> ignores;  ///< every enclosing project's ignore rules
  std::vector<std::filesystem::path> projects;              ///< project files being read, to refuse cycles
};

/// The services a snapshot pass uses.
struct SnapshotContext {
  SourceFiles& files;                          ///< every read goes through here
  const rbx::reflection::Database& database;   ///< property types, enums, services
  DiagnosticSink& sink;                        ///< problems found
  std::filesystem::path display_root;          ///< diagnostics name files relative to this folder
  std::filesystem::path display_prefix;        ///< put in front of those relative names
  bool parallel = true;                        ///< snapshot folder entries on TBB

  /// How diagnostics name `path`.
  std::string display(const std::filesystem::path& path) const;
  /// A whole-file error diagnostic for `path`.
  void file_error(const std::filesystem::path& path, std::string code, std::string message) const;
};

/// The snapshot of any path: folder (with init files or a default project) or file (by sync rule); nullopt for
/// paths that make no instance (unmatched files, ignored, empty models, missing paths).
std::optional<InstanceSnapshot> snapshot_path(const SnapshotContext& context, const SnapshotScope& scope,
                                              const std::filesystem::path& path);

/// The snapshot of a file by a given middleware, named `name`.
std::optional<InstanceSnapshot> snapshot_file(const SnapshotContext& context, const SnapshotScope& scope,
                                              const std::filesystem::path& path, Middleware middleware,
                                              const std::string& name);

/// A folder's snapshot without its init.meta.json applied (a Folder with its children).
std::optional<InstanceSnapshot> snapshot_folder_contents(const SnapshotContext& context, const SnapshotScope& scope,
                                                         const std::filesystem::path& folder);

/// Reads a nested or top-level project file and snapshots its tree; `name` is used when the project has none.
std::optional<InstanceSnapshot> snapshot_project_file(const SnapshotContext& context, const SnapshotScope& scope,
                                                      const std::filesystem::path& file, const std::string& name);

/// Applies `properties` and `attributes` from a JSON file to a snapshot, resolving them against its class.
void apply_values(const SnapshotContext& context, const JsonFile& file, const std::vector<LocatedValue>& properties,
                  const std::vector<LocatedValue>& attributes, InstanceSnapshot& snapshot);

/// Applies `<name>.meta.json[c]` next to `path` when it exists (properties, attributes, id).
void apply_adjacent_meta(const SnapshotContext& context, const std::filesystem::path& path, InstanceSnapshot& snapshot);

/// Applies `init.meta.json[c]` of `folder` when it exists (className, properties, attributes, id).
void apply_folder_meta(const SnapshotContext& context, const std::filesystem::path& folder, InstanceSnapshot& snapshot);

}  // namespace rbxpipe::rojo
