#pragma once
// Internal to the asset processor: a processed asset's findings as the JSON text cached beside its output.

#include <optional>
#include <string>
#include <string_view>

#include "assets/asset_processor.h"

namespace rbxpipe::assets {

/// The findings of `asset` (kind, format, size, dimensions, duration, mime, diagnostics without their file).
std::string encode_asset_metadata(const ProcessedAsset& asset);

/// Fills `asset`'s findings from `metadata`, naming `asset.input` in its diagnostics; false when malformed.
bool decode_asset_metadata(std::string_view metadata, ProcessedAsset& asset);

}  // namespace rbxpipe::assets
