#pragma once
// Release: everything a deploy needs, built from a project folder or loaded from a stored bundle: the place with
// placeholder asset ids, the processed assets to upload, the Assets module entries and the project's settings.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assets/asset_codegen.h"
#include "base/diagnostic.h"
#include "base/result.h"
#include "deploy/deploy_state.h"
#include "pipeline/project.h"

namespace rbxpipe::deploy {

/// One processed input that becomes a Roblox asset.
struct ReleaseAsset {
  std::string input;             ///< project input path, or "<group>#sheet<N>" for a spritesheet
  std::string asset_type;        ///< Open Cloud asset type: Image, Audio, Model, Animation
  std::string content_hash;      ///< content hash (source bytes + processing settings)
  std::string mime;              ///< content type of the upload
  std::string bytes;             ///< what is uploaded
  bool update_in_place = false;  ///< a Model asset this lesson owns and updates with new versions
};

/// A built release, ready to deploy.
struct Release {
  ReleaseRecord record;                     ///< identity and provenance (bundle_object set once stored)
  pipeline::Project project;                ///< configuration and lesson (root: the sources, or an unpacked bundle)
  std::map<std::string, assets::SpriteRect> sprites;  ///< packed input -> its rect (sheet_id 0)
  std::map<std::string, std::string> sprite_sheets;  ///< packed input -> its sheet's input ("images#sheet1")
  std::vector<ReleaseAsset> assets;         ///< what may be uploaded, sorted by input
  std::map<std::string, std::string> packed_images;  ///< packed inputs' processed bytes (uploaded inside sheets)
  std::string place;                        ///< the place (.rbxl) with placeholder ids
  std::map<std::string, std::string> metadata_files;  ///< project files a deploy needs without sources
  std::shared_ptr<const void> unpacked;     ///< keeps a loaded bundle's folder (project.root) until the last copy goes
};

/// Who is building and from where (for provenance).
struct ReleaseBuildOptions {
  std::string created_by;  ///< user or token name
  bool use_cache = true;   ///< use and fill `<project>/.rbxpipe/assets/`
};

/// Builds the release of the project at `path`: loads and checks it, processes assets, builds the place (a
/// DataModel is required). Problems in the project are diagnostics; an Error when nothing could be built.
struct ReleaseBuildResult {
  std::optional<Release> release;             ///< set when there were no errors
  std::vector<base::Diagnostic> diagnostics;  ///< every problem, sorted
};

/// See ReleaseBuildResult.
ReleaseBuildResult build_release(const std::filesystem::path& path, const ReleaseBuildOptions& options);

/// The Assets module's entries of `release` with `asset_ids` filled in (sprites pointing at their sheets' ids).
base::Result<std::vector<assets::AssetEntry>> linked_asset_entries(const Release& release,
                                                                  const std::map<std::string, std::int64_t>& asset_ids);

/// The place of `release` with `asset_ids` (input -> id; sheets by their "<group>#sheet<N>" input) filled into the
/// Assets module and the lesson's Data module. Inputs without an id keep the placeholder.
base::Result<std::string> link_place(const Release& release, const std::map<std::string, std::int64_t>& asset_ids);

}  // namespace rbxpipe::deploy
