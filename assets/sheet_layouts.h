#pragma once
// The spritesheet layouts kept between runs (`<project>/.rbxpipe/assets/sheets.json`): each packed group's slices in
// packing order and the content hash each image had, so the next packing keeps images in place (spritesheet.h) and
// a build can state sprite rectangles without decoding images (asset_sheets.h).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "assets/spritesheet.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// One group's stored packing.
struct StoredSheetLayout {
  SpriteLayout layout;                        ///< slices keyed by input path, in packing order
  std::map<std::string, std::string> hashes;  ///< input path -> its content hash when it was packed
  friend bool operator==(const StoredSheetLayout&, const StoredSheetLayout&) = default;
};

/// Every packed group's stored layout, by group name.
using StoredSheetLayouts = std::map<std::string, StoredSheetLayout>;

/// The file holding them: `<cache_dir>/sheets.json`.
std::filesystem::path sheet_layouts_path(const std::filesystem::path& cache_dir);

/// The layouts as JSON text (groups, then slices in packing order; ends with a newline).
std::string encode_sheet_layouts(const StoredSheetLayouts& layouts);

/// The layouts in `text`; nullopt when it is not a layouts file of this version.
std::optional<StoredSheetLayouts> decode_sheet_layouts(std::string_view text);

/// The stored layouts; empty when the file is missing or malformed (losing it only costs stability).
StoredSheetLayouts load_sheet_layouts(const std::filesystem::path& cache_dir);

/// Writes `layouts` atomically unless the file already holds exactly that text, or `layouts` is empty and there is
/// no file (a project that packs nothing gets none; one that stopped packing has its file emptied); true when it
/// was written.
base::Result<bool> save_sheet_layouts(const std::filesystem::path& cache_dir, const StoredSheetLayouts& layouts);

}  // namespace rbxpipe::assets
