// Release bundles: layout, packing and loading. deploy.json carries what release.json does not (asset types as
// Open Cloud names them, update_in_place, the sheet of each packed image).
#include "deploy/release_store.h"

#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "bundle/bundle_contents.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "base/child_process.h"
#include "pipeline/project_loader.h"

namespace rbxpipe::deploy {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_place_file = "place.rbxl";
constexpr std::string_view k_deploy_file = "deploy.json";
constexpr std::string_view k_project_folder = "project/";

std::string sheet_file(const std::string& sheet_input) {
  std::string name = sheet_input;
  for (char& c : name) {
    if (c == '#') c = '-';
  }
  return "sheets/" + name + ".png";
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string deploy_json(const Release& release) {
  nlohmann::json assets = nlohmann::json::array();
  for (const auto& asset : release.assets) {
    assets.push_back({{"input", asset.input},
                      {"asset_type", asset.asset_type},
                      {"update_in_place", asset.update_in_place}});
  }
  nlohmann::json sprites = nlohmann::json::object();
  for (const auto& [input, rect] : release.sprites) {
    auto sheet = release.sprite_sheets.find(input);
    sprites[input] = {{"sheet", sheet == release.sprite_sheets.end() ? "" : sheet->second},
                      {"x", rect.offset_x}, {"y", rect.offset_y}, {"width", rect.size_x}, {"height", rect.size_y}};
  }
  return nlohmann::json{{"format", 1}, {"assets", assets}, {"sprites", sprites}}.dump(1) + "\n";
}

// A folder removed with everything in it when the last owner lets go.
std::shared_ptr<const void> scratch_folder_guard(const fs::path& folder) {
  return std::shared_ptr<const void>(new fs::path(folder), [](const void* pointer) {
    const auto* path = static_cast<const fs::path*>(pointer);
    std::error_code ignored;
    fs::remove_all(*path, ignored);
    delete path;
  });
}

base::Result<fs::path> make_scratch_folder() {
  std::string pattern = (fs::temp_directory_path() / "rbxpipe-release-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return base::Error(base::ErrorCode::io_error, "cannot create a temporary folder under " +
                                                      fs::temp_directory_path().string());
  }
  return fs::path(pattern);
}

// A Release from an unpacked bundle folder (`folder/project`, `folder/place.rbxl`, `folder/deploy.json`).
base::Result<Release> release_from_folder(const fs::path& folder, const bundle::ReleaseManifest& manifest) {
  Release release;
  auto place = base::read_file(folder / k_place_file);
  if (!place) return std::move(place).error();
  release.place = std::move(*place);
  auto loaded = pipeline::load_project(folder / "project");
  if (!loaded.ok()) {
    std::string first = loaded.diagnostics.empty() ? "no project" : base::render_text(loaded.diagnostics.front(), {});
    return base::Error(base::ErrorCode::invalid_input, "the release's project does not load: " + first);
  }
  release.project = std::move(*loaded.project);
  auto extra_text = base::read_file(folder / k_deploy_file);
  if (!extra_text) return std::move(extra_text).error();
  auto extra = nlohmann::json::parse(*extra_text, nullptr, false);
  if (!extra.is_object() || !extra.contains("assets") || !extra["assets"].is_array()) {
    return base::Error(base::ErrorCode::invalid_input, "the release's deploy.json is malformed");
  }
  std::map<std::string, bundle::BundleAsset> by_input;
  for (const auto& asset : manifest.assets) by_input[asset.input] = asset;
  for (const auto& item : extra["assets"]) {
    ReleaseAsset asset;
    asset.input = item.value("input", "");
    asset.asset_type = item.value("asset_type", "");
    asset.update_in_place = item.value("update_in_place", false);
    auto listed = by_input.find(asset.input);
    if (listed == by_input.end()) {
      return base::Error(base::ErrorCode::invalid_input, "deploy.json names " + asset.input + ", which release.json does not list");
    }
    asset.content_hash = listed->second.content_hash;
    asset.mime = listed->second.mime;
    auto bytes = base::read_file(folder / listed->second.file);
    if (!bytes) return std::move(bytes).error();
    asset.bytes = std::move(*bytes);
    release.assets.push_back(std::move(asset));
  }
  if (extra.contains("sprites") && extra["sprites"].is_object()) {
    for (const auto& [input, item] : extra["sprites"].items()) {
      assets::SpriteRect rect;
      rect.offset_x = item.value("x", 0);
      rect.offset_y = item.value("y", 0);
      rect.size_x = item.value("width", 0);
      rect.size_y = item.value("height", 0);
      release.sprites[input] = rect;
      release.sprite_sheets[input] = item.value("sheet", "");
    }
  }
  release.record.lesson = manifest.name;
  release.record.version = manifest.version;
  release.record.artifact_hash = bundle::artifact_hash(manifest);
  release.record.id = bundle::release_id(manifest);
  release.record.input_hash = manifest.input_hash;
  release.record.created_by = manifest.created_by;
  if (manifest.git) {
    release.record.git_commit = manifest.git->commit;
    release.record.git_dirty = manifest.git->dirty;
  }
  return release;
}

base::Result<Release> unpack(const fs::path& bundle_file) {
  auto scratch = make_scratch_folder();
  if (!scratch) return std::move(scratch).error();
  auto guard = scratch_folder_guard(*scratch);
  auto manifest = bundle::extract_bundle(bundle_file, *scratch / "release");
  if (!manifest) return std::move(manifest).error().with_context("unpack " + bundle_file.filename().string());
  auto release = release_from_folder(*scratch / "release", *manifest);
  if (!release) return release;
  release->unpacked = guard;
  return release;
}

}  // namespace

