#pragma once
// Scaffolding: `rbxpipe init` writes a small but complete lesson project from the shipped template.

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"

namespace rbxpipe::pipeline {

/// What to scaffold.
struct ScaffoldOptions {
  std::filesystem::path directory;  ///< created when missing; existing files are never overwritten
  std::string name;                 ///< lesson id; empty: derived from the folder name
};

/// What was written.
struct ScaffoldResult {
  std::string name;                  ///< the lesson id used
  std::vector<std::string> files;    ///< relative paths written, sorted
};

/// Turns a folder name into a lesson id ("My Lesson_2" -> "my-lesson-2"); "lesson" when nothing usable remains.
std::string lesson_id_from(const std::string& folder_name);

/// Writes the sample lesson (rbxpipe.json, Rojo project, Luau scripts, lesson data, a PNG and a WAV made by code)
/// into `options.directory`. already_exists, naming the files, when any of them is already there; nothing is written
/// then. invalid_input for a name that is not a lesson id.
base::Result<ScaffoldResult> scaffold_lesson(const ScaffoldOptions& options);

}  // namespace rbxpipe::pipeline
