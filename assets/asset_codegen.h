#pragma once
// The generated Assets module (CONTRACTS.md §3): asset inputs keyed by their path under their glob's fixed prefix,
// as Luau source for a ModuleScript and as a roblox-ts declaration file.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assets/luau_text.h"
#include "assets/sprite_rect.h"
#include "base/result.h"

namespace rbxpipe::assets {

/// One asset input as the Assets module names it.
struct AssetEntry {
  std::string input;                 ///< project-relative input path ("assets/images/ui/lava.png")
  std::string key;                   ///< path under its glob's fixed prefix, without extension ("ui/lava")
  std::int64_t id = 0;               ///< uploaded asset id; 0 is the placeholder before upload
  std::optional<SpriteRect> sprite;  ///< set when the image was packed into a spritesheet
  friend bool operator==(const AssetEntry&, const AssetEntry&) = default;
};

/// How keys become tables: `nested` makes a table per folder (`Assets.ui.lava`), `flat` keeps the slashes in one
/// key (`Assets["ui/lava"]`).
enum class CodegenStyle { nested, flat };

/// The style named "nested" or "flat"; nullopt for anything else.
std::optional<CodegenStyle> codegen_style_from_name(std::string_view name);

/// The key of `input` under a glob's `fixed_prefix` ("assets/images/"): the rest of the path without the file's
/// extension ("ui/lava"). A file name whose only dot is its first character keeps it (".keep").
std::string asset_key(std::string_view input, std::string_view fixed_prefix);

/// Entries with placeholder ids for every file the globs take under `root`, sorted by input path. A file that
/// several globs take is listed once, keyed under the first of them. invalid_input for a glob that does not compile,
/// io_error when a folder cannot be listed.
base::Result<std::vector<AssetEntry>> collect_asset_entries(const std::filesystem::path& root,
                                                            const std::vector<std::string>& globs);

/// Sets each entry's id from `ids` (input path -> uploaded id); entries missing there keep their id.
void assign_asset_ids(std::vector<AssetEntry>& entries, const std::map<std::string, std::int64_t>& ids);

/// The value an entry has in the Assets module: `"rbxassetid://<id>"`, or for a sprite
/// `{ Image = "rbxassetid://<sheet>", ImageRectOffset = Vector2.new(x, y), ImageRectSize = Vector2.new(w, h) }`.
LuauExpr asset_luau_value(const AssetEntry& entry);

/// invalid_input naming both inputs when two entries take the same key, or (nested) when one entry's key is a
/// folder of another's ("ui" and "ui/lava").
base::Result<void> check_asset_keys(const std::vector<AssetEntry>& entries, CodegenStyle style);

/// Luau source of the Assets ModuleScript: a header saying it is generated, `export type Sprite`, `export type
/// Assets` and the table itself, keys sorted. Fails as check_asset_keys does.
base::Result<std::string> generate_assets_luau(const std::vector<AssetEntry>& entries, CodegenStyle style);

/// The roblox-ts declaration of the same module (`declare const Assets: {...}; export = Assets;`). Fails as
/// check_asset_keys does.
base::Result<std::string> generate_assets_typescript(const std::vector<AssetEntry>& entries, CodegenStyle style);

}  // namespace rbxpipe::assets