base::Result<std::string> pack_release(Release& release, const std::string& tenant) {
  bundle::BundleContents contents;
  bundle::ReleaseManifest& manifest = contents.manifest;
  manifest.name = release.record.lesson;
  manifest.version = release.record.version;
  manifest.tenant = tenant;
  manifest.created_by = release.record.created_by;
  manifest.input_hash = release.record.input_hash;
  if (!release.record.git_commit.empty()) {
    manifest.git = bundle::GitInfo{release.record.git_commit, release.record.git_dirty};
  }
  bundle::add_file(contents, std::string(k_place_file), release.place, bundle::FileRole::place);
  bundle::add_file(contents, std::string(k_deploy_file), deploy_json(release), bundle::FileRole::metadata);
  for (const auto& [name, bytes] : release.metadata_files) {
    bundle::add_file(contents, std::string(k_project_folder) + name, bytes, bundle::FileRole::metadata);
  }
  for (const auto& [input, bytes] : release.packed_images) {
    bundle::add_file(contents, std::string(k_project_folder) + input, bytes, bundle::FileRole::asset);
  }
  for (const auto& asset : release.assets) {
    const bool sheet = asset.input.find('#') != std::string::npos;
    const std::string file = sheet ? sheet_file(asset.input) : std::string(k_project_folder) + asset.input;
    bundle::add_file(contents, file, asset.bytes, bundle::FileRole::asset);
    bundle::BundleAsset listed;
    listed.input = asset.input;
    listed.kind = lower(asset.asset_type);
    listed.content_hash = asset.content_hash;
    listed.file = file;
    listed.mime = asset.mime;
    manifest.assets.push_back(std::move(listed));
  }
  auto encoded = bundle::encode_bundle(contents);
  if (!encoded) return std::move(encoded).error().with_context("pack release " + release.record.lesson);
  release.record.artifact_hash = bundle::artifact_hash(manifest);
  release.record.id = bundle::release_id(manifest);
  return encoded;
}

base::Result<void> store_release(Release& release, DeployState& state, platform::storage::ArtifactStore& artifacts) {
  auto bytes = pack_release(release, state.tenant());
  if (!bytes) return std::move(bytes).error();
  auto object = artifacts.put(state.tenant(), *bytes);
  if (!object) return std::move(object).error().with_context("store release " + release.record.id);
  release.record.bundle_object = *object;
  if (release.record.created_at.empty()) release.record.created_at = base::format_rfc3339(std::chrono::system_clock::now());
  return state.put_release(release.record);
}

base::Result<Release> load_release(const std::string& id_or_prefix, DeployState& state,
                                   platform::storage::ArtifactStore& artifacts) {
  auto record = state.find_release(id_or_prefix);
  if (!record) return std::move(record).error();
  auto scratch = make_scratch_folder();
  if (!scratch) return std::move(scratch).error();
  auto guard = scratch_folder_guard(*scratch);
  const fs::path zip = *scratch / "bundle.zip";
  RBXPIPE_TRY(artifacts.get_file(state.tenant(), record->bundle_object, zip));
  auto release = unpack(zip);
  if (!release) return std::move(release).error().with_context("load release " + record->id);
  release->record = *record;
  return release;
}

base::Result<ReleaseRecord> import_release(const fs::path& bundle_file, DeployState& state,
                                           platform::storage::ArtifactStore& artifacts, const std::string& who) {
  auto release = unpack(bundle_file);
  if (!release) return std::move(release).error();
  if (release->record.id.empty()) return base::Error(base::ErrorCode::invalid_input, "the bundle has no identity");
  auto object = artifacts.put_file(state.tenant(), bundle_file);
  if (!object) return std::move(object).error().with_context("store " + bundle_file.filename().string());
  ReleaseRecord record = release->record;
  record.bundle_object = *object;
  if (record.created_by.empty()) record.created_by = who;
  record.created_at = base::format_rfc3339(std::chrono::system_clock::now());
  RBXPIPE_TRY(state.put_release(record));
  return record;
}

std::optional<std::pair<std::string, bool>> read_git_state(const fs::path& folder) {
  auto git = base::find_program("git");
  if (!git) return std::nullopt;
  base::ToolCommand head{*git, {"-C", folder.string(), "rev-parse", "HEAD"}, folder,
                                    std::chrono::milliseconds(10'000)};
  auto commit = base::run_tool(head);
  if (!commit || commit->timed_out || commit->exit_code != 0) return std::nullopt;
  std::string id = commit->out.substr(0, commit->out.find_first_of("\r\n"));
  base::ToolCommand status{*git, {"-C", folder.string(), "status", "--porcelain", "--untracked-files=no"},
                                      folder, std::chrono::milliseconds(30'000)};
  auto changes = base::run_tool(status);
  bool dirty = !changes || changes->timed_out || changes->exit_code != 0 || !changes->out.empty();
  return std::make_pair(id, dirty);
}

}  // namespace rbxpipe::deploy
