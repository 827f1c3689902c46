#pragma once
// Content hashes of asset inputs: SHA-256 over the source bytes and every setting that changes the processed output,
// so a changed setting re-processes an input and a renamed file does not.

#include <string>
#include <string_view>

namespace rbxpipe::assets {

/// Version of rbxpipe's asset processing; bumped whenever the same input and settings would give different output.
inline constexpr int k_processing_version = 1;

/// The settings of an asset group that shape its processed output (mirrors pipeline::AssetGroupConfig).
struct ProcessingSettings {
  int max_size = 1024;           ///< images: downscale to this many pixels per side
  bool bleed = true;             ///< images: bleed colour into transparent pixels
  bool pack = false;             ///< images: pack into spritesheets
  bool update_in_place = false;  ///< models: one asset per input, updated by new versions
  int sheet_size = 1024;         ///< packed images: spritesheets are at most this many pixels per side
  int padding = 2;               ///< packed images: pixels of repeated edge around each image in a sheet
};

/// The canonical text of `settings` and the processing version, fields in a fixed order
/// ("rbxpipe-assets/1;max_size=1024;bleed=1;pack=0;update_in_place=0"); the sheet settings follow only when `pack`
/// is set (";sheet_size=1024;padding=2"), so unpacked inputs keep their hashes whatever those say.
std::string canonical_settings(const ProcessingSettings& settings);

/// Lower-case hex SHA-256 of the canonical settings and then `bytes`; the input's path plays no part.
std::string content_hash(std::string_view bytes, const ProcessingSettings& settings);

}  // namespace rbxpipe::assets
