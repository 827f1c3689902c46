#pragma once
// The build: a project (rbxpipe.json or a bare Rojo project) into an instance tree with rbxpipe's generated modules,
// and from there into a place or model file, incrementally through the cache under `.rbxpipe/build/`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "pipeline/project.h"
#include "pipeline/stage.h"
#include "rojo/project_build.h"
#include "rojo/source_files.h"

namespace rbxpipe::stages {

/// Options of a tree build.
struct TreeOptions {
  std::map<std::string, std::int64_t> asset_ids;  ///< asset input path -> uploaded id; missing ones are placeholders
  bool parallel = true;                            ///< snapshot folders on TBB
};

/// A project built into a tree, not written anywhere.
struct BuiltTree {
  std::optional<pipeline::Project> project;   ///< the rbxpipe project (a bare Rojo project gets defaults)
  rojo::ProjectBuild build;                   ///< the tree; its root is the Rojo project's root
  std::vector<base::Diagnostic> diagnostics;  ///< project, Rojo and generated-module problems, sorted
};

/// Builds the whole tree of a loaded project: the Rojo project plus, for rbxpipe projects, the lesson modules, the
/// runtime and the Assets module. Every file read goes through `files`. Diagnostics do not repeat the project's.
BuiltTree build_project_tree(const pipeline::Project& project, rojo::SourceFiles& files,
                             const TreeOptions& options = {});

/// Loads the project at `path` and builds its whole tree: the Rojo project plus, for rbxpipe projects, the lesson
/// modules, the runtime and the Assets module. Every file read goes through `files`.
BuiltTree build_tree(const std::filesystem::path& path, rojo::SourceFiles& files, const TreeOptions& options = {});

/// What `rbxpipe build` is asked.
struct BuildRequest {
  std::filesystem::path project;  ///< folder, rbxpipe.json or *.project.json[c]
  std::filesystem::path output;   ///< .rbxm, .rbxmx, .rbxl or .rbxlx
  bool use_cache = true;          ///< false: read everything and leave the cache alone
  TreeOptions tree;               ///< tree options
};

/// What a build did.
struct BuildOutcome {
  std::filesystem::path output;                ///< the file written (or found up to date)
  bool up_to_date = false;                     ///< nothing changed since the last build: nothing was read or written
  bool written = false;                        ///< the output was written
  std::size_t instance_count = 0;              ///< instances in the file
  std::size_t output_bytes = 0;                ///< its size
  rojo::SourceFileStats files;                 ///< reads, cache hits and stats
  std::vector<base::Diagnostic> diagnostics;   ///< every problem; nothing is written when one is an error
};

/// Builds a project to a file. An Error for requests that cannot start (unknown extension, unreadable project);
/// problems in the project are diagnostics in the outcome.
base::Result<BuildOutcome> run_build(const BuildRequest& request);

/// The check stage for builds: builds the loaded project's tree in memory and reports its diagnostics (writes
/// nothing).
class BuildCheckStage final : public pipeline::Stage {
 public:
  std::string_view name() const override { return "build"; }
  std::vector<std::string> needs() const override;
  std::vector<std::string> produces() const override { return {}; }
  base::Result<void> run(pipeline::StageContext& context) override;
};

}  // namespace rbxpipe::stages
