// build_release: a project folder to a Release (place with placeholders, processed assets, entries).
#include <algorithm>
#include <set>

#include "assets/asset_processor.h"
#include "assets/asset_sheets.h"
#include "base/file_io.h"
#include "base/sha256.h"
#include "deploy/release.h"
#include "deploy/release_store.h"
#include "pipeline/project_loader.h"
#include "rbx/files/model_file.h"
#include "rojo/project_build.h"
#include "rojo/source_files.h"
#include "stages/assets_stage.h"
#include "stages/build_stage.h"
#include "stages/lesson_instances.h"

namespace rbxpipe::deploy {

namespace {

base::Diagnostic project_error(std::string code, std::string message, std::string file) {
  base::Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = std::move(file);
  return diagnostic;
}

// The files a deploy needs when it runs from a stored bundle: the configuration, the Rojo project file (checked to
// exist), the lesson and the smoke tests.
base::Result<std::map<std::string, std::string>> metadata_files(const pipeline::Project& project) {
  std::vector<std::string> names;
  if (!project.config_file.empty()) names.push_back(project.config_file.filename().string());
  names.push_back(project.config.project_file);
  if (project.config.lesson) names.push_back(project.config.lesson->file);
  for (const auto& environment : project.config.environments) {
    if (environment.smoke_test) names.push_back(*environment.smoke_test);
  }
  std::map<std::string, std::string> files;
  for (const auto& name : names) {
    if (files.contains(name)) continue;
    auto bytes = base::read_file(project.resolve(name));
    if (!bytes) return std::move(bytes).error().with_context("read " + name);
    files.emplace(name, std::move(*bytes));
  }
  return files;
}

// SHA-256 over every source the release came from: each file the build read (path and bytes' hash, sorted), the
// project's metadata files and the assets' content hashes.
std::string input_hash_of(const pipeline::Project& project, const rojo::ProjectBuild& build,
                          const std::map<std::string, std::string>& metadata, const std::vector<ReleaseAsset>& assets) {
  std::set<std::string> files;
  for (const auto& [id, paths] : build.file_paths) files.insert(paths.begin(), paths.end());
  base::Sha256 hash;
  const auto root = std::filesystem::absolute(project.root).lexically_normal();
  for (const auto& file : files) {
    auto digest = base::sha256_file(file);
    // Relative to the project, so the same sources give the same hash wherever they are checked out.
    const auto relative = std::filesystem::absolute(file).lexically_normal().lexically_relative(root);
    hash.update(relative.generic_string() + "\n" + (digest ? base::to_hex(*digest) : "-") + "\n");
  }
  for (const auto& [name, bytes] : metadata) hash.update(name + "\n" + base::sha256_hex(bytes) + "\n");
  for (const auto& asset : assets) hash.update(asset.input + "\n" + asset.content_hash + "\n");
  return base::to_hex(hash.finish());
}

}  // namespace

ReleaseBuildResult build_release(const std::filesystem::path& path, const ReleaseBuildOptions& options) {
  ReleaseBuildResult result;
  auto loaded = pipeline::load_project(path);
  result.diagnostics = std::move(loaded.diagnostics);
  if (!loaded.ok()) return result;
  Release release;
  release.project = std::move(*loaded.project);
  const pipeline::Project& project = release.project;
  if (project.config_file.empty()) {
    result.diagnostics.push_back(project_error(
        "DEPLOY0001", "a deploy needs an rbxpipe.json (name, version, environments), not a bare Rojo project",
        project.config.project_file));
    return result;
  }

  assets::ProcessOptions process_options;
  process_options.root = project.root;
  if (options.use_cache) process_options.cache_dir = project.root / ".rbxpipe" / "assets";
  auto inputs = assets::collect_asset_inputs(project.root, stages::asset_groups(project.config));
  if (!inputs) {
    result.diagnostics.push_back(project_error("DEPLOY0002", inputs.error().to_string(), "rbxpipe.json"));
    return result;
  }
  assets::ProcessResult processed = assets::process_assets(*inputs, process_options);
  result.diagnostics.insert(result.diagnostics.end(), processed.diagnostics.begin(), processed.diagnostics.end());

  const auto placements = assets::sprite_placements(processed);
  stages::TreeOptions tree_options;
  tree_options.sprites = placements;
  rojo::SourceFiles files;
  stages::BuiltTree tree = stages::build_project_tree(project, files, tree_options);
  result.diagnostics.insert(result.diagnostics.end(), tree.diagnostics.begin(), tree.diagnostics.end());
  base::sort_diagnostics(result.diagnostics);
  if (base::has_errors(result.diagnostics)) return result;
  if (tree.build.dom.get(tree.build.dom.root()).class_name != "DataModel") {
    result.diagnostics.push_back(project_error(
        "DEPLOY0003", "the Rojo project's root must be a DataModel: a deploy publishes a place",
        project.config.project_file));
    return result;
  }
  auto place = rojo::encode_build(tree.build.dom, rbx::files::FileKind::binary_place);
  if (!place) {
    result.diagnostics.push_back(project_error("DEPLOY0004", place.error().to_string(), project.config.project_file));
    return result;
  }
  release.place = std::move(*place);

  for (const auto& [input, placement] : placements) {
    release.sprites[input] = placement.rect;
    release.sprite_sheets[input] = placement.packed_into;
  }
  for (auto& asset : processed.assets) {
    if (asset.ok() && !asset.packed_into.empty()) release.packed_images[asset.input] = asset.output;
    if (!asset.uploadable() || !asset.kind) continue;
    ReleaseAsset upload;
    upload.input = asset.input;
    upload.asset_type = std::string(assets::asset_kind_name(*asset.kind));
    upload.content_hash = asset.hash;
    upload.mime = asset.mime;
    upload.bytes = std::move(asset.output);
    for (const auto& group : project.config.assets) {
      if (group.name == asset.group) upload.update_in_place = group.update_in_place;
    }
    release.assets.push_back(std::move(upload));
  }
  std::sort(release.assets.begin(), release.assets.end(),
            [](const ReleaseAsset& a, const ReleaseAsset& b) { return a.input < b.input; });

  auto metadata = metadata_files(project);
  if (!metadata) {
    result.diagnostics.push_back(project_error("DEPLOY0005", metadata.error().to_string(), "rbxpipe.json"));
    return result;
  }
  release.metadata_files = std::move(*metadata);
  release.record.input_hash = input_hash_of(project, tree.build, release.metadata_files, release.assets);
  if (auto git = read_git_state(project.root)) {
    release.record.git_commit = git->first;
    release.record.git_dirty = git->second;
  }
  release.record.lesson = project.config.name;
  release.record.version = project.config.version;
  release.record.created_by = options.created_by;
  result.release = std::move(release);
  return result;
}

}  // namespace rbxpipe::deploy
