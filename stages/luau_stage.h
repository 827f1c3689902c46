#pragma once
// The Luau check: parses every script a project ships (its Rojo tree's scripts and the rbxpipe runtime) in
// parallel, while the external analyzers rbxpipe.json names (`luau.analyzers`) run over its script files, and
// checks the requires between the scripts of the built tree.

#include <filesystem>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "pipeline/project.h"
#include "pipeline/stage.h"
#include "rojo/project_build.h"

namespace rbxpipe::stages {

/// One script to parse.
struct LuauScript {
  std::string name;  ///< how diagnostics name it: its file as the user names it, or the instance path
  std::string file;  ///< its .lua/.luau file relative to the project folder; empty when it has none
  std::string text;  ///< the source as built
};

/// The scripts of a built tree: every Script, LocalScript and ModuleScript with a Source. One that came from a
/// .lua/.luau file is named by that file relative to `root`, behind `display_prefix` (the project folder as the
/// user gave it; empty or "." for none); others (from model or data files) by their instance path. Sorted by name.
std::vector<LuauScript> tree_scripts(const rojo::ProjectBuild& build, const std::filesystem::path& root,
                                     const std::filesystem::path& display_prefix);

/// Every script of a project that ships: its Rojo tree's scripts, each environment's smoke test and, when the
/// lesson runtime is on, the runtime rbxpipe injects (named "luau/runtime/<path>"). Builds the Rojo tree in memory.
std::vector<LuauScript> project_scripts(const pipeline::Project& project);

/// Parses the scripts in parallel (Roblox's syntax) and returns their syntax diagnostics.
std::vector<base::Diagnostic> parse_scripts(const std::vector<LuauScript>& scripts);

/// The Luau check of `rbxpipe check FILE.luau...`: parses each file, named as given; a file that cannot be read
/// is an error (PROJ0011). Runs no external analyzer.
std::vector<base::Diagnostic> check_luau_files(const std::vector<std::filesystem::path>& files);

/// True for a path `rbxpipe check` takes as a Luau file rather than a project: it ends in .lua or .luau.
bool is_luau_file_name(const std::filesystem::path& path);

/// The `luau` check stage: parses every script of the loaded project and runs the configured analyzers over its
/// script files at the same time, then resolves every require in the tree the build makes (luau/require_graph.h;
/// skipped when that tree has errors); reports all of it with files named relative to the project. Writes nothing.
class LuauStage final : public pipeline::Stage {
 public:
  std::string_view name() const override { return "luau"; }
  std::vector<std::string> needs() const override;
  std::vector<std::string> produces() const override { return {}; }
  base::Result<void> run(pipeline::StageContext& context) override;
};

}  // namespace rbxpipe::stages
