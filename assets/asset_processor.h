#pragma once
// The asset processor: every input of a project's asset groups probed, checked against Roblox's limits, processed
// (images through process_image) and hashed, in parallel on TBB, with outputs cached by content hash. Images of
// groups with `pack` are then packed into spritesheets (asset_sheets.h), each sheet an entry of its own.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assets/asset_hash.h"
#include "assets/sprite_rect.h"
#include "base/diagnostic.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// What an input becomes on Roblox.
enum class AssetKind { image, audio, model, animation };

/// The kind's name as reported and as the Open Cloud asset type ("Image", "Audio", "Model", "Animation").
std::string_view asset_kind_name(AssetKind kind);

/// One named group of inputs (an `assets` entry of rbxpipe.json).
struct AssetGroup {
  std::string name;             ///< the group's key ("images")
  std::string glob;             ///< files it takes, relative to the project root
  ProcessingSettings settings;  ///< its processing settings
};

/// One input file and the group that took it.
struct AssetInput {
  std::string input;            ///< project-relative path with forward slashes
  std::string group;            ///< the group's name
  ProcessingSettings settings;  ///< the group's settings
};

/// One processed input: what it is, what was found and what would be uploaded.
struct ProcessedAsset {
  std::string input;                          ///< project-relative path
  std::string group;                          ///< the group that took it
  std::optional<AssetKind> kind;              ///< nullopt when the extension names no kind rbxpipe handles
  std::string format;                         ///< source format ("png", "ogg", "glb")
  std::string hash;                           ///< content hash (asset_hash.h); empty when unreadable
  std::uint64_t size = 0;                     ///< source bytes
  int width = 0;                              ///< images: processed pixels per row
  int height = 0;                             ///< images: processed rows
  double duration_s = 0;                      ///< audio: seconds
  int sample_rate = 0;                        ///< audio: Hz
  int channels = 0;                           ///< audio: channel count
  std::uint64_t max_mesh_triangles = 0;       ///< glTF/GLB: triangles of the largest mesh
  std::string mime;                           ///< content type of the upload ("image/png"); empty when unusable
  std::string output;                         ///< the bytes to upload; empty when an error was found
  bool cache_hit = false;                     ///< the output came from the cache
  std::string packed_into;                    ///< packed images: the sheet's input ("icons#sheet1"); else empty
  std::optional<SpriteRect> sprite;           ///< packed images: the rectangle in that sheet (sheet_id 0)
  std::vector<base::Diagnostic> diagnostics;  ///< problems found, each naming the input

  /// True when processing gave an output and no error diagnostics.
  bool ok() const { return !output.empty() && !base::has_errors(diagnostics); }
  /// True when the input is uploaded as an asset of its own: ok() and not packed. A packed image reaches Roblox
  /// inside its sheet (the entry named by packed_into), and the Assets module points at that sheet's id.
  bool uploadable() const { return ok() && packed_into.empty(); }
};

/// Where processing reads and caches.
struct ProcessOptions {
  std::filesystem::path root;                     ///< the project folder inputs are relative to
  std::optional<std::filesystem::path> cache_dir; ///< the cache folder; nullopt: no cache
  bool write_cache = true;                        ///< store new outputs (false for read-only checks)
};

/// Every processed input and spritesheet, sorted by input path, and the diagnostics of all of them, sorted.
struct ProcessResult {
  std::vector<ProcessedAsset> assets;         ///< one per input, plus one per spritesheet ("icons#sheet1")
  std::vector<base::Diagnostic> diagnostics;  ///< every input's diagnostics together
  std::size_t cache_hits = 0;                 ///< inputs and sheets served from the cache
};

/// Every file the groups' globs take under `root`, sorted by path; a file two groups take belongs to the first.
/// invalid_input for a glob that does not compile, io_error when a folder cannot be listed.
base::Result<std::vector<AssetInput>> collect_asset_inputs(const std::filesystem::path& root,
                                                           const std::vector<AssetGroup>& groups);

/// True when the processor treats `path` as an image: a png, jpg, jpeg, bmp or tga extension in any case.
bool is_image_input(std::string_view path);

/// Processes one input whose file holds `bytes`, without any I/O: kind by extension, probe, limits, output.
ProcessedAsset process_asset(const AssetInput& input, std::string_view bytes);

/// Reads and processes every input in parallel, using and filling the cache as `options` says, then packs the
/// images of groups with `pack` into spritesheets (see asset_sheets.h; the layout is kept in the cache folder when
/// `write_cache`). Problems with the inputs are diagnostics (ASSET0301 unreadable file, ASSET0302 unknown kind,
/// ASSET0303 cache not written, ASSET0020-0022 spritesheets).
ProcessResult process_assets(const std::vector<AssetInput>& inputs, const ProcessOptions& options);

}  // namespace rbxpipe::assets
