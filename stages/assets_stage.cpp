#include "stages/assets_stage.h"

#include <algorithm>

#include "assets/asset_cache.h"
#include "base/file_io.h"
#include "stages/project_stage.h"

namespace rbxpipe::stages {

namespace {

base::Result<assets::ProcessResult> process_project_assets(pipeline::StageContext& context, bool write_cache) {
  const auto* project = context.artifacts().get<pipeline::Project>(k_project_artifact);
  if (project == nullptr) return base::Error(base::ErrorCode::internal, "the assets stage ran without a project");
  auto inputs = assets::collect_asset_inputs(project->root, asset_groups(project->config));
  if (!inputs) return std::move(inputs).error().with_context("list asset inputs");
  context.progress(0, static_cast<int>(inputs->size()), "processing assets");
  assets::ProcessOptions options{project->root, assets::AssetCache::project_dir(project->root), write_cache};
  auto result = assets::process_assets(*inputs, options);
  context.progress(static_cast<int>(inputs->size()), static_cast<int>(inputs->size()));
  for (const auto& diagnostic : result.diagnostics) context.report(diagnostic);
  return result;
}

}  // namespace

std::vector<assets::AssetGroup> asset_groups(const pipeline::ProjectConfig& config) {
  std::vector<assets::AssetGroup> groups;
  for (const auto& group : config.assets) {
    assets::ProcessingSettings settings;
    settings.max_size = group.max_size;
    settings.bleed = group.bleed;
    settings.pack = group.pack;
    settings.update_in_place = group.update_in_place;
    settings.sheet_size = group.sheet_size;
    settings.padding = group.padding;
    groups.push_back(assets::AssetGroup{group.name, group.glob, settings});
  }
  return groups;
}

assets::StoredSheetLayouts plan_project_sheets(const pipeline::Project& project, const std::filesystem::path& root,
                                               rojo::SourceFiles& files) {
  const auto& groups = project.config.assets;
  if (std::none_of(groups.begin(), groups.end(), [](const auto& group) { return group.pack; })) return {};
  auto inputs = assets::collect_asset_inputs(root, asset_groups(project.config));
  if (!inputs) return {};  // the Assets module reports groups that cannot be listed
  const std::filesystem::path cache_dir = assets::AssetCache::project_dir(root);
  files.stamp(assets::sheet_layouts_path(cache_dir));
  assets::ProcessOptions options{root, cache_dir, false};
  // Stamped before reading: a change after the stamp makes the next build redo this, never miss it. The images stay
  // out of the build's contents cache, which holds sources.
  return assets::plan_sprite_layouts(*inputs, options, [&files](const std::filesystem::path& path) {
    files.stamp(path);
    return base::read_file(path);
  });
}

std::vector<std::string> AssetsStage::needs() const { return {k_project_artifact}; }

base::Result<void> AssetsStage::run(pipeline::StageContext& context) {
  auto result = process_project_assets(context, true);
  if (!result) return std::move(result).error();
  return context.artifacts().put(k_assets_artifact, std::move(*result));
}

std::vector<std::string> AssetsCheckStage::needs() const { return {k_project_artifact}; }

base::Result<void> AssetsCheckStage::run(pipeline::StageContext& context) {
  auto result = process_project_assets(context, false);
  if (!result) return std::move(result).error();
  return base::ok();
}

}  // namespace rbxpipe::stages
