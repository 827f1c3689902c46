#pragma once
// Builds a Rojo project into an instance tree, as `rojo build` does, reporting every problem as a diagnostic.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "rbx/dom/dom.h"
#include "rbx/files/model_file.h"
#include "rbx/reflection/database.h"
#include "rojo/source_files.h"

namespace rbxpipe::rojo {

/// Inputs of a build.
struct ProjectBuildOptions {
  std::filesystem::path project;        ///< a project file, or a folder holding default.project.json[c]
  std::filesystem::path display_root;   ///< diagnostics name files relative to this; empty: the project's folder
  std::filesystem::path display_prefix; ///< and put this in front ("lessons/volcano"); empty: nothing
  const rbx::reflection::Database* database = nullptr;  ///< nullptr: the shipped database
  bool parallel = true;                 ///< snapshot folders on TBB
};

/// The result of a build: the tree (its root is the project's root instance) and where each instance came from.
struct ProjectBuild {
  std::filesystem::path project_file;   ///< the project file that was built
  rbx::dom::Dom dom;                    ///< root = the project's root instance (a DataModel for places)
  /// Files each instance comes from (absolute), for sourcemaps; instances made by the project alone have only
  /// the project file.
  std::map<rbx::dom::InstanceId, std::vector<std::string>> file_paths;
  std::vector<base::Diagnostic> diagnostics;  ///< every problem, sorted; the tree is incomplete when has_errors()
};

/// Builds the project, reading every file through `files` (which records the dependencies and reuses cached
/// contents). Never throws on bad input: problems are diagnostics.
ProjectBuild build_project(const ProjectBuildOptions& options, SourceFiles& files);

/// Encodes a build for an output kind: models (.rbxm/.rbxmx) hold the root instance, places (.rbxl/.rbxlx) its
/// children, exactly as Rojo routes them.
base::Result<std::string> encode_build(const rbx::dom::Dom& dom, rbx::files::FileKind kind);

/// Classes Rojo marks with NeedsPivotMigration=false when building (Model and its relatives).
bool needs_pivot_migration_flag(std::string_view class_name);

}  // namespace rbxpipe::rojo
