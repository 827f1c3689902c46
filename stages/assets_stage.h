#pragma once
// The assets stages: process every asset input of the project (probe, check limits, process, hash, cache), and the
// read-only variant `check` runs, which uses the cache but never writes it.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "assets/asset_processor.h"
#include "assets/asset_sheets.h"
#include "pipeline/project.h"
#include "pipeline/stage.h"
#include "rojo/source_files.h"

namespace rbxpipe::stages {

/// Artifact key of the assets::ProcessResult the assets stage produces.
inline const std::string k_assets_artifact = "assets";

/// The project's asset groups in the processor's terms, in file order.
std::vector<assets::AssetGroup> asset_groups(const pipeline::ProjectConfig& config);

/// The spritesheet layouts the assets stage would store for the project's packed images, planned without drawing a
/// sheet (assets::plan_sprite_layouts) from the files under `root` (the project folder, absolute), the stored layout
/// and the asset cache, which it never writes. Each image read and the stored layout file are recorded in `files`,
/// so a build that states the rectangles is redone when they change. Empty when no group packs.
assets::StoredSheetLayouts plan_project_sheets(const pipeline::Project& project, const std::filesystem::path& root,
                                               rojo::SourceFiles& files);

/// Processes every asset input in parallel, caching outputs under `<project>/.rbxpipe/assets/`; reports each input's
/// diagnostics and produces `k_assets_artifact`. Fails only when the inputs cannot be listed.
class AssetsStage final : public pipeline::Stage {
 public:
  std::string_view name() const override { return "assets"; }
  std::vector<std::string> needs() const override;
  std::vector<std::string> produces() const override { return {k_assets_artifact}; }
  base::Result<void> run(pipeline::StageContext& context) override;
};

/// The same checks without writing anything: reports every input's diagnostics and produces nothing.
class AssetsCheckStage final : public pipeline::Stage {
 public:
  std::string_view name() const override { return "assets-check"; }
  std::vector<std::string> needs() const override;
  std::vector<std::string> produces() const override { return {}; }
  base::Result<void> run(pipeline::StageContext& context) override;
};

}  // namespace rbxpipe::stages
