#pragma once
// Rojo project files (`*.project.json`, `*.project.jsonc`): the instance tree description, read with every value
// kept as located JSON so later stages can report problems at line:col.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "rojo/json_file.h"
#include "rojo/sync_rules.h"

namespace rbxpipe::rojo {

/// A value written in a project, meta or model file: its JSON text and where it is.
struct LocatedValue {
  std::string key;      ///< the property or attribute name as written
  std::string json;     ///< the value as compact JSON text
  std::string pointer;  ///< its JSON pointer in the file
};

/// One Instance Description of a project's tree.
struct ProjectNode {
  std::string name;                         ///< the key in the parent (the project name for the root)
  std::string pointer;                      ///< JSON pointer of the node in its file
  std::optional<std::string> class_name;    ///< `$className`
  std::optional<std::string> path;          ///< `$path` (relative to the project folder, or absolute)
  bool path_optional = false;               ///< `$path` was `{"optional": ...}`
  std::vector<LocatedValue> properties;     ///< `$properties` in file order
  std::vector<LocatedValue> attributes;     ///< `$attributes` in file order
  std::optional<bool> ignore_unknown_instances;  ///< `$ignoreUnknownInstances`
  std::optional<std::string> id;            ///< `$id`
  std::vector<ProjectNode> children;        ///< child nodes sorted by key (byte order), as Rojo orders them
};

/// A parsed project file.
struct RojoProject {
  std::filesystem::path file;                  ///< the project file, absolute
  std::filesystem::path folder;                ///< its folder; `$path`s and globs are relative to it
  std::optional<std::string> name;             ///< `name`
  ProjectNode tree;                            ///< `tree`
  std::optional<bool> emit_legacy_scripts;     ///< `emitLegacyScripts`
  std::vector<std::string> glob_ignore_paths;  ///< `globIgnorePaths`
  std::vector<SyncRule> sync_rules;            ///< `syncRules`, compiled, base = folder
  std::shared_ptr<const JsonFile> json;        ///< the file, for locating diagnostics
};

/// True for names Rojo reads as project files (`*.project.json`, `*.project.jsonc`).
bool is_project_file_name(std::string_view file_name);

/// Finds the project file for a build argument: a project file itself, or a folder holding
/// `default.project.json` or `default.project.jsonc`. not_found with a message saying what was looked for.
base::Result<std::filesystem::path> locate_project_file(const std::filesystem::path& argument);

/// Parses a project file's text. Problems (ROJO0001-ROJO0009) are added to `diagnostics`, located in the file;
/// nullopt when the file cannot be used at all.
std::optional<RojoProject> parse_rojo_project(const std::filesystem::path& file, std::string display_path,
                                              std::string text, std::vector<base::Diagnostic>& diagnostics);

}  // namespace rbxpipe::rojo
