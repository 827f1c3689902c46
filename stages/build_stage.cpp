#include "stages/build_stage.h"

#include <algorithm>
#include <future>

#include "assets/asset_cache.h"
#include "base/file_io.h"
#include "base/glob.h"
#include "base/sha256.h"
#include "pipeline/project_loader.h"
#include "rbx/reflection/database.h"
#include "rojo/build_cache.h"
#include "stages/assets_stage.h"
#include "stages/codegen_files.h"
#include "stages/lesson_instances.h"
#include "stages/project_stage.h"

#ifndef RBXPIPE_VERSION
#define RBXPIPE_VERSION "0.0.0"
#endif

namespace rbxpipe::stages {
namespace {

// Records the folders asset globs look in, so adding or removing an asset invalidates the cached build
// (the Assets module lists every input).
void record_asset_folders(rojo::SourceFiles& files, const std::filesystem::path& folder, int depth) {
  if (depth > 32) return;
  auto entries = files.list(folder);
  if (!entries) return;
  for (const auto& entry : *entries)
    if (entry.is_directory && entry.name != ".rbxpipe" && entry.name != ".git")
      record_asset_folders(files, folder / entry.name, depth + 1);
}

std::string runtime_fingerprint() {
  std::string all;
  for (const auto& module : shipped_runtime_modules()) all += module.path + '\0' + module.source + '\0';
  return base::sha256_hex(all);
}

// Restamps `path` in `dependencies` under both spellings a folder may have been recorded with ("a/b", "a/b/").
void restamp(std::map<std::string, rojo::FileStamp, std::less<>>& dependencies, const std::filesystem::path& path) {
  std::string key = path.string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  for (const std::string& spelling : {key, key + "/"})
    if (auto found = dependencies.find(spelling); found != dependencies.end()) found->second = rojo::stamp_path(spelling);
}

// The files a build rewrote besides its output (codegen files, the spritesheet layout), and the folders up to the
// project root that writing them changed (it may have created some), are the build's own changes: the next build
// must not take them for edits.
void restamp_own_writes(std::map<std::string, rojo::FileStamp, std::less<>>& dependencies,
                        const std::vector<std::filesystem::path>& rewritten, const std::filesystem::path& root) {
  std::filesystem::path top = root.lexically_normal();
  if (!top.has_filename()) top = top.parent_path();
  for (const auto& file : rewritten) {
    restamp(dependencies, file);
    // These files lie inside the root (codegen_file_paths, the asset cache), so walking up reaches it.
    for (auto folder = file.parent_path(); folder.has_relative_path(); folder = folder.parent_path()) {
      restamp(dependencies, folder);
      if (folder == top || folder.native().size() <= top.native().size()) break;
    }
  }
}

// Writes the codegen files of a tree built without errors; returns the absolute paths rewritten.
std::vector<std::filesystem::path> write_project_codegen(const pipeline::Project& project, const BuiltTree& tree,
                                                         const TreeOptions& options, BuildOutcome& outcome) {
  const pipeline::CodegenConfig& codegen = project.config.codegen;
  if (project.config_file.empty() || project.config.assets.empty()) return {};
  if (!codegen.luau_file && !codegen.typescript_file) return {};
  auto entries = project_asset_entries(project, options.asset_ids, tree.sprites);
  if (!entries) return {};  // reported with the Assets module (BUILD0105)
  CodegenFilesResult written = write_codegen_files(project, *entries);
  outcome.diagnostics.insert(outcome.diagnostics.end(), written.diagnostics.begin(), written.diagnostics.end());
  base::sort_diagnostics(outcome.diagnostics);
  std::error_code ec;
  std::filesystem::path root = std::filesystem::absolute(project.root, ec).lexically_normal();
  std::vector<std::filesystem::path> paths;
  for (const auto& relative : written.written) paths.push_back((root / relative).lexically_normal());
  outcome.codegen_written = std::move(written.written);
  return paths;
}

}  // namespace

BuiltTree build_project_tree(const pipeline::Project& project, rojo::SourceFiles& files, const TreeOptions& options) {
  BuiltTree tree;
  tree.project = project;
  std::error_code missing;
  // A missing Rojo project file was reported when the project was loaded.
  if (!std::filesystem::is_regular_file(project.root / project.config.project_file, missing)) return tree;
  rojo::ProjectBuildOptions build_options;
  std::error_code ec;
  std::filesystem::path root = std::filesystem::absolute(project.root, ec).lexically_normal();
  build_options.project = root / project.config.project_file;
  build_options.display_root = root;
  build_options.display_prefix = project.root.lexically_normal();
  build_options.parallel = options.parallel;
  tree.build = rojo::build_project(build_options, files);
  tree.diagnostics = tree.build.diagnostics;
  files.stamp(rbx::reflection::user_database_path());
  files.stamp(root);
  if (!project.config_file.empty()) {
    files.stamp(std::filesystem::absolute(project.config_file, ec));
    if (project.config.lesson) files.stamp(root / project.config.lesson->file);
    for (const auto& group : project.config.assets) {
      auto glob = base::Glob::compile(group.glob);
      if (!glob) continue;
      std::filesystem::path folder = (root / glob->fixed_prefix()).lexically_normal();
      if (!folder.has_filename()) folder = folder.parent_path();  // "assets/images/" -> "assets/images"
      record_asset_folders(files, folder, 0);
    }
    const bool has_assets = !project.config.assets.empty();
    if (has_assets) {
      // The build writes the codegen files after this tree is made; a rewrite must make the next build redo it.
      for (const auto& path : codegen_file_paths(project)) files.stamp(path);
      auto removed = remove_synced_codegen_files(tree.build, project);
      tree.diagnostics.insert(tree.diagnostics.end(), removed.begin(), removed.end());
    }
    if (!base::has_errors(tree.diagnostics)) {
      LessonInstancesOptions lesson_options;
      lesson_options.asset_ids = options.asset_ids;
      if (has_assets) {
        tree.sprites = sprite_rects(
            options.sprites ? *options.sprites : assets::sprite_placements(plan_project_sheets(project, root, files)),
            options.asset_ids);
        lesson_options.sprites = tree.sprites;
      }
      if (project.config.lesson && project.config.lesson->runtime) lesson_options.runtime = shipped_runtime_modules();
      auto added = add_lesson_instances(tree.build.dom, project, lesson_options);
      tree.diagnostics.insert(tree.diagnostics.end(), added.begin(), added.end());
      if (has_assets) link_codegen_module(tree.build, project);
    }
  }
  base::sort_diagnostics(tree.diagnostics);
  return tree;
}

BuiltTree build_tree(const std::filesystem::path& path, rojo::SourceFiles& files, const TreeOptions& options) {
  auto loaded = pipeline::load_project(path);
  if (!loaded.project) {
    BuiltTree tree;
    tree.diagnostics = std::move(loaded.diagnostics);
    return tree;
  }
  BuiltTree tree = build_project_tree(*loaded.project, files, options);
  tree.diagnostics.insert(tree.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  base::sort_diagnostics(tree.diagnostics);
  return tree;
}

base::Result<BuildOutcome> run_build(const BuildRequest& request) {
  auto kind = rbx::files::kind_from_path(request.output);
  if (!kind)
    return base::Error{base::ErrorCode::usage, "the output file must end in .rbxl, .rbxlx, .rbxm or .rbxmx, not '" +
                                                   request.output.string() + "'"};
  BuildOutcome outcome;
  std::error_code ec;
  outcome.output = std::filesystem::absolute(request.output, ec).lexically_normal();

  // The cache lives in the project folder, which is known without reading anything: a no-op build only stats.
  std::filesystem::path root = std::filesystem::is_directory(request.project, ec) ? request.project
                                                                                  : request.project.parent_path();
  if (root.empty()) root = ".";
  std::filesystem::path cache_folder = rojo::build_cache_folder(std::filesystem::absolute(root, ec).lexically_normal());
  std::string settings = std::string("rbxpipe ") + RBXPIPE_VERSION + "\n" + std::string(rbx::files::kind_name(*kind)) +
                         "\n" + std::filesystem::absolute(request.project, ec).lexically_normal().string() + "\n" +
                         runtime_fingerprint() + "\n";
  for (const auto& [input, id] : request.tree.asset_ids) settings += input + "=" + std::to_string(id) + "\n";
  if (request.tree.sprites) {
    for (const auto& [input, placed] : *request.tree.sprites) {
      settings += input + "@" + placed.packed_into + ":" + std::to_string(placed.rect.offset_x) + "," +
                  std::to_string(placed.rect.offset_y) + "," + std::to_string(placed.rect.size_x) + "," +
                  std::to_string(placed.rect.size_y) + "\n";
    }
  }

  std::vector<rojo::OutputRecord> records;
  if (request.use_cache) {
    records = rojo::load_output_records(cache_folder);
    auto previous = std::find_if(records.begin(), records.end(),
                                 [&](const rojo::OutputRecord& r) { return r.output == outcome.output.string(); });
    if (previous != records.end() && rojo::is_up_to_date(*previous, settings)) {
      outcome.up_to_date = true;
      outcome.output_bytes = previous->output_stamp.size;
      outcome.files.paths_stated = previous->dependencies.size();
      return outcome;
    }
  }

  auto loaded = pipeline::load_project(request.project);
  if (!loaded.project) {
    outcome.diagnostics = std::move(loaded.diagnostics);
    return outcome;
  }
  const pipeline::Project& project = *loaded.project;
  rojo::SourceFiles files(request.use_cache ? rojo::load_cached_contents(cache_folder)
                                            : std::map<std::string, rojo::CachedFile, std::less<>>{});
  // Sprite places are planned here rather than in the tree build, so the layout can be kept once the build succeeds.
  TreeOptions tree_options = request.tree;
  std::optional<assets::StoredSheetLayouts> planned;
  if (!tree_options.sprites && !project.config_file.empty() && !project.config.assets.empty()) {
    planned = plan_project_sheets(project, std::filesystem::absolute(project.root, ec).lexically_normal(), files);
    tree_options.sprites = assets::sprite_placements(*planned);
  }
  BuiltTree tree = build_project_tree(project, files, tree_options);
  outcome.diagnostics = std::move(loaded.diagnostics);
  outcome.diagnostics.insert(outcome.diagnostics.end(), tree.diagnostics.begin(), tree.diagnostics.end());
  base::sort_diagnostics(outcome.diagnostics);
  outcome.files = files.stats();
  if (base::has_errors(outcome.diagnostics)) return outcome;
  std::vector<std::filesystem::path> rewritten = write_project_codegen(project, tree, request.tree, outcome);
  if (base::has_errors(outcome.diagnostics)) return outcome;
  if (planned && request.use_cache) {
    // A layout that cannot be kept only costs stability, as in the assets stage.
    const std::filesystem::path cache_dir =
        assets::AssetCache::project_dir(std::filesystem::absolute(project.root, ec).lexically_normal());
    if (auto saved = assets::save_sheet_layouts(cache_dir, *planned); saved && *saved)
      rewritten.push_back(assets::sheet_layouts_path(cache_dir).lexically_normal());
  }

  // The contents cache is written while the output is encoded: both are large, and neither needs the other.
  std::future<base::Result<void>> cache_written;
  if (request.use_cache)
    cache_written = std::async(std::launch::async, [&cache_folder, contents = files.contents()] {
      return rojo::save_cached_contents(cache_folder, contents);
    });
  auto bytes = rojo::encode_build(tree.build.dom, *kind);
  if (cache_written.valid()) (void)cache_written.get();  // a cache that cannot be written only costs speed
  if (!bytes) return std::move(bytes).error().with_context("encode " + request.output.string());
  RBXPIPE_TRY(base::write_file_atomic(outcome.output, *bytes, base::Durability::replaceable));
  outcome.written = true;
  outcome.output_bytes = bytes->size();
  outcome.instance_count = rbx::files::is_place(*kind) ? tree.build.dom.size() - 1 : tree.build.dom.size();

  if (request.use_cache) {
    rojo::OutputRecord record;
    record.output = outcome.output.string();
    record.settings = settings;
    record.dependencies = files.dependencies();
    record.output_stamp = rojo::stamp_path(outcome.output);
    // Writing the output and the cache changes the folders holding them; those changes are our own.
    for (const auto& own : {outcome.output.parent_path(), cache_folder.parent_path().parent_path()})
      if (auto found = record.dependencies.find(own.string()); found != record.dependencies.end())
        found->second = rojo::stamp_path(own);
    restamp_own_writes(record.dependencies, rewritten, std::filesystem::absolute(project.root, ec));
    std::erase_if(records, [&](const rojo::OutputRecord& r) { return r.output == record.output; });
    // Warnings are not cached, so a project with warnings is rebuilt (and warns) every time.
    if (outcome.diagnostics.empty()) records.push_back(std::move(record));
    (void)rojo::save_output_records(cache_folder, records);
  }
  return outcome;
}

std::vector<std::string> BuildCheckStage::needs() const { return {k_project_artifact}; }

base::Result<void> BuildCheckStage::run(pipeline::StageContext& context) {
  const auto* project = context.artifacts().get<pipeline::Project>(k_project_artifact);
  if (project == nullptr) return base::Error{base::ErrorCode::internal, "the build check ran without a project"};
  rojo::SourceFiles files;
  BuiltTree tree = build_project_tree(*project, files);
  for (auto& diagnostic : tree.diagnostics) context.report(std::move(diagnostic));
  return base::ok();
}

}  // namespace rbxpipe::stages
