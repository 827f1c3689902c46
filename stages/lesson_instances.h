#pragma once
// The instances a build adds to an rbxpipe project's place (CONTRACTS.md §2-3): lesson Data, Answers and
// Translations, the Assets module, and the Luau runtime (layout in luau/runtime/README.md).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "assets/asset_codegen.h"
#include "assets/asset_sheets.h"
#include "base/diagnostic.h"
#include "pipeline/project.h"
#include "rbx/dom/dom.h"

namespace rbxpipe::stages {

/// One file of the Luau runtime.
struct RuntimeModule {
  std::string path;    ///< relative to the runtime folder ("server/LessonRunner.server.luau")
  std::string source;  ///< the file's text
};

/// What add_lesson_instances needs beyond the project.
struct LessonInstancesOptions {
  std::map<std::string, std::int64_t> asset_ids;   ///< asset input path -> uploaded id; missing = placeholder 0
  std::map<std::string, assets::SpriteRect> sprites;  ///< asset input path -> its place in a spritesheet, if packed
  std::vector<RuntimeModule> runtime;              ///< the Luau runtime files to inject
};

/// Adds the lesson's Data, Answers and LocalizationTable, the runtime modules and the Assets module to `dom`,
/// whose root is the DataModel. Returns diagnostics (errors when a configured path cannot be placed).
std::vector<base::Diagnostic> add_lesson_instances(rbx::dom::Dom& dom, const pipeline::Project& project,
                                                   const LessonInstancesOptions& options);

/// The Assets module's entries for a project: every file its asset groups take, with ids from `asset_ids` and
/// sprites from `sprites` (placeholders otherwise). Fails when a group's glob is invalid or cannot be listed.
base::Result<std::vector<assets::AssetEntry>> project_asset_entries(
    const pipeline::Project& project, const std::map<std::string, std::int64_t>& asset_ids,
    const std::map<std::string, assets::SpriteRect>& sprites);

/// The rectangles the Assets module states for packed inputs (by input path): each placement's rectangle with its
/// sheet's id, `asset_ids[packed_into]` ("icons#sheet1"), or the placeholder 0 before the sheet is uploaded.
std::map<std::string, assets::SpriteRect> sprite_rects(
    const std::map<std::string, assets::SpritePlacement>& placements,
    const std::map<std::string, std::int64_t>& asset_ids);

/// The runtime compiled into rbxpipe (luau/runtime/, README files left out), sorted by path.
std::vector<RuntimeModule> shipped_runtime_modules();

}  // namespace rbxpipe::stages
