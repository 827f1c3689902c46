#pragma once
// Spritesheets of asset groups with `pack`: after every input is processed, the group's images (downscaled and
// bled) are packed into sheets of at most `sheet_size` pixels with `padding` pixels of repeated edge, following the
// layout stored by the previous run (sheet_layouts.h) so that adding an image that fits moves no other. Each sheet
// is an entry of the result named "<group>#sheet<N>" (N from 1); each packed image keeps its own entry, marked with
// the sheet it went to and its rectangle there, and is not uploaded itself (ProcessedAsset::uploadable).
//
// A build needs the rectangles but not the pixels: plan_sprite_layouts gives the same layouts from the files, the
// stored layout and the cache, decoding an image only when neither knows its size.

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "assets/asset_processor.h"
#include "assets/sheet_layouts.h"
#include "assets/sprite_rect.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// Where a packed input went.
struct SpritePlacement {
  std::string packed_into;  ///< the sheet's input ("icons#sheet1")
  SpriteRect rect;          ///< its rectangle in that sheet (sheet_id 0)
  friend bool operator==(const SpritePlacement&, const SpritePlacement&) = default;
};

/// Diagnostic code of a sheet that could not be drawn (ASSET0020 and ASSET0021 come from spritesheet.h).
inline constexpr std::string_view k_sheet_not_drawn = "ASSET0022";

/// The input name of sheet `index` (from 0) of `group`: "<group>#sheet<index + 1>".
std::string sheet_input_name(std::string_view group, int index);

/// Packs the images of `result` whose group has `pack` (processed without errors, small enough for a sheet), marks
/// them (packed_into, sprite), appends one entry per sheet and, when `options.write_cache`, caches the sheets and
/// stores the layout. `inputs` are those result.assets was made from, in the same order. process_assets calls it.
void pack_asset_sheets(ProcessResult& result, const std::vector<AssetInput>& inputs, const ProcessOptions& options);

/// Placements of every packed input of a processed result, by input path.
std::map<std::string, SpritePlacement> sprite_placements(const ProcessResult& result);

/// Placements of every input in `layouts` (as stored or planned), by input path.
std::map<std::string, SpritePlacement> sprite_placements(const StoredSheetLayouts& layouts);

/// Reads one input file; builds pass a reader that also records the file as a dependency. Called concurrently.
using ReadInputBytes = std::function<base::Result<std::string>(const std::filesystem::path&)>;

/// The layouts process_assets would store for the inputs of groups with `pack`, without drawing a sheet: an image's
/// size comes from the stored layout while its hash is unchanged, else from its cached findings, else from
/// processing it in memory. Reads the files through `read` and the cache folder; writes nothing.
StoredSheetLayouts plan_sprite_layouts(const std::vector<AssetInput>& inputs, const ProcessOptions& options,
                                       const ReadInputBytes& read);

/// sprite_placements(plan_sprite_layouts(inputs, options, read)).
std::map<std::string, SpritePlacement> plan_sprite_placements(const std::vector<AssetInput>& inputs,
                                                              const ProcessOptions& options,
                                                              const ReadInputBytes& read);

}  // namespace rbxpipe::assets
