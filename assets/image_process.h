#pragma once
// The image step of the asset stage: decode, check, downscale, bleed alpha and encode a deterministic PNG.

#include <string>
#include <string_view>
#include <vector>

#include "assets/image_probe.h"
#include "base/diagnostic.h"

namespace rbxpipe::assets {

/// How an image input is processed (the `images` input's settings in rbxpipe.json).
struct ImageOptions {
  int max_size = 1024;   ///< longest side allowed; larger images are warned about and, with downscale, scaled
  bool bleed = true;     ///< fill fully transparent pixels' colour from their neighbours
  bool downscale = true; ///< scale images whose longest side exceeds max_size down to it
};

/// A processed image: PNG bytes ready to upload, its final size, and the diagnostics found on the way.
struct ProcessedImage {
  std::string png;                            ///< deterministic PNG; empty when an error was found
  int width = 0;                              ///< final pixels per row
  int height = 0;                             ///< final rows
  ImageFormat source_format = ImageFormat::unknown;  ///< format of the input file
  std::vector<base::Diagnostic> diagnostics;  ///< errors and warnings, each naming the file

  /// True when PNG bytes were produced.
  bool ok() const { return !png.empty(); }
};

/// Processes the image file `bytes` read from `path`: the same bytes and options always give the same PNG.
ProcessedImage process_image(std::string_view bytes, std::string_view path, const ImageOptions& options = {});

}  // namespace rbxpipe::assets
