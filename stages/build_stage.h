#pragma once
// The build: a project (rbxpipe.json or a bare Rojo project) into an instance tree with rbxpipe's generated modules,
// and from there into a place or model file, incrementally through the cache under `.rbxpipe/build/`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assets/asset_sheets.h"
#include "assets/sprite_rect.h"
#include "base/diagnostic.h"
#include "base/result.h"
#include "pipeline/project.h"
#include "pipeline/stage.h"
#include "rojo/project_build.h"
#include "rojo/source_files.h"

namespace rbxpipe::stages {

/// Options of a tree build.
struct TreeOptions {
  /// Asset input path -> uploaded id; missing ones are placeholders. Spritesheets are keyed by their input
  /// ("icons#sheet1"): a packed image's `Image` is the id of the sheet it was packed into.
  std::map<std::string, std::int64_t> asset_ids;
  bool parallel = true;  ///< snapshot folders on TBB
  /// Where packed images went. A deploy passes assets::sprite_placements of the processed assets it uploads, so the
  /// rectangles always match those sheets (even when processing ran without the asset cache and its kept layout);
  /// nullopt: planned from the files, the kept layout and the asset cache (stages::plan_project_sheets), which give
  /// what the assets stage gives.
  std::optional<std::map<std::string, assets::SpritePlacement>> sprites;
};

/// A project built into a tree, not written anywhere.
struct BuiltTree {
  std::optional<pipeline::Project> project;   ///< the rbxpipe project (a bare Rojo project gets defaults)
  rojo::ProjectBuild build;                   ///< the tree; its root is the Rojo project's root
  std::vector<base::Diagnostic> diagnostics;  ///< project, Rojo and generated-module problems, sorted
  std::map<std::string, assets::SpriteRect> sprites;  ///< packed inputs' rectangles with sheet ids, as placed
};

/// Builds the whole tree of a loaded project: the Rojo project plus, for rbxpipe projects, the lesson modules, the
/// runtime and the Assets module. Every file read goes through `files`. Diagnostics do not repeat the project's.
/// Codegen files the Rojo project syncs are left out of its tree (codegen_files.h); nothing is written.
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
  std::vector<std::string> codegen_written;    ///< codegen files whose bytes changed and were written
  std::vector<base::Diagnostic> diagnostics;   ///< every problem; nothing is written when one is an error
};

/// Builds a project to a file, and writes its codegen files (only those whose bytes change) when it has asset
/// groups. With the cache on, a spritesheet layout it planned is kept (`.rbxpipe/assets/sheets.json`) as the assets
/// stage keeps one, so images stay in place from build to build too. An Error for requests that cannot start (unknown extension, unreadable project); problems in the project
/// are diagnostics in the outcome.
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
