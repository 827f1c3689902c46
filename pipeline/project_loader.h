#pragma once
// Loading a project folder: rbxpipe.json (or a bare Rojo project), its lesson data, and every problem in them.

#include <filesystem>
#include <optional>
#include <vector>

#include "base/diagnostic.h"
#include "pipeline/project.h"

namespace rbxpipe::pipeline {

/// A project as far as it could be read, with every problem found on the way.
struct ProjectLoadResult {
  std::optional<Project> project;              ///< set unless the configuration could not be read at all
  std::vector<base::Diagnostic> diagnostics;   ///< all problems, in file order
  /// True when a project was read and no diagnostic is an error.
  bool ok() const { return project.has_value() && !base::has_errors(diagnostics); }
};

/// Loads `path`: a folder holding rbxpipe.json (or only default.project.json(c)), an rbxpipe.json, or a
/// `*.project.json(c)` file. Diagnostics name files as the user wrote `path` ("." shows "rbxpipe.json").
/// Every problem is reported in one pass; the project is still returned when the errors leave it usable.
ProjectLoadResult load_project(const std::filesystem::path& path);

}  // namespace rbxpipe::pipeline
