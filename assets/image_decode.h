#pragma once
// Image decoding: probe, limits and integrity checks first, then pixels (stb_image) as 8-bit RGBA.

#include <optional>
#include <string_view>
#include <vector>

#include "assets/image.h"
#include "assets/image_limits.h"
#include "assets/image_probe.h"
#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// The decoded pixels (absent when an error was found) and every diagnostic about the file.
struct DecodedImage {
  ImageFormat format = ImageFormat::unknown;  ///< detected format
  std::optional<Image> image;                 ///< RGBA pixels; nullopt when the file is unusable
  std::vector<base::Diagnostic> diagnostics;  ///< errors and warnings, each naming the file

  /// True when pixels were decoded.
  bool ok() const { return image.has_value(); }
};

/// Decodes `bytes` (the file at `path`) to RGBA after checking the header, the limits (refusing oversized images
/// before allocating) and, for PNG, every chunk CRC. `will_downscale` only changes the wording of size warnings.
DecodedImage decode_image(std::string_view bytes, std::string_view path, const ImageLimits& limits = {},
                          bool will_downscale = false);

}  // namespace rbxpipe::assets
