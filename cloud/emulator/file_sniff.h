#pragma once
// Internal to cloud/emulator/: which MIME types each asset type takes (open-cloud.md §1.3), whether a file's first
// bytes agree with its MIME type, and image dimensions read from PNG, JPEG, BMP and TGA headers.

#include <optional>
#include <string_view>

namespace rbxpipe::cloud::emulator {

/// True when `asset_type` ("Image", "Model"...) accepts files of `mime`.
bool mime_allowed(std::string_view asset_type, std::string_view mime);

/// True when the bytes start the way a `mime` file does.
bool magic_matches(std::string_view mime, std::string_view bytes);

/// Width and height in pixels.
struct ImageSize {
  long width = 0;   ///< pixels
  long height = 0;  ///< pixels
};

/// The dimensions of a PNG, JPEG, BMP or TGA image, or nullopt when the header cannot be read.
std::optional<ImageSize> image_size(std::string_view mime, std::string_view bytes);

}  // namespace rbxpipe::cloud::emulator
